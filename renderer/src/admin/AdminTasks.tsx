/**
 * The administration screen (issue 17): an administrator logs in with their own PIN, sees this terminal's state
 * and runs the tasks IT also scripts with `CounterShield.exe --admin`. Every result is what main chose to say —
 * counts, codes and the name of the file the save dialog wrote; a file's content never reaches this window.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import type { AdminStatusView } from '../../../shared/ipc/admin';
import { useNav } from '../app/nav';
import { ErrorLine } from '../login/ErrorLine';
import { PinField } from '../login/PinField';
import { ActionButton, Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { errorMessage } from '../ui/errorText';
import './adminTasksStrings';
import './adminTasks.css';

type Login = { token: string; staffId: string; expiresAt: string };
type Task = 'verify' | 'checkpoint' | 'support' | 'backup' | 'restore';

function useAdminProgress(active: boolean): { step: number; steps: number } | null {
  const [p, setP] = useState<{ step: number; steps: number } | null>(null);
  useEffect(() => {
    if (!active) return setP(null);
    const id = setInterval(() => void window.countershield.invoke('admin:progress', {}).then((r) => r.ok && r.value.running && setP(r.value)), 200);
    return () => clearInterval(id);
  }, [active]);
  return p;
}

function AdminLogin({ onLogin }: { onLogin(l: Login): void }) {
  const { t } = useTranslation();
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = pin;
    setPin('');
    setError(null);
    setBusy(true);
    try {
      const r = await window.countershield.invoke('admin:login', { staffId: staffId.trim(), pin: typed });
      if (r.ok) onLogin(r.value);
      else setError(r.error);
    } finally {
      setBusy(false);
    }
  };
  const ready = !busy && staffId.trim().length > 0 && pin.length >= 6;
  return (
    <form className="at-login" onSubmit={(e) => void submit(e)} aria-labelledby="at-login-title" data-testid="admin-login">
      <h3 id="at-login-title">{t('adminTasks.login.title')}</h3>
      <Field id="at-staff" label={t('adminTasks.login.staffId')}>
        {(c) => <input {...c} name="at-staff" value={staffId} onChange={(e) => setStaffId(e.target.value)} autoComplete="off" spellCheck={false} maxLength={32} autoFocus />}
      </Field>
      <PinField id="at-pin" label={t('adminTasks.login.pin')} value={pin} onChange={setPin} />
      <div className="at-login-go">
        <ActionButton type="submit" id="at-login-go" disabled={!ready} disabledReason={busy ? undefined : t('adminTasks.login.disabled')}>{t('adminTasks.login.submit')}</ActionButton>
      </div>
      <div className="wide"><ErrorLine error={error} testId="admin-login-error" /></div>
    </form>
  );
}

function StatusFacts({ s }: { s: AdminStatusView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const rows: Array<[string, string]> = [
    [t('adminTasks.status.persons'), t('adminTasks.status.persons_value', { count: s.list.persons, version: s.list.version })],
    [t('adminTasks.status.lastImport'), s.list.lastImportAt ? `${formatDateTime(s.list.lastImportAt, lang)}（${t('adminTasks.status.age', { days: s.list.ageDays ?? 0 })}）`.replace('（0日前）', `（${t('adminTasks.status.today')}）`) : t('adminTasks.status.never')],
    [t('adminTasks.status.expiries'), t('adminTasks.status.expiries_value', { soon: s.expiries.expiresWithinMonth, expired: s.expiries.expired, provisional: s.expiries.provisional })],
    [t('adminTasks.status.staff'), s.staff ? t(s.staff.locked ? 'adminTasks.status.staff_value' : 'adminTasks.status.staff_unlocked', s.staff) : '—'],
    [t('adminTasks.status.enrolled'), t('adminTasks.status.enrolled_value', { count: s.enrolled.length })],
    [t('adminTasks.status.policy'), t('adminTasks.status.policy_value', { state: t(`adminTasks.policyState.${s.policy.state}`), revision: s.policy.revision })],
    [t('adminTasks.status.terminal'), `${s.terminalId}　${t('adminTasks.status.version')} ${s.appVersion}（${t('adminTasks.status.schema', { version: s.schemaVersion })}）`],
  ];
  return (
    <dl className="at-facts" data-testid="admin-status">
      {rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
    </dl>
  );
}

/** Refusals about who the second administrator is (not their PIN): shown under the 2人目の職員番号. */
const SECOND_ID_CODES = new Set(['E_ADMIN_SECOND_PERSON_REQUIRED', 'E_ADMIN_SAME_PERSON', 'E_ADMIN_NOT_ADMIN', 'E_STAFF_UNKNOWN', 'E_STAFF_NOT_ADMIN']);

export function AdminTasks() {
  const { t, i18n } = useTranslation();
  const go = useNav((s) => s.go);
  const [login, setLogin] = useState<Login | null>(null);
  const [status, setStatus] = useState<AdminStatusView | null>(null);
  const [running, setRunning] = useState<Task | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [lastTask, setLastTask] = useState<Task | null>(null);
  const [secondId, setSecondId] = useState('');
  const [secondPin, setSecondPin] = useState('');
  const choose = async () => {
    if (!login) return;
    setError(null);
    setLastTask('restore');
    const r = await window.countershield.invoke('admin:restore-choose', { token: login.token });
    if (!r.ok) return fail(r.error);
    setChosen(r.value.chosen ? r.value.name : null);
  };
  const progress = useAdminProgress(running !== null);

  const fail = (e: AppErrorInfo) => {
    setError(e);
    if (e.code === 'E_ADMIN_LOGIN_EXPIRED') setLogin(null);
  };
  const loadStatus = async (l: Login) => {
    const r = await window.countershield.invoke('admin:status', { token: l.token });
    if (r.ok) setStatus(r.value);
    else fail(r.error);
  };
  useEffect(() => {
    if (login) void loadStatus(login);
  }, [login]);

  const saved = (f: { saved: boolean; location: string }) => (f.saved ? f.location : t('adminTasks.checkpoint.cancelled'));
  const run = async (task: Task) => {
    if (!login) return;
    setLastTask(task);
    setRunning(task);
    setResult(null);
    setError(null);
    try {
      if (task === 'verify') {
        const r = await window.countershield.invoke('admin:verify', { token: login.token });
        if (!r.ok) return fail(r.error);
        const v = r.value;
        setResult(v.firstBad ? { ok: false, text: t('adminTasks.verify.bad', { problems: v.problems, seq: v.firstBad.seq, what: v.firstBad.ja }) } : { ok: true, text: t('adminTasks.verify.ok', { entries: v.entries, last: v.lastSeq }) });
      } else if (task === 'checkpoint') {
        const r = await window.countershield.invoke('admin:checkpoint', { token: login.token });
        if (!r.ok) return fail(r.error);
        setResult({ ok: true, text: t('adminTasks.checkpoint.done', { seq: r.value.seq, file: saved(r.value.file), paper: saved(r.value.paper) }) });
      } else if (task === 'support') {
        const r = await window.countershield.invoke('admin:support', { token: login.token });
        if (!r.ok) return fail(r.error);
        setResult({ ok: true, text: t('adminTasks.support.done', { file: saved(r.value.file), entries: r.value.entries, codes: r.value.errorCodes }) });
      } else if (task === 'backup') {
        const r = await window.countershield.invoke('admin:backup', { token: login.token });
        if (!r.ok) return fail(r.error);
        setResult({ ok: true, text: t('adminTasks.backup.done', { persons: r.value.persons, file: saved(r.value.file) }) });
      } else {
        const typed = recoveryKey;
        const second = secondId.trim() && secondPin ? { staffId: secondId.trim(), pin: secondPin } : undefined;
        setRecoveryKey('');
        setSecondPin('');
        const r = await window.countershield.invoke('admin:restore', { token: login.token, recoveryKey: typed, ...(second && { second }) });
        if (!r.ok) return fail(r.error);
        // Every login ended with the old vault: the screen goes back to the administrator login.
        setChosen(null);
        setLogin(null);
        setStatus(null);
        setResult({ ok: true, text: t('adminTasks.restore.done', { removed: r.value.removed, shortened: r.value.shortened, persons: r.value.status.list.persons }) });
        return;
      }
    } finally {
      setRunning(null);
    }
    // The state after the task (a backup or checkpoint adds audit entries); the buttons are free again meanwhile.
    await loadStatus(login);
  };

  const busy = running !== null;
  // A refusal of the typed recovery key belongs under that field (DADS: the error under the field it is about).
  const keyError = lastTask === 'restore' && error?.code.startsWith('E_RECOVERY_KEY') ? error : null;
  // The second administrator's refusals belong under their own fields: who (missing, the same person, not an
  // administrator, unknown) under the 職員番号, a wrong or locked PIN under the 暗証番号. Only the logged-in
  // administrator was checked before, so a PIN refusal here is always the second person's.
  const restoreError = lastTask === 'restore' && !keyError ? error : null;
  const secondIdError = restoreError && SECOND_ID_CODES.has(restoreError.code) ? restoreError : null;
  const secondPinError = restoreError && !secondIdError && (restoreError.code.startsWith('E_PIN_') || restoreError.code === 'E_ADMIN_PIN_MISSING') ? restoreError : null;
  const outcome = (
    <>
      {result && <p className={result.ok ? 'at-result ok' : 'at-result bad'} role="status" data-testid="admin-result">{result.text}</p>}
      {lastTask !== 'restore' && <ErrorLine error={error} testId="admin-error" />}
    </>
  );
  return (
    <section className="panel admin-tasks" aria-labelledby="at-title" data-testid="admin-tasks">
      <div className="at-head">
        <h2 id="at-title">{t('adminTasks.title')}</h2>
        {login && <span className="at-who" data-testid="admin-who">{t('adminTasks.who', { id: login.staffId, until: formatDateTime(login.expiresAt, 'ja').slice(-5) })}</span>}
        <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('adminTasks.back')}</button>
      </div>
      <p className="at-lead">{t('adminTasks.lead')}</p>
      {!login ? (
        <AdminLogin onLogin={(l) => { setError(null); setLogin(l); }} />
      ) : (
        <div className="at-body">
          <div className="at-col">
            <h3>{t('adminTasks.status.title')}</h3>
            {status && <StatusFacts s={status} />}
            <div className="at-restore">
              <h3>{t('adminTasks.restore.title')}</h3>
              <p>{t('adminTasks.restore.text')}</p>
              <div className="at-buttons">
                <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void choose()} data-testid="admin-restore-choose">{t('adminTasks.restore.choose')}</button>
                {chosen && <span data-testid="admin-restore-chosen">{t('adminTasks.restore.chosen', { name: chosen })}</span>}
              </div>
              <Field id="at-recovery" label={t('adminTasks.restore.key')} error={keyError ? errorMessage(keyError, i18n.language) : null} errorCode={keyError?.code}>
                {(c) => <input {...c} name="at-recovery" type="password" value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} autoComplete="off" spellCheck={false} maxLength={200} />}
              </Field>
              <p className="at-second">{t('adminTasks.restore.second')}</p>
              <div className="at-second-fields">
                <Field id="at-second-id" label={t('adminTasks.restore.secondId')} required={false} error={secondIdError ? errorMessage(secondIdError, i18n.language) : null} errorCode={secondIdError?.code}>
                  {(c) => <input {...c} name="at-second-id" value={secondId} onChange={(e) => setSecondId(e.target.value)} autoComplete="off" spellCheck={false} maxLength={32} />}
                </Field>
                <Field id="at-second-pin" label={t('adminTasks.restore.secondPin')} required={false} error={secondPinError ? errorMessage(secondPinError, i18n.language) : null} errorCode={secondPinError?.code}>
                  {(c) => <input {...c} name="at-second-pin" type="password" inputMode="numeric" value={secondPin} onChange={(e) => setSecondPin(e.target.value.replace(/\D/g, ''))} autoComplete="off" maxLength={12} />}
                </Field>
              </div>
              <ActionButton id="at-restore" className="btn btn-secondary" disabled={busy || !chosen || recoveryKey.trim().length < 16} disabledReason={busy ? undefined : t('adminTasks.restore.disabled')} onClick={() => void run('restore')} data-testid="admin-restore">{t('adminTasks.restore.button')}</ActionButton>
              {restoreError && !secondIdError && !secondPinError && <ErrorLine error={restoreError} testId="admin-restore-error" />}
              <div className="at-buttons">
                <button type="button" className="btn btn-secondary btn-small" onClick={() => go('list-update')}>{t('adminTasks.restore.update')}</button>
                <button type="button" className="btn btn-secondary btn-small" onClick={() => go('list-export')}>{t('adminTasks.restore.export')}</button>
              </div>
            </div>
          </div>
          <div className="at-col">
            <h3>{t('adminTasks.tasks.title')}</h3>
            <div className="at-buttons at-three">
              <ActionButton id="at-verify" className="btn btn-secondary" disabled={busy} onClick={() => void run('verify')} data-testid="admin-verify">{t('adminTasks.verify.button')}</ActionButton>
              <ActionButton id="at-checkpoint" className="btn btn-secondary" disabled={busy} onClick={() => void run('checkpoint')} data-testid="admin-checkpoint">{t('adminTasks.checkpoint.button')}</ActionButton>
              <ActionButton id="at-support" className="btn btn-secondary" disabled={busy} onClick={() => void run('support')} data-testid="admin-support">{t('adminTasks.support.button')}</ActionButton>
            </div>
            {busy && <p className="at-progress" role="status" data-testid="admin-progress"><progress max={progress?.steps ?? 1} value={progress?.step ?? 0} /> {t('adminTasks.progress', { step: progress?.step ?? 0, steps: progress?.steps ?? 1 })}</p>}
            {lastTask !== 'backup' && outcome}
            <div className="at-backup">
              <p>{t('adminTasks.backup.keyHint')}</p>
              <ActionButton id="at-backup" disabled={busy} onClick={() => void run('backup')} data-testid="admin-backup">{t('adminTasks.backup.button')}</ActionButton>
              {/* The backup's outcome under its own button, not above the text that explains it. */}
              {lastTask === 'backup' && outcome}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
