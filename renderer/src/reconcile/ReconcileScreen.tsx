import { ActionButton } from '../ui/Field';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenFindingView, ReconcileOutcomeView, RevealedEntry } from '../../../shared/ipc/reconcile';
import { OTHER_SYSTEMS, RECONCILE_CODES, RECONCILE_FIELD_LABEL, RECONCILE_FIELDS, RESOLUTIONS, type OtherSystem, type ReconcileField, type Resolution } from '../../../shared/mailing/reconcileCodes';
import { useNav } from '../app/nav';
import { useListCall } from '../list/listCall';
import { SetupError } from '../setup/SetupError';
import { formatCount, formatDateTime } from '../ui/format';
import { SelectField } from '../mailing/SelectField';
import { TextField } from '../mailing/TextField';
import { WorkProgressBar } from '../mailing/WorkProgressBar';
import { useWorkProgress } from '../mailing/useWorkProgress';
import './strings';
import '../mailing/mailing.css';

const EMPTY = { staffId: '', pin: '' };

/**
 * 「他システムとの突合」(SPEC F18, issue 21): a lead compares another system's suppression list with the protected
 * list; what is protected here but not there stays red until two people resolve it and name what they did.
 */
export function ReconcileScreen() {
  const { t, i18n } = useTranslation();
  const go = useNav((s) => s.go);
  const { call, busy, error } = useListCall();
  const [system, setSystem] = useState<OtherSystem>('fuhyo');
  const [file, setFile] = useState<{ token: string; name: string; size: number } | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<ReconcileField, string>>>({});
  const [run, setRun] = useState<ReconcileOutcomeView | null>(null);
  const [open, setOpen] = useState<OpenFindingView[]>([]);
  const [picked, setPicked] = useState<OpenFindingView | null>(null);
  const [running, setRunning] = useState(false);
  const progress = useWorkProgress(running);

  const refresh = useCallback(async () => {
    const r = await call('reconcile:open', {});
    if (r) setOpen(r.findings);
  }, [call]);
  useEffect(() => void refresh(), [refresh]);

  const choose = async () => {
    const r = await call('reconcile:choose', {});
    if (r?.file) {
      setFile(r.file);
      setMapping(r.file.mapping);
      setRun(null);
    }
  };
  const start = async () => {
    if (!file) return;
    const clean = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
    setRunning(true);
    const r = await call('reconcile:run', { token: file.token, system, mapping: clean }).finally(() => setRunning(false));
    setFile(null);
    if (r) setRun(r);
    await refresh();
  };

  return (
    <section className="panel" aria-labelledby="reconcile-title" data-testid="reconcile">
      <div className="mail-head">
        <h2 id="reconcile-title">{t('reconcile.title')}</h2>
        <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('reconcile.back')}</button>
      </div>
      <p>{t('reconcile.lead')}</p>
      <div className="setup-row">
        <SelectField id="reconcile-system" label={t('reconcile.system')} value={system} options={OTHER_SYSTEMS} onChange={setSystem} />
        <ActionButton id="reconcile-choose" className="btn btn-secondary" onClick={() => void choose()} disabled={busy} disabledReason={t('reconcile.busyDisabled')} data-testid="reconcile-choose">{t('reconcile.choose')}</ActionButton>
        {file && <span data-testid="reconcile-file">{t('reconcile.chosen', { name: file.name, size: formatCount(file.size) })}</span>}
      </div>
      {file && (
        <details open data-testid="reconcile-mapping">
          <summary>{t('reconcile.mappingTitle')}</summary>
          <div className="mail-map">
            {RECONCILE_FIELDS.map((f) => <TextField key={f} id={`rmap-${f}`} label={RECONCILE_FIELD_LABEL[f]} value={mapping[f] ?? ''} required={false} onChange={(v) => setMapping((m) => ({ ...m, [f]: v }))} />)}
          </div>
          <ActionButton id="reconcile-run" className="btn" onClick={() => void start()} disabled={busy} disabledReason={t('reconcile.busyDisabled')} data-testid="reconcile-run">{t('reconcile.run')}</ActionButton>
        </details>
      )}
      {(running || progress) && <WorkProgressBar id="reconcile-progress" progress={progress} waiting={t('reconcile.running')} counted={(done, total) => t('reconcile.progress', { done, total })} />}
      <SetupError error={error ?? (run && !run.ok ? run.error ?? null : null)} />
      {run && !run.ok && run.issues.length > 0 && (
        <ul className="setup-issues" data-testid="reconcile-issues">{run.issues.slice(0, 20).map((i, n) => <li key={n}>{i18n.language === 'en' ? i.en : i.ja} <small className="code">{t('common.code', { code: i.code })}</small></li>)}</ul>
      )}
      {run?.ok && run.counts && (
        <section aria-labelledby="reconcile-result-title" data-testid="reconcile-result">
          <h3 id="reconcile-result-title">{t('reconcile.resultTitle')}</h3>
          <dl className="mail-counts">
            <div><dt>{t('reconcile.rows')}</dt><dd>{t('reconcile.rowCount', { n: formatCount(run.counts.rows) })}</dd></div>
            <div><dt>{t('reconcile.matched')}</dt><dd>{t('reconcile.persons', { n: formatCount(run.counts.matched) })}</dd></div>
            <div className={run.counts.red > 0 ? 'is-stop' : undefined}><dt>{t('reconcile.red')}</dt><dd data-testid="reconcile-red">{t('reconcile.count', { n: formatCount(run.counts.red) })}</dd></div>
            <div><dt>{t('reconcile.review')}</dt><dd>{t('reconcile.count', { n: formatCount(run.counts.review) })}</dd></div>
          </dl>
          <p className="muted">{t('reconcile.added', { added: formatCount(run.added ?? 0), open: formatCount(run.alreadyOpen ?? 0) })}</p>
        </section>
      )}
      <section aria-labelledby="reconcile-open-title">
        <h3 id="reconcile-open-title">{t('reconcile.openTitle')}</h3>
        {open.length === 0 ? <p className="setup-ok" data-testid="reconcile-none">{t('reconcile.none')}</p> : (
          <div className="mail-scroll" tabIndex={0} role="region" aria-label={t('reconcile.openTitle')}>
            <table className="mail-table" data-testid="reconcile-open">
              <thead><tr><th scope="col">{t('reconcile.colSeverity')}</th><th scope="col">{t('reconcile.colNumber')}</th><th scope="col">{t('reconcile.colWhat')}</th><th scope="col">{t('reconcile.colWhere')}</th><th scope="col">{t('reconcile.colSince')}</th><th scope="col"><span className="mail-caption">{t('reconcile.resolve')}</span></th></tr></thead>
              <tbody>
                {open.map((f) => (
                  <tr key={f.id} className={f.severity === 'red' ? 'is-stop' : 'is-review'} data-code={f.code}>
                    <td className="decision">{t(`reconcile.severity.${f.severity}`)}{f.overdue && <small className="code">{t('reconcile.overdue')}</small>}</td>
                    <td><span className="record-code">{f.id}</span></td>
                    <td>{OTHER_SYSTEMS[f.system]}: {i18n.language === 'en' ? RECONCILE_CODES[f.code].en : RECONCILE_CODES[f.code].ja}</td>
                    <td>{f.row > 0 ? t('reconcile.rowN', { row: f.row }) : t('reconcile.missingThere')}</td>
                    <td>{formatDateTime(f.createdAt, i18n.language, { western: false })}</td>
                    <td><ActionButton className="btn btn-secondary" onClick={() => setPicked(f)} data-testid={`reconcile-pick-${f.id}`}>{t('reconcile.resolve')}</ActionButton></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {picked && <ResolveForm key={picked.id} finding={picked} onDone={async () => { setPicked(null); await refresh(); }} />}
    </section>
  );
}

function ResolveForm({ finding, onDone }: { finding: OpenFindingView; onDone: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const { call, busy, error } = useListCall();
  const [resolution, setResolution] = useState<Resolution>('SET_THERE');
  const [reference, setReference] = useState('');
  const [first, setFirst] = useState(EMPTY);
  const [second, setSecond] = useState(EMPTY);
  // The 管理番号 lives only in this form's state, after both PINs, and goes with the form (resolve, another pick).
  const [revealed, setRevealed] = useState<{ recordId: string | null; entry: RevealedEntry } | null>(null);
  const both = Boolean(first.staffId && first.pin && second.staffId && second.pin);
  // PINs never stay on screen after an attempt, whatever its outcome.
  const clearPins = () => {
    setFirst((w) => ({ ...w, pin: '' }));
    setSecond((w) => ({ ...w, pin: '' }));
  };
  const reveal = async () => {
    const r = await call('reconcile:reveal', { findingId: finding.id, lead: first, second });
    clearPins();
    if (r) setRevealed({ recordId: r.recordId, entry: r.entry });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Enter in a PIN field before the number is shown shows it: nobody resolves a finding they have not identified.
    if (finding.aboutPerson && !revealed) return reveal();
    const r = await call('reconcile:resolve', { findingId: finding.id, resolution, ...(reference.trim() && { reference: reference.trim() }), lead: first, second });
    clearPins();
    if (r) {
      setRevealed(null);
      await onDone();
    }
  };
  return (
    <form className="setup-form list-commit" onSubmit={(e) => void submit(e)} aria-labelledby="reconcile-resolve-title" data-testid="reconcile-resolve">
      <h3 id="reconcile-resolve-title">{t('reconcile.resolveTitle')}</h3>
      <p className="record-code">{t('reconcile.colNumber')} {finding.id}</p>
      <p>{OTHER_SYSTEMS[finding.system]}: {i18n.language === 'en' ? RECONCILE_CODES[finding.code].en : RECONCILE_CODES[finding.code].ja}</p>
      <p>{t('reconcile.resolveNote')}</p>
      <div className="list-people">
        <fieldset className="setup-admin">
          <legend>{t('reconcile.first')}</legend>
          <TextField id="reconcile-first-id" label={t('reconcile.staffId')} value={first.staffId} onChange={(v) => setFirst({ ...first, staffId: v })} />
          <TextField id="reconcile-first-pin" label={t('reconcile.pin')} value={first.pin} onChange={(v) => setFirst({ ...first, pin: v })} secret />
        </fieldset>
        <fieldset className="setup-admin">
          <legend>{t('reconcile.second')}</legend>
          <TextField id="reconcile-second-id" label={t('reconcile.staffId')} value={second.staffId} onChange={(v) => setSecond({ ...second, staffId: v })} />
          <TextField id="reconcile-second-pin" label={t('reconcile.pin')} value={second.pin} onChange={(v) => setSecond({ ...second, pin: v })} secret />
        </fieldset>
      </div>
      {finding.aboutPerson && (
        <div data-testid="reconcile-reveal-area">
          <p className="muted">{t('reconcile.revealNote')}</p>
          {revealed ? (
            <>
              <p className="mail-revealed" role="status" data-testid="reconcile-revealed">{revealed.recordId ? t('reconcile.revealed', { id: revealed.recordId }) : t(revealed.entry === 'gone' ? 'reconcile.revealedGone' : 'reconcile.revealedNone')}</p>
              {revealed.entry === 'ended' && <p data-testid="reconcile-revealed-ended">{t('reconcile.revealedEnded')}</p>}
            </>
          ) : (
            <ActionButton id="reconcile-reveal" className="btn btn-secondary" onClick={() => void reveal()} disabled={busy || !both} disabledReason={busy ? t('reconcile.busyDisabled') : t('reconcile.submitDisabled')} data-testid="reconcile-reveal">{t('reconcile.reveal')}</ActionButton>
          )}
          {revealed && <p className="muted">{t('reconcile.pinAgain')}</p>}
        </div>
      )}
      {/* Right under the button pressed, so a refusal is read without scrolling at 1366×768. */}
      <SetupError error={error} />
      <div className="setup-row">
        <SelectField id="reconcile-resolution" label={t('reconcile.resolution')} value={resolution} options={RESOLUTIONS} onChange={setResolution} />
        <TextField id="reconcile-reference" label={t('reconcile.reference')} value={reference} onChange={setReference} required={false} />
      </div>
      <ActionButton type="submit" id="reconcile-submit" disabled={busy || !both || (finding.aboutPerson && !revealed)} disabledReason={busy ? t('reconcile.busyDisabled') : finding.aboutPerson && !revealed ? t('reconcile.revealFirst') : t('reconcile.submitDisabled')} data-testid="reconcile-submit">{t('reconcile.submit')}</ActionButton>
    </form>
  );
}
