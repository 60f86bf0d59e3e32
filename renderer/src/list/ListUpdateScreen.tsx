import { useState, type FormEvent } from 'react';
import { usePolledProgress } from '../app/usePolledProgress';
import { useTranslation } from 'react-i18next';
import type { ListPlanView } from '../../../shared/ipc/list';
import { useNav } from '../app/nav';
import { ActionButton } from '../ui/Field';
import { formatCount, formatDateTime } from '../ui/format';
import { Field } from '../setup/AdminsStep';
import { SetupError } from '../setup/SetupError';
import { useListCall } from './listCall';
import './strings';
import './list.css';

type FileView = { token: string; name: string; size: number; kind: 'csv' | 'bundle' };
const EMPTY = { staffId: '', pin: '' };

/**
 * 「保護リストの更新」: choose (main reads the file), review the plan by counts and 管理番号, then commit —
 * with a second person whenever anyone's protection would end or shorten (SPEC F8: never silently).
 */
export function ListUpdateScreen() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const { call, busy, error } = useListCall();
  const [file, setFile] = useState<FileView | null>(null);
  const [plan, setPlan] = useState<ListPlanView | null>(null);
  const [done, setDone] = useState<ListPlanView | null>(null);
  const [first, setFirst] = useState(EMPTY);
  const [second, setSecond] = useState(EMPTY);
  const [committing, setCommitting] = useState(false);
  const progress = usePolledProgress(committing, 'list:progress');

  const reset = () => {
    setFile(null);
    setPlan(null);
    setDone(null);
    setFirst(EMPTY);
    setSecond(EMPTY);
  };
  const choose = async () => {
    const r = await call('list:choose', {});
    if (r?.file) {
      reset();
      setFile(r.file);
    }
  };
  const review = async () => {
    if (file) setPlan(await call('list:dryRun', { token: file.token }));
  };
  const two = plan?.summary?.needsTwoPeople === true;
  const commit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || !plan?.summary) return;
    setCommitting(true);
    const r = await call('list:commit', { token: file.token, planHash: plan.summary.planHash, first, ...(two ? { second } : {}) });
    setCommitting(false);
    // PINs never stay on screen after an attempt, whatever its outcome.
    setFirst((w) => ({ ...w, pin: '' }));
    setSecond((w) => ({ ...w, pin: '' }));
    if (r) (r.ok ? setDone : setPlan)(r);
  };

  return (
    <section className="panel list-screen" aria-labelledby="list-update-title" data-testid="list-update">
      <div className="list-head">
        <h2 id="list-update-title">{t('list.update.title')}</h2>
        <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('list.back')}</button>
      </div>
      {done ? (
        <div data-testid="list-done">
          <p className="setup-ok" role="status">{t('list.update.done', { n: formatCount(done.summary?.total ?? 0) })}</p>
          <button type="button" className="btn" onClick={reset}>{t('list.update.again')}</button>
        </div>
      ) : (
        <>
          <p>{t('list.update.lead')}</p>
          <div className="setup-row">
            <button type="button" className="btn btn-secondary" onClick={() => void choose()} disabled={busy} data-testid="list-choose">{t('list.update.choose')}</button>
            {file && (
              <span data-testid="list-file" data-kind={file.kind}>
                {t('list.update.chosen', { name: file.name, size: formatCount(file.size) })} <span className="list-kind">{t(`list.update.kind.${file.kind}`)}</span>
              </span>
            )}
          </div>
          {file && !plan && <button type="button" className="btn" onClick={() => void review()} disabled={busy} data-testid="list-dry-run">{t('list.update.dryRun')}</button>}
          {/* The refusal sits where the eye is: under the button that was just pressed. */}
          {!plan && <SetupError error={error} />}
          {plan && <PlanView plan={plan} />}
          {plan?.ok && plan.summary && (
            <form className="setup-form list-commit" onSubmit={(e) => void commit(e)} aria-describedby="list-who-note">
              <p id="list-who-note" className={two ? 'list-two' : 'muted'} data-testid="list-who-note">{t(two ? 'list.update.twoPeople' : 'list.update.onePerson')}</p>
              <div className="list-people">
                <Person legend={t('list.update.first')} prefix="list-first" value={first} onChange={setFirst} />
                {two && <Person legend={t('list.update.second')} prefix="list-second" value={second} onChange={setSecond} />}
              </div>
              <ActionButton
                type="submit" id="list-commit" data-testid="list-commit"
                disabled={busy || !first.staffId || !first.pin || (two && (!second.staffId || !second.pin))}
                disabledReason={busy ? undefined : t(two ? 'list.update.commitTwoDisabled' : 'list.update.commitDisabled')}
              >{t(two ? 'list.update.commitTwo' : 'list.update.commit')}</ActionButton>
            </form>
          )}
          {plan && <SetupError error={error} />}
        </>
      )}
      {progress && (committing || !done) && (
        <div className="setup-progress" data-testid="list-progress">
          <label htmlFor="list-progress-bar">{t('list.update.progressLabel')}: {t(`list.update.progress.${progress.phase}`)} {formatCount(progress.done)} / {formatCount(progress.total)}</label>
          <progress id="list-progress-bar" max={Math.max(progress.total, 1)} value={progress.done} />
        </div>
      )}
    </section>
  );
}

function Person({ legend, prefix, value, onChange }: { legend: string; prefix: string; value: { staffId: string; pin: string }; onChange: (v: { staffId: string; pin: string }) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="setup-admin">
      <legend>{legend}</legend>
      <Field id={`${prefix}-id`} label={t('list.update.staffId')} value={value.staffId} onChange={(v) => onChange({ ...value, staffId: v })} />
      <Field id={`${prefix}-pin`} label={t('list.update.pin')} value={value.pin} onChange={(v) => onChange({ ...value, pin: v })} secret />
    </fieldset>
  );
}

function PlanView({ plan }: { plan: ListPlanView }) {
  const { t, i18n } = useTranslation();
  const s = plan.summary;
  return (
    <section className="list-plan" aria-labelledby="list-plan-title" data-testid="list-plan">
      <h3 id="list-plan-title">{t('list.update.summary')}</h3>
      {plan.bundleCreatedAt && <p className="muted">{t('list.update.bundleMade', { at: formatDateTime(plan.bundleCreatedAt, i18n.language) })}</p>}
      {s && (
        <dl className="list-facts">
          {(['total', 'added', 'changed', 'unchanged', 'removed', 'shortened'] as const).map((k) => (
            <div key={k} className={(k === 'removed' || k === 'shortened') && s[k] > 0 ? 'is-bad' : undefined}>
              <dt>{t(`list.update.${k}`)}</dt><dd data-testid={`list-plan-${k}`}>{t('list.update.persons', { n: formatCount(s[k]) })}</dd>
            </div>
          ))}
        </dl>
      )}
      {s && s.removed > 0 && <IdList title={t('list.update.removedIds')} ids={s.removedIds} total={s.removed} testId="list-removed-ids" />}
      {s && s.shortened > 0 && <IdList title={t('list.update.shortenedIds')} ids={s.shortenedIds} total={s.shortened} testId="list-shortened-ids" />}
      {!plan.ok && plan.error && plan.issues.length === 0 && <SetupError error={plan.error} />}
      {!plan.ok && plan.issues.length > 0 && (
        <>
          <h4>{t('list.update.issues')}</h4>
          <ul className="setup-issues">{plan.issues.slice(0, 20).map((i, n) => <li key={n}>{i18n.language === 'en' ? i.en : i.ja} <small className="code">{t('common.code', { code: i.code })}</small></li>)}</ul>
        </>
      )}
    </section>
  );
}

function IdList({ title, ids, total, testId }: { title: string; ids: string[]; total: number; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="list-ids">
      <h4>{title}</h4>
      <ul data-testid={testId}>{ids.map((id) => <li key={id}>{id}</li>)}</ul>
      {total > ids.length && <p className="muted">{t('list.update.moreIds', { n: formatCount(total - ids.length) })}</p>}
    </div>
  );
}
