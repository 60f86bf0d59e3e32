import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import type { StationOverview } from '../../../shared/ipc/fleet';
import type { ReleasePreview } from '../../../shared/ipc/fleetStation';
import { ErrorNote } from '../review/ErrorNote';
import { LeadNav } from '../review/LeadNav';
import { EMPTY_PAIR, PersonFields, type PinPair } from '../review/TwoPeople';
import { DateField, typedDay } from '../ui/DateField';
import { ActionButton, Field } from '../ui/Field';
import { errorMessage } from '../ui/errorText';
import { jstToday, pairProblems, recoveryKeyOk, TERMINAL_ID } from './stationForm';
import './stationStrings';
import './fleet.css';

type Task = 'create' | 'release' | 'retire' | 'rotate';
type Answer<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo };
interface Done { text: string; next: string[]; sheet?: string[] }

/**
 * 本部の配布作業 (issue 18), for administrators at the station: create the drop folder, release a package, retire a
 * PC, rotate the signing keys. Each task says what it will do first, asks for two administrators' PINs, shows that it
 * is working, and ends with what happened and what to do next. Main checks the roles and both PINs on every call.
 */
export function StationDesk() {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<StationOverview | null>(null);
  const [preview, setPreview] = useState<ReleasePreview | null>(null);
  const [task, setTask] = useState<Task>('create');
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const reload = async (): Promise<StationOverview | null> => {
    const o = await window.countershield.invoke('fleet:overview', {});
    if (!o.ok) {
      setError(o.error);
      return null;
    }
    setOverview(o.value);
    if (!o.value.created) {
      setPreview(null);
      return o.value;
    }
    const p = await window.countershield.invoke('fleet:releasePreview', {});
    if (p.ok) setPreview(p.value);
    else setError(p.error);
    return o.value;
  };
  // Opened on a station already created, the desk starts at the release; a task's own reload keeps its result shown.
  useEffect(() => {
    void reload().then((o) => o?.created && setTask('release'));
  }, []);
  const refresh = async () => {
    await reload();
  };
  const created = overview?.created ?? false;
  return (
    <div className="lead-screen fleet-screen station-desk">
      <LeadNav current="fleet" />
      <section className="panel" aria-labelledby="desk-title">
        <h2 id="desk-title">{t('stationDesk.title')}</h2>
        <p className="muted">{t('stationDesk.intro')}</p>
        <ErrorNote error={error} />
        {created && (
          <div className="scope-toggle desk-tabs" data-testid="desk-tabs" role="group" aria-label={t('stationDesk.tabs.label')}>
            {(['create', 'release', 'retire', 'rotate'] as const).map((k) => (
              <button key={k} type="button" id={`desk-tab-${k}`} className={`btn btn-quiet${task === k ? ' is-current' : ''}`} aria-pressed={task === k} onClick={() => setTask(k)}>
                {t(`stationDesk.tabs.${k}`)}
              </button>
            ))}
          </div>
        )}
      </section>
      {overview && task === 'create' && <CreateTask created={created} rootVersion={preview?.rootVersion ?? 0} onDone={refresh} />}
      {overview && created && preview && task === 'release' && <ReleaseTask preview={preview} onDone={refresh} />}
      {overview && created && task === 'retire' && <RetireTask overview={overview} onDone={refresh} />}
      {overview && created && preview && task === 'rotate' && <RotateTask preview={preview} onDone={refresh} />}
    </div>
  );
}

/** One task's frame: what it does, the form, the progress while main works, and the result. */
function TaskPanel({ id, title, does, children, busy, verb, error, done }: { id: string; title: string; does: string[]; children: ReactNode; busy: boolean; verb: string; error: AppErrorInfo | null; done: Done | null }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid={`desk-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {!done && (
        <div className="desk-does" data-testid={`desk-${id}-does`}>
          <h3>{t('stationDesk.does')}</h3>
          <ul>{does.map((d) => <li key={d}>{d}</li>)}</ul>
        </div>
      )}
      {done ? (
        <div role="status" className="desk-done" data-testid={`desk-${id}-done`}>
          <p><strong>{done.text}</strong></p>
          {done.sheet && <SheetView groups={done.sheet} />}
          <h3>{t('stationDesk.next')}</h3>
          <ol>{done.next.map((n) => <li key={n}>{n}</li>)}</ol>
        </div>
      ) : (
        <>
          <ErrorNote error={error} />
          {busy && <p role="status" className="desk-progress" data-testid="desk-progress"><progress aria-label={verb} /> <span>{t('stationDesk.working', { what: verb })}</span></p>}
          {children}
        </>
      )}
    </section>
  );
}

function SheetView({ groups }: { groups: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="desk-sheet">
      <p><strong>{t('stationDesk.rotate.sheet')}</strong></p>
      <p className="desk-sheet-key" data-testid="desk-new-sheet">{groups.join('-')}</p>
      <p className="muted">{t('stationDesk.rotate.sheetHint')}</p>
    </div>
  );
}

/** Busy, error and result of one call; PINs are cleared after every attempt. */
function useRun<T>() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const run = async (call: () => Promise<Answer<T>>, ok: (v: T) => Done, after: () => void) => {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    after();
    if (r.ok) setDone(ok(r.value));
    else setError(r.error);
  };
  return { busy, error, done, run };
}

function Admins({ id, a, b, setA, setB, show }: { id: string; a: PinPair; b: PinPair; setA(p: PinPair): void; setB(p: PinPair): void; show: boolean }) {
  const { t } = useTranslation();
  const [pa, pb] = pairProblems(a, b);
  // Each problem names whose fields it is about: with both pairs empty, one 「職員番号を入力してください」 left it open.
  const whose = ([[t('stationDesk.admin1'), pa], [t('stationDesk.admin2'), pb]] as const).filter((x): x is readonly [string, NonNullable<typeof pa>] => x[1] !== null);
  return (
    <div className="two-people">
      <div className="two-people-grid">
        <PersonFields id={`${id}-1`} title={t('stationDesk.admin1')} value={a} onChange={setA} />
        <PersonFields id={`${id}-2`} title={t('stationDesk.admin2')} value={b} onChange={setB} />
      </div>
      {show && (pa || pb) && <p className="field-error" role="alert" data-testid={`${id}-pair-error`}>{whose.map(([who, p]) => (p === 'same' ? t('stationDesk.invalid.same') : t('stationDesk.invalid.whose', { who, what: t(`stationDesk.invalid.${p}`) }))).join(' ')}</p>}
    </div>
  );
}

/** Main's refusals of the typed key: shown under the key's field, where the fix is typed (DADS), with the code. */
const KEY_REFUSALS = new Set(['E_FLEET_ROOT_KEY_WRONG', 'E_RECOVERY_KEY_WRONG', 'E_RECOVERY_KEY_FORMAT']);
const keyRefusal = (error: AppErrorInfo | null): AppErrorInfo | null => (error && KEY_REFUSALS.has(error.code) ? error : null);

function SecretField({ id, label, hint, value, onChange, show, refusal = null }: { id: string; label: string; hint: string; value: string; onChange(v: string): void; show: boolean; refusal?: AppErrorInfo | null }) {
  const { t, i18n } = useTranslation();
  const typed = !show ? null : !value.trim() ? t('stationDesk.invalid.recoveryEmpty', { label }) : !recoveryKeyOk(value) ? t('stationDesk.invalid.recovery') : null;
  return (
    <Field id={id} label={label} hint={hint} error={typed ?? (refusal ? errorMessage(refusal, i18n.language) : null)} errorCode={typed ? undefined : refusal?.code}>
      {(c) => <input {...c} type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

function usePairs() {
  const [a, setA] = useState<PinPair>(EMPTY_PAIR);
  const [b, setB] = useState<PinPair>(EMPTY_PAIR);
  const clear = () => {
    setA((x) => ({ ...x, pin: '' }));
    setB((x) => ({ ...x, pin: '' }));
  };
  const ok = () => pairProblems(a, b).every((p) => p === null);
  return { a, b, setA, setB, clear, ok };
}

function CreateTask({ created, rootVersion, onDone }: { created: boolean; rootVersion: number; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const p = usePairs();
  const [key, setKey] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, done, run } = useRun<StationOverview>();
  const does = t('stationDesk.create.does', { returnObjects: true }) as string[];
  const valid = recoveryKeyOk(key) && p.ok();
  if (created && !done) return <TaskPanel id="create" title={t('stationDesk.tabs.create')} does={does} busy={false} verb="" error={null} done={null}><p data-testid="desk-created">{t('stationDesk.create.already', { root: rootVersion })}</p></TaskPanel>;
  return (
    <TaskPanel id="create" title={t('stationDesk.tabs.create')} does={does} busy={busy} verb={t('stationDesk.create.verb')} error={keyRefusal(error) ? null : error} done={done}>
      <form noValidate onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!valid) return;
        void run(() => window.countershield.invoke('fleet:stationCreate', { recoveryKey: key, admins: [p.a, p.b] }), () => ({ text: t('stationDesk.create.done'), next: t('stationDesk.create.nextSteps', { returnObjects: true }) as string[] }), () => {
          setTried(false);
          p.clear();
          setKey('');
          void onDone();
        });
      }}>
        <SecretField id="desk-create-key" label={t('stationDesk.recovery')} hint={t('stationDesk.recoveryHint')} value={key} onChange={setKey} show={tried} refusal={keyRefusal(error)} />
        <Admins id="desk-create" {...p} show={tried} />
        <ActionButton type="submit" id="desk-create-submit" disabled={busy} disabledReason={t('stationDesk.why.busy')}>{t('stationDesk.create.submit')}</ActionButton>
      </form>
    </TaskPanel>
  );
}

function ReleaseTask({ preview, onDone }: { preview: ReleasePreview; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const p = usePairs();
  const [key, setKey] = useState('');
  const [date, setDate] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, done, run } = useRun<{ version: number; persons: number }>();
  const retired = preview.retired.length ? t('stationDesk.release.retiredList', { n: preview.retired.length, list: preview.retired.join('、') }) : t('stationDesk.release.retiredNone');
  const does = t('stationDesk.release.does', { returnObjects: true, version: preview.nextVersion, persons: preview.persons, staff: preview.staff, policy: t(preview.policy ? 'stationDesk.release.policyYes' : 'stationDesk.release.policyNo'), retired, terminals: preview.terminals, dropDir: preview.dropDir }) as string[];
  const day = typedDay(date);
  const dateError = !date.trim() ? t('stationDesk.invalid.date') : !day ? t('stationDesk.invalid.unreadable') : day > jstToday(new Date()) ? t('stationDesk.invalid.future') : null;
  const valid = recoveryKeyOk(key) && p.ok() && !dateError;
  return (
    <TaskPanel id="release" title={t('stationDesk.tabs.release')} does={does} busy={busy} verb={t('stationDesk.release.verb')} error={keyRefusal(error) ? null : error} done={done}>
      <form noValidate onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!valid) return;
        void run(() => window.countershield.invoke('fleet:release', { recoveryKey: key, exportDate: day!, first: p.a, second: p.b }), (v) => ({ text: t('stationDesk.release.done', { version: v.version, persons: v.persons }), next: t('stationDesk.release.nextSteps', { returnObjects: true }) as string[] }), () => {
          setTried(false);
          p.clear();
          setKey('');
          void onDone();
        });
      }}>
        <DateField id="desk-release-date" label={t('stationDesk.release.exportDate')} note={t('stationDesk.release.exportHint')} error={tried ? dateError : null} value={date} onChange={setDate} />
        <SecretField id="desk-release-key" label={t('stationDesk.recovery')} hint={t('stationDesk.recoveryHint')} value={key} onChange={setKey} show={tried} refusal={keyRefusal(error)} />
        <Admins id="desk-release" {...p} show={tried} />
        <ActionButton type="submit" id="desk-release-submit" disabled={busy} disabledReason={t('stationDesk.why.busy')}>{t('stationDesk.release.submit', { version: preview.nextVersion })}</ActionButton>
      </form>
    </TaskPanel>
  );
}

function RetireTask({ overview, onDone }: { overview: StationOverview; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const p = usePairs();
  const [terminal, setTerminal] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, done, run } = useRun<StationOverview>();
  const known = overview.terminals.map((x) => x.terminal);
  const termError = !TERMINAL_ID.test(terminal) ? t('stationDesk.invalid.terminal') : overview.retired.includes(terminal) ? t('stationDesk.invalid.retiredAlready') : null;
  const valid = p.ok() && !termError;
  return (
    <TaskPanel id="retire" title={t('stationDesk.tabs.retire')} does={t('stationDesk.retire.does', { returnObjects: true }) as string[]} busy={busy} verb={t('stationDesk.retire.verb')} error={error} done={done}>
      <form noValidate onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!valid) return;
        const id = terminal;
        void run(() => window.countershield.invoke('fleet:retire', { terminal: id, first: p.a, second: p.b }), () => ({ text: t('stationDesk.retire.done', { terminal: id }), next: t('stationDesk.retire.nextSteps', { returnObjects: true }) as string[] }), () => {
          setTried(false);
          p.clear();
          void onDone();
        });
      }}>
        <Field id="desk-retire-terminal" label={t('stationDesk.retire.terminal')} hint={t('stationDesk.retire.terminalHint', { known: known.length ? known.join('、') : t('stationDesk.retire.knownNone') })} error={tried ? termError : null}>
          {(c) => <input {...c} autoComplete="off" spellCheck={false} value={terminal} onChange={(e) => setTerminal(e.target.value.trim())} />}
        </Field>
        {terminal && !termError && !known.includes(terminal) && <p className="muted" data-testid="desk-retire-unknown">{t('stationDesk.retire.unknown')}</p>}
        <Admins id="desk-retire" {...p} show={tried} />
        <ActionButton type="submit" id="desk-retire-submit" disabled={busy} disabledReason={t('stationDesk.why.busy')}>{t('stationDesk.retire.submit')}</ActionButton>
      </form>
    </TaskPanel>
  );
}

function RotateTask({ preview, onDone }: { preview: ReleasePreview; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const p = usePairs();
  const [key, setKey] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, done, run } = useRun<{ rootVersion: number; signers: string[]; newRootKey: string[]; unfinished: boolean }>();
  const does = t('stationDesk.rotate.does', { returnObjects: true, next: preview.rootVersion + 1, version: preview.nextVersion - 1 }) as string[];
  const valid = recoveryKeyOk(key) && p.ok();
  return (
    <TaskPanel id="rotate" title={t('stationDesk.tabs.rotate')} does={does} busy={busy} verb={t('stationDesk.rotate.verb')} error={keyRefusal(error) ? null : error} done={done}>
      <form noValidate onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!valid) return;
        void run(() => window.countershield.invoke('fleet:rotateKeys', { rootSecret: key, first: p.a, second: p.b }), (v) => ({ text: t(v.unfinished ? 'stationDesk.rotate.unfinished' : 'stationDesk.rotate.done', { root: v.rootVersion, signers: v.signers.join('、') }), sheet: v.newRootKey, next: t(v.unfinished ? 'stationDesk.rotate.unfinishedSteps' : 'stationDesk.rotate.nextSteps', { returnObjects: true }) as string[] }), () => {
          setTried(false);
          p.clear();
          setKey('');
          void onDone();
        });
      }}>
        <SecretField id="desk-rotate-key" label={t('stationDesk.rotate.current')} hint={t('stationDesk.rotate.currentHint')} value={key} onChange={setKey} show={tried} refusal={keyRefusal(error)} />
        <Admins id="desk-rotate" {...p} show={tried} />
        <ActionButton type="submit" id="desk-rotate-submit" disabled={busy} disabledReason={t('stationDesk.why.busy')}>{t('stationDesk.rotate.submit')}</ActionButton>
      </form>
    </TaskPanel>
  );
}
