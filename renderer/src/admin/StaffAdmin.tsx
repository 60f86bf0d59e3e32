import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRowView } from '../../../shared/ipc/staff';
import { useNav } from '../app/nav';
import { ErrorLine } from '../login/ErrorLine';
import { useSessionStore } from '../login/sessionStore';
import { ConfirmPanel, ProposeForm, type Draft } from './StaffChangeForms';
import { useStaffAdmin } from './staffAdminStore';
import { RoleList } from './RoleList';
import './staffStrings';
import './staffAdmin.css';

/**
 * Staff administration (SPEC F9): the list, and one change at a time — proposed by the administrator who is
 * logged in, confirmed at the same terminal by a second person with their own id + PIN.
 */
export function StaffAdmin() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const session = useSessionStore((s) => s.session);
  const { staff, pending, error, notice, load } = useStaffAdmin();
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const me = session?.staffId ?? '';

  if (pending) return <ConfirmPanel />;
  if (draft) return <ProposeForm draft={draft} proposerId={me} onDone={() => setDraft(null)} />;
  return (
    <section className="panel staff-admin" aria-labelledby="staff-admin-title" data-testid="staff-admin">
      <div className="sa-head">
        <h2 id="staff-admin-title">{t('staffAdmin.title')}</h2>
        <button type="button" className="btn" onClick={() => setDraft({ kind: 'add' })} data-testid="staff-add" autoFocus>{t('staffAdmin.add')}</button>
        <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('staffAdmin.back')}</button>
      </div>
      <p className="sa-lead">{t('staffAdmin.lead')}</p>
      {notice && <p className="sa-notice" role="status" data-testid="staff-notice">{t(`staffAdmin.done.${notice.key}`, { id: notice.id })}</p>}
      <ErrorLine error={error} testId="staff-error" />
      <table className="sa-table">
        <thead>
          <tr>
            <th scope="col">{t('staffAdmin.col.id')}</th>
            <th scope="col">{t('staffAdmin.col.name')}</th>
            <th scope="col">{t('staffAdmin.col.roles')}</th>
            <th scope="col">{t('staffAdmin.col.state')}</th>
            <th scope="col">{t('staffAdmin.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((m) => <StaffRow key={m.staffId} m={m} self={m.staffId === me} onAction={setDraft} />)}
        </tbody>
      </table>
    </section>
  );
}

function StaffRow({ m, self, onAction }: { m: StaffRowView; self: boolean; onAction(d: Draft): void }) {
  const { t } = useTranslation();
  const actions = (['setRoles', 'resetPin', 'unlock', 'retire'] as const).filter((k) => k !== 'unlock' || m.locked || m.failedCount > 0);
  return (
    <tr className={m.retired ? 'is-retired' : m.locked ? 'is-locked' : undefined} data-testid={`staff-row-${m.staffId}`}>
      <td className="sa-id">{m.staffId}</td>
      <td>{m.displayName}{self && <span className="muted"> {t('staffAdmin.self')}</span>}</td>
      <td><RoleList roles={m.roles} /></td>
      <td>
        <span className={`sa-state ${m.retired ? 'retired' : m.locked ? 'locked' : 'active'}`}>
          {t(`staffAdmin.state.${m.retired ? 'retired' : m.locked ? 'locked' : 'active'}`)}
        </span>
        {!m.retired && m.failedCount > 0 && <span className="sa-failed"> {t('staffAdmin.state.failed', { count: m.failedCount })}</span>}
      </td>
      <td>
        {/* Nobody changes their own record (core rule); a retired member has nothing left to change. */}
        <div className="sa-actions">
        {!self && !m.retired && actions.map((k) => (
          <button
            key={k} type="button" className={`btn btn-small ${k === 'retire' ? 'btn-danger' : 'btn-secondary'}`}
            aria-label={t('staffAdmin.actionFor', { action: t(`staffAdmin.action.${k}`), name: `${m.displayName}（${m.staffId}）` })}
            onClick={() => onAction({ kind: k, member: m })}
          >
            {t(`staffAdmin.action.${k}`)}
          </button>
        ))}
        </div>
      </td>
    </tr>
  );
}
