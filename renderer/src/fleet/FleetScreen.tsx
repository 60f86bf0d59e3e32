import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import type { FleetStatusDto, StationOverview } from '../../../shared/ipc/fleet';
import { ErrorNote } from '../review/ErrorNote';
import { jst } from '../review/format';
import { formatDate } from '../ui/format';
import { LeadNav } from '../review/LeadNav';
import { EMPTY_PAIR, PersonFields, TwoPeople, type PinPair } from '../review/TwoPeople';
import { ActionButton, Field } from '../ui/Field';
import { errorMessage } from '../ui/errorText';
import { useFleetStore } from './fleetStore';
import { ListIdentityLine } from './ListAge';
import { OverduePanel } from './OverduePanel';
import { useNav } from '../app/nav';
import './stationStrings';
import './strings';
import './fleet.css';

/**
 * 配布と端末 (issues 18, 19), for a lead or administrator: this PC's role and state, a pending package's changes
 * that need two people, the rollback hold, the audit segment; at the station, the overdue panel and the imports.
 */
export function FleetScreen() {
  const { t, i18n } = useTranslation();
  const { status, load, set } = useFleetStore();
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (p: Promise<{ ok: true; value: FleetStatusDto } | { ok: false; error: AppErrorInfo }>) => {
    const r = await p;
    if (r.ok) {
      set(r.value);
      setError(null);
    } else setError(r.error);
  };
  return (
    <div className="lead-screen fleet-screen">
      <LeadNav current="fleet" />
      <section className="panel" aria-labelledby="fleet-title">
        <h2 id="fleet-title">{t('fleet.title')}</h2>
        <ErrorNote error={error} />
        {note && <p role="status">{note}</p>}
        {status && (
          <>
            <ListIdentityLine />
            <dl className="facts">
              <div><dt>{t('fleet.facts.mode')}</dt><dd data-testid="fleet-mode">{t(`fleet.mode.${status.mode}`)}</dd></div>
              <div><dt>{t('fleet.facts.terminal')}</dt><dd className="record-code">{status.terminalId}</dd></div>
              <div><dt>{t('fleet.facts.state')}</dt><dd data-testid="fleet-state">{t(`fleet.state.${status.state}`)}</dd></div>
              {status.dropDir && <div><dt>{t('fleet.facts.dropDir')}</dt><dd className="code">{status.dropDir}</dd></div>}
              {status.mode === 'terminal' && <div><dt>{t('fleet.facts.lastCheck')}</dt><dd>{status.lastCheckAt ? jst(status.lastCheckAt) : '—'}</dd></div>}
              {status.mode === 'terminal' && <div><dt>{t('fleet.facts.lastSegment')}</dt><dd>{status.lastSegmentDay ? formatDate(status.lastSegmentDay, i18n.language, { western: false }) : '—'}</dd></div>}
            </dl>
            {status.error && <ErrorNote error={status.error} />}
            {status.mode === 'terminal' && (
              <div className="row-actions">
                <button type="button" className="btn btn-secondary" onClick={() => void act(window.countershield.invoke('fleet:checkNow', {}))}>{t('fleet.checkNow')}</button>
                <button type="button" className="btn btn-secondary" onClick={() => void writeSegment({}, setNote, setError, t)}>{t('fleet.writeSegment')}</button>
              </div>
            )}
            {status.mode === 'terminal' && <StickPanel onNote={setNote} />}
          </>
        )}
      </section>
      {status?.pending && <PendingPanel status={status} onDone={act} />}
      {status && (status.state === 'rolled-back') && <HoldPanel onDone={act} />}
      {status?.mode === 'station' && <StationPanel onError={setError} />}
      {status && <ConfigPanel status={status} onDone={act} />}
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** Writes this terminal's audit segment (into the drop folder, or `toFolder` on a USB stick) and says what was written. */
async function writeSegment(req: { toFolder?: string }, onNote: (n: string | null) => void, onError: (e: AppErrorInfo | null) => void, t: Translate): Promise<boolean> {
  const r = await window.countershield.invoke('fleet:writeSegment', req);
  if (!r.ok) {
    onError(r.error);
    return false;
  }
  onError(null);
  onNote(r.value.written ? t('fleet.segmentWritten', { from: r.value.fromSeq, to: r.value.toSeq }) : t('fleet.segmentNone'));
  return true;
}

/**
 * For a PC the drop folder does not reach (issue 19): the segment goes to a folder on a USB stick, and IT copies it
 * into the station's segments folder. The next segment continues from it.
 */
function StickPanel({ onNote }: { onNote(n: string | null): void }) {
  const { t, i18n } = useTranslation();
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  // A refusal (a relative path, a stick that cannot be written) is said under the field it is about.
  const [refusal, setRefusal] = useState<AppErrorInfo | null>(null);
  const empty = folder.trim() === '';
  return (
    <section className="panel" aria-labelledby="fleet-stick-title">
      <h3 id="fleet-stick-title">{t('fleet.stick.title')}</h3>
      <Field id="fleet-stick" label={t('fleet.stick.folder')} hint={t('fleet.stick.hint')} error={refusal && errorMessage(refusal, i18n.language)}>
        {(c) => <input {...c} value={folder} spellCheck={false} onChange={(e) => { setFolder(e.target.value); setRefusal(null); }} />}
      </Field>
      <ActionButton
        id="fleet-stick-write" className="btn btn-secondary" disabled={empty || busy}
        disabledReason={busy ? t('fleet.stick.busy') : t('fleet.stick.why')}
        onClick={() => {
          setBusy(true);
          void writeSegment({ toFolder: folder.trim() }, onNote, setRefusal, t).then((ok) => {
            if (ok) setFolder('');
            setBusy(false);
          });
        }}
      >{t('fleet.stick.write')}</ActionButton>
    </section>
  );
}

type Answer = Promise<{ ok: true; value: FleetStatusDto } | { ok: false; error: AppErrorInfo }>;

function PendingPanel({ status, onDone }: { status: FleetStatusDto; onDone(p: Answer): Promise<void> }) {
  const { t } = useTranslation();
  const p = status.pending!;
  const [a, setA] = useState<PinPair>(EMPTY_PAIR);
  const [b, setB] = useState<PinPair>(EMPTY_PAIR);
  return (
    <section className="panel panel-notice" aria-labelledby="pending-title" data-testid="fleet-pending">
      <h2 id="pending-title">{t('fleet.pending.title')}</h2>
      <p>{t('fleet.pending.summary', { version: p.version, added: p.added, changed: p.changed, removed: p.removedCount, shortened: p.shortenedCount })}</p>
      {status.withIds
        ? <p><strong>{t('fleet.pending.ids')}:</strong> <span className="fleet-ids">{[...p.removed, ...p.shortened.map((s) => s.id)].join('、')}</span></p>
        : <p className="muted">{t('fleet.pending.idsHidden')}</p>}
      <form onSubmit={(e) => { e.preventDefault(); void onDone(window.countershield.invoke('fleet:confirmPending', { planHash: p.planHash, first: a, second: b })); setA({ ...a, pin: '' }); setB({ ...b, pin: '' }); }}>
        <TwoPeople idPrefix="pending" first={a} second={b} onChange={(x, y) => { setA(x); setB(y); }} />
        <ActionButton type="submit" id="pending-confirm">{t('fleet.pending.confirm')}</ActionButton>
      </form>
    </section>
  );
}

function HoldPanel({ onDone }: { onDone(p: Answer): Promise<void> }) {
  const { t } = useTranslation();
  const [lead, setLead] = useState<PinPair>(EMPTY_PAIR);
  const [admin, setAdmin] = useState<PinPair>(EMPTY_PAIR);
  return (
    <section className="panel panel-error" aria-labelledby="hold-title" data-testid="fleet-hold">
      <h2 id="hold-title">{t('fleet.hold.title')}</h2>
      <p>{t('fleet.hold.body')}</p>
      <form onSubmit={(e) => { e.preventDefault(); void onDone(window.countershield.invoke('fleet:clearRollback', { lead, admin })); setLead({ ...lead, pin: '' }); setAdmin({ ...admin, pin: '' }); }}>
        <div className="two-people-grid">
          <PersonFields id="hold-lead" title={t('fleet.hold.lead')} value={lead} onChange={setLead} />
          <PersonFields id="hold-admin" title={t('fleet.hold.admin')} value={admin} onChange={setAdmin} />
        </div>
        <ActionButton type="submit" id="hold-clear">{t('fleet.hold.clear')}</ActionButton>
      </form>
    </section>
  );
}

function StationPanel({ onError }: { onError(e: AppErrorInfo | null): void }) {
  const { t, i18n } = useTranslation();
  const go = useNav((n) => n.go);
  const [o, setO] = useState<StationOverview | null>(null);
  const load = () => void window.countershield.invoke('fleet:overview', {}).then((r) => (r.ok ? setO(r.value) : onError(r.error)));
  // Once on open; the import button reloads.
  useEffect(load, []);
  if (!o) return null;
  return (
    <>
      <OverduePanel overview={o} />
      <section className="panel" aria-labelledby="station-title" data-testid="fleet-station">
        <div className="row-between">
          <h2 id="station-title">{t('fleet.station.title')}</h2>
          <div className="row-actions">
            <button type="button" className="btn btn-secondary" onClick={() => go('fleet-station')}>{t('stationDesk.open')}</button>
            <button type="button" className="btn btn-secondary" onClick={() => void window.countershield.invoke('fleet:importSegments', {}).then((r) => (r.ok ? load() : onError(r.error)))}>{t('fleet.station.import')}</button>
          </div>
        </div>
        <p>{o.created ? t('fleet.station.version', { version: o.packageVersion }) : t('fleet.station.notCreated')}{o.retired.length > 0 && ` ${t('fleet.station.retired', { list: o.retired.join('、') })}`}</p>
        <h3>{t('fleet.station.imports')}</h3>
        <table className="fleet-table" data-testid="fleet-imports">
          <thead><tr><th scope="col">{t('fleet.station.terminals')}</th><th scope="col" className="num">{t('fleet.station.entries')}</th><th scope="col">{t('fleet.facts.state')}</th><th scope="col">{t('fleet.station.importedAt')}</th></tr></thead>
          <tbody>
            {o.imports.slice(0, 8).map((i) => (
              <tr key={i.name} className={i.ok ? '' : 'is-attention'}>
                <th scope="row">{i.terminal}</th>
                <td className="num">{t('fleet.station.range', { from: i.fromSeq, to: i.toSeq })}</td>
                <td>{i.ok ? t('fleet.station.ok') : <span className="problem-kind">{t('fleet.station.refused')}{i18n.language === 'en' ? ': ' : '：'}{i.problems.map((p) => `${t(`fleet.station.kind.${p.kind}`)}（${p.seq}番）`).join('、')}</span>}</td>
                <td>{jst(i.importedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function ConfigPanel({ status, onDone }: { status: FleetStatusDto; onDone(p: Answer): Promise<void> }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState(status.mode);
  const [dropDir, setDropDir] = useState(status.dropDir ?? '');
  const [recoveryKey, setRecoveryKey] = useState('');
  // Only after a lineage re-key: the drop folder's first root is still signed by the old sheet (vault/rekey.ts).
  const [rootSheet, setRootSheet] = useState('');
  const [first, setFirst] = useState<PinPair>(EMPTY_PAIR);
  const [second, setSecond] = useState<PinPair>(EMPTY_PAIR);
  const [refusal, setRefusal] = useState<AppErrorInfo | null>(null);
  if (!status.withIds) return null;
  // Main refuses one administrator alone (E_FLEET_SECOND_ADMIN); the button says so before anyone submits.
  const why = !first.staffId || !first.pin || !second.staffId || !second.pin ? t('fleet.config.needTwo') : first.staffId === second.staffId ? t('fleet.config.sameTwice') : undefined;
  const submit = async () => {
    const answer = window.countershield.invoke('fleet:configure', { mode, ...(dropDir && { dropDir }), ...(recoveryKey && { recoveryKey }), ...(mode === 'terminal' && rootSheet && { rootSheet }), first, second });
    setRecoveryKey('');
    setRootSheet('');
    setFirst({ ...first, pin: '' });
    setSecond({ ...second, pin: '' });
    const r = await answer;
    // A refusal is said beside the button the administrators just pressed, not at the top of a long page.
    setRefusal(r.ok ? null : r.error);
    if (r.ok) await onDone(Promise.resolve(r));
  };
  return (
    <section className="panel" aria-labelledby="config-title" data-testid="fleet-config">
      <h2 id="config-title">{t('fleet.config.title')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); if (!why) void submit(); }}>
        <Field id="fleet-mode-select" label={t('fleet.config.mode')}>
          {(c) => (
            <select {...c} value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
              {(['single', 'station', 'terminal'] as const).map((m) => <option key={m} value={m}>{t(`fleet.mode.${m}`)}</option>)}
            </select>
          )}
        </Field>
        {mode !== 'single' && (
          <Field id="fleet-drop" label={t('fleet.config.dropDir')}>
            {(c) => <input {...c} value={dropDir} spellCheck={false} onChange={(e) => setDropDir(e.target.value)} />}
          </Field>
        )}
        {mode === 'terminal' && (
          <Field id="fleet-recovery" label={t('fleet.config.recovery')}>
            {(c) => <input {...c} type="password" autoComplete="off" value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} />}
          </Field>
        )}
        {mode === 'terminal' && (
          <Field id="fleet-root-sheet" label={t('fleet.config.rootSheet')} required={false} hint={t('fleet.config.rootSheetHint')}>
            {(c) => <input {...c} type="password" autoComplete="off" value={rootSheet} onChange={(e) => setRootSheet(e.target.value)} />}
          </Field>
        )}
        <p className="muted">{t('fleet.config.hint')}</p>
        <div className="two-people-grid">
          <PersonFields id="config-admin-1" title={t('fleet.config.first')} value={first} onChange={setFirst} />
          <PersonFields id="config-admin-2" title={t('fleet.config.second')} value={second} onChange={setSecond} />
        </div>
        <ErrorNote error={refusal} />
        <ActionButton type="submit" id="fleet-config-save" disabled={!!why} {...(why && { disabledReason: why })}>{t('fleet.config.save')}</ActionButton>
      </form>
    </section>
  );
}
