import { ActionButton } from '../ui/Field';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenFindingView, ReconcileOutcomeView } from '../../../shared/ipc/reconcile';
import { OTHER_SYSTEMS, RECONCILE_CODES, RECONCILE_FIELD_LABEL, RECONCILE_FIELDS, RESOLUTIONS, type OtherSystem, type ReconcileField, type Resolution } from '../../../shared/mailing/reconcileCodes';
import { useNav } from '../app/nav';
import { useListCall } from '../list/listCall';
import { Field } from '../setup/AdminsStep';
import { SetupError } from '../setup/SetupError';
import { formatCount, formatDateTime } from '../ui/format';
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
    const r = await call('reconcile:run', { token: file.token, system, mapping: clean });
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
        <div className="mail-select">
          <label htmlFor="reconcile-system">{t('reconcile.system')}</label>
          <select id="reconcile-system" data-testid="reconcile-system" value={system} onChange={(e) => setSystem(e.target.value as OtherSystem)}>
            {(Object.keys(OTHER_SYSTEMS) as OtherSystem[]).map((s) => <option key={s} value={s}>{OTHER_SYSTEMS[s]}</option>)}
          </select>
        </div>
        <button type="button" className="btn btn-secondary" onClick={() => void choose()} disabled={busy} data-testid="reconcile-choose">{t('reconcile.choose')}</button>
        {file && <span data-testid="reconcile-file">{t('reconcile.chosen', { name: file.name, size: formatCount(file.size) })}</span>}
      </div>
      {file && (
        <details open data-testid="reconcile-mapping">
          <summary>{t('reconcile.mappingTitle')}</summary>
          <div className="mail-map">
            {RECONCILE_FIELDS.map((f) => <Field key={f} id={`rmap-${f}`} label={RECONCILE_FIELD_LABEL[f]} value={mapping[f] ?? ''} required={false} onChange={(v) => setMapping((m) => ({ ...m, [f]: v }))} />)}
          </div>
          <button type="button" className="btn" onClick={() => void start()} disabled={busy} data-testid="reconcile-run">{t('reconcile.run')}</button>
        </details>
      )}
      {busy && <p className="mail-busy" role="status"><progress aria-label={t('reconcile.running')} /> {t('reconcile.running')}</p>}
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
              <thead><tr><th scope="col">{t('reconcile.colSeverity')}</th><th scope="col">{t('reconcile.colWhat')}</th><th scope="col">{t('reconcile.colWhere')}</th><th scope="col">{t('reconcile.colSince')}</th><th scope="col"><span className="mail-caption">{t('reconcile.resolve')}</span></th></tr></thead>
              <tbody>
                {open.map((f) => (
                  <tr key={f.id} className={f.severity === 'red' ? 'is-stop' : 'is-review'} data-code={f.code}>
                    <td className="decision">{t(`reconcile.severity.${f.severity}`)}{f.overdue && <small className="code">{t('reconcile.overdue')}</small>}</td>
                    <td>{OTHER_SYSTEMS[f.system]}: {i18n.language === 'en' ? RECONCILE_CODES[f.code].en : RECONCILE_CODES[f.code].ja}</td>
                    <td className="num">{f.row > 0 ? t('reconcile.rowN', { row: f.row }) : t('reconcile.missingThere')}{f.recordId && <span> {f.recordId}</span>}</td>
                    <td>{formatDateTime(f.createdAt, i18n.language)}</td>
                    <td><button type="button" className="btn btn-secondary" onClick={() => setPicked(f)} data-testid={`reconcile-pick-${f.id}`}>{t('reconcile.resolve')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {picked && <ResolveForm finding={picked} onDone={async () => { setPicked(null); await refresh(); }} />}
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
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await call('reconcile:resolve', { findingId: finding.id, resolution, ...(reference.trim() && { reference: reference.trim() }), lead: first, second });
    // PINs never stay on screen after an attempt, whatever its outcome.
    setFirst((w) => ({ ...w, pin: '' }));
    setSecond((w) => ({ ...w, pin: '' }));
    if (r) await onDone();
  };
  return (
    <form className="setup-form list-commit" onSubmit={(e) => void submit(e)} aria-labelledby="reconcile-resolve-title" data-testid="reconcile-resolve">
      <h3 id="reconcile-resolve-title">{t('reconcile.resolveTitle')}</h3>
      <p className="muted">{OTHER_SYSTEMS[finding.system]}: {i18n.language === 'en' ? RECONCILE_CODES[finding.code].en : RECONCILE_CODES[finding.code].ja} {finding.recordId ?? ''}</p>
      <p>{t('reconcile.resolveNote')}</p>
      <div className="setup-row">
        <div className="mail-select">
          <label htmlFor="reconcile-resolution">{t('reconcile.resolution')}</label>
          <select id="reconcile-resolution" data-testid="reconcile-resolution" value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
            {(Object.keys(RESOLUTIONS) as Resolution[]).map((r) => <option key={r} value={r}>{RESOLUTIONS[r]}</option>)}
          </select>
        </div>
        <Field id="reconcile-reference" label={t('reconcile.reference')} value={reference} onChange={setReference} required={false} />
      </div>
      <div className="list-people">
        <fieldset className="setup-admin">
          <legend>{t('reconcile.first')}</legend>
          <Field id="reconcile-first-id" label={t('reconcile.staffId')} value={first.staffId} onChange={(v) => setFirst({ ...first, staffId: v })} />
          <Field id="reconcile-first-pin" label={t('reconcile.pin')} value={first.pin} onChange={(v) => setFirst({ ...first, pin: v })} secret />
        </fieldset>
        <fieldset className="setup-admin">
          <legend>{t('reconcile.second')}</legend>
          <Field id="reconcile-second-id" label={t('reconcile.staffId')} value={second.staffId} onChange={(v) => setSecond({ ...second, staffId: v })} />
          <Field id="reconcile-second-pin" label={t('reconcile.pin')} value={second.pin} onChange={(v) => setSecond({ ...second, pin: v })} secret />
        </fieldset>
      </div>
      <ActionButton type="submit" id="reconcile-submit" disabled={busy || !first.staffId || !first.pin || !second.staffId || !second.pin} disabledReason={busy ? undefined : t('reconcile.submitDisabled')} data-testid="reconcile-submit">{t('reconcile.submit')}</ActionButton>
      <SetupError error={error} />
    </form>
  );
}
