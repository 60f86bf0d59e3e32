import { ActionButton } from '../ui/Field';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailingOutcomeView } from '../../../shared/ipc/mailing';
import { MAIL_CODES } from '../../../shared/mailing/codes';
import { DEPARTMENTS, MAIL_FIELD_LABEL, type Department, type MailField } from '../../../shared/mailing/mapping';
import { useNav } from '../app/nav';
import { useListCall } from '../list/listCall';
import { SetupError } from '../setup/SetupError';
import { formatCount } from '../ui/format';
import { SelectField } from './SelectField';
import { TextField } from './TextField';
import { WorkProgressBar } from './WorkProgressBar';
import { useWorkProgress } from './useWorkProgress';
import './strings';
import './mailing.css';

const MAIN: MailField[] = ['recipientName', 'recipientKana', 'recipientDob', 'address'];
const CONCERNED: MailField[] = [1, 2, 3].flatMap((n) => [`concerned${n}Name`, `concerned${n}Dob`] as MailField[]);
const SHOWN_ROWS = 300;

/**
 * 「発送前の確認」(SPEC F17, issue 21): a department chooses its batch, main checks it, the screen lists the rows
 * to stop or review by number and reason. No value of the batch or the list is ever on this screen.
 */
export function MailingScreen() {
  const { t, i18n } = useTranslation();
  const go = useNav((s) => s.go);
  const { call, busy, error, setError } = useListCall();
  const [department, setDepartment] = useState<Department>('kodomo-teate');
  const [mapping, setMapping] = useState<Partial<Record<MailField, string>>>({});
  const [stored, setStored] = useState<boolean | null>(null);
  const [savedMapping, setSavedMapping] = useState(false);
  const [file, setFile] = useState<{ token: string; name: string; size: number } | null>(null);
  const [result, setResult] = useState<MailingOutcomeView | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const progress = useWorkProgress(checking);
  const resultRef = useRef<HTMLHeadingElement>(null);
  // The result is below the form at 1366×768: bring it into view so the counts are the first thing read.
  useEffect(() => {
    if (result?.ok) resultRef.current?.scrollIntoView({ block: 'start' });
  }, [result]);

  const load = useCallback(async (d: Department) => {
    const r = await call('mailing:mapping', { department: d });
    setMapping((r?.mapping ?? {}) as Partial<Record<MailField, string>>);
    setStored(!!r?.mapping);
  }, [call]);
  useEffect(() => void load(department), [department, load]);

  const saveMapping = async () => {
    setSavedMapping(false);
    const clean = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
    const r = await call('mailing:saveMapping', { department, mapping: clean as never });
    if (r) {
      setStored(true);
      setSavedMapping(true);
    }
  };
  const choose = async () => {
    const r = await call('mailing:choose', {});
    if (r?.file) {
      setFile(r.file);
      setResult(null);
      setSavedAt(null);
    }
  };
  const check = async () => {
    if (!file) return;
    setChecking(true);
    const r = await call('mailing:check', { token: file.token, department }).finally(() => setChecking(false));
    // The token is single use: a second check needs the file chosen again.
    setFile(null);
    if (r) setResult(r);
  };
  const save = async () => {
    const r = await call('mailing:saveReport', {});
    if (r?.location) setSavedAt(r.location);
  };

  const flagged = result?.results.filter((x) => x.decision !== 'ok') ?? [];
  const s = result?.summary;
  return (
    <section className="panel" aria-labelledby="mailing-title" data-testid="mailing">
      <div className="mail-head">
        <h2 id="mailing-title">{t('mailing.title')}</h2>
        <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('mailing.back')}</button>
      </div>
      <p>{t('mailing.lead')}</p>
      <SelectField id="mailing-department" label={t('mailing.department')} value={department} options={DEPARTMENTS} onChange={(d) => { setError(null); setResult(null); setDepartment(d); }} />
      <details open={stored === false} data-testid="mailing-mapping">
        <summary>{t('mailing.mappingTitle')}</summary>
        <p className="muted">{t('mailing.mappingNote')}</p>
        {stored === false && <p className="mail-notice" data-testid="mailing-mapping-missing">{t('mailing.mappingMissing')}</p>}
        <div className="mail-map">
          {[...MAIN, ...CONCERNED].map((f) => (
            <TextField key={f} id={`map-${f}`} label={MAIL_FIELD_LABEL[f] ?? f} value={mapping[f] ?? ''} required={f === 'recipientName' || f === 'address'} onChange={(v) => setMapping((m) => ({ ...m, [f]: v }))} />
          ))}
        </div>
        <ActionButton id="mailing-save-mapping" className="btn btn-secondary" onClick={() => void saveMapping()} disabled={busy} disabledReason={t('mailing.saveMappingDisabled')} data-testid="mailing-save-mapping">{t('mailing.mappingSave')}</ActionButton>
        {savedMapping && <p className="setup-ok" role="status">{t('mailing.mappingSaved')}</p>}
      </details>
      <div className="setup-row">
        <ActionButton id="mailing-choose" className="btn btn-secondary" onClick={() => void choose()} disabled={busy || !stored} disabledReason={busy ? undefined : t('mailing.chooseDisabled')} data-testid="mailing-choose">{t('mailing.choose')}</ActionButton>
        {file && <span data-testid="mailing-file">{t('mailing.chosen', { name: file.name, size: formatCount(file.size) })}</span>}
        {file && <ActionButton id="mailing-check" className="btn" onClick={() => void check()} disabled={busy} disabledReason={t('mailing.checkDisabled')} data-testid="mailing-check">{t('mailing.check')}</ActionButton>}
      </div>
      {(checking || progress) && <WorkProgressBar id="mailing-progress" progress={progress} waiting={t('mailing.checking')} counted={(done, total) => t('mailing.progress', { done, total })} />}
      <SetupError error={error ?? (result && !result.ok ? result.error ?? null : null)} />
      {result && !result.ok && result.issues.length > 0 && (
        <>
          <h3>{t('mailing.issues')}</h3>
          <ul className="setup-issues" data-testid="mailing-issues">{result.issues.slice(0, 20).map((i, n) => <li key={n}>{i18n.language === 'en' ? i.en : i.ja} <small className="code">{t('common.code', { code: i.code })}</small></li>)}</ul>
        </>
      )}
      {result?.ok && s && (
        <section aria-labelledby="mailing-result-title" data-testid="mailing-result">
          <h3 id="mailing-result-title" ref={resultRef}>{t('mailing.resultTitle')}</h3>
          <dl className="mail-counts">
            <div><dt>{t('mailing.rows')}</dt><dd data-testid="mailing-rows">{t('mailing.rowCount', { n: formatCount(s.rows) })}</dd></div>
            <div className={s.stop > 0 ? 'is-stop' : undefined}><dt>{t('mailing.stop')}</dt><dd data-testid="mailing-stop">{t('mailing.count', { n: formatCount(s.stop) })}</dd></div>
            <div><dt>{t('mailing.review')}</dt><dd data-testid="mailing-review">{t('mailing.count', { n: formatCount(s.review) })}</dd></div>
            <div><dt>{t('mailing.ok')}</dt><dd data-testid="mailing-ok">{t('mailing.count', { n: formatCount(s.ok) })}</dd></div>
          </dl>
          <div className="setup-row">
            <ActionButton id="mailing-save-report" className="btn" onClick={() => void save()} disabled={busy} disabledReason={t('mailing.checkDisabled')} data-testid="mailing-save-report">{t('mailing.save')}</ActionButton>
            {savedAt && <span className="setup-ok" role="status" data-testid="mailing-saved">{t('mailing.saved', { location: savedAt })}</span>}
          </div>
          {s.stop > 0 && <p className="mail-stop-note" role="alert">{t('mailing.stopNote')}</p>}
          {flagged.length === 0 ? <p className="setup-ok">{t('mailing.allOk')}</p> : (
            <div className="mail-scroll" tabIndex={0} role="region" aria-label={t('mailing.tableTitle')}>
              <table className="mail-table" data-testid="mailing-table">
                <caption className="mail-caption">{t('mailing.tableTitle')}</caption>
                <thead><tr><th scope="col">{t('mailing.row')}</th><th scope="col">{t('mailing.decision')}</th><th scope="col">{t('mailing.reason')}</th></tr></thead>
                <tbody>
                  {flagged.slice(0, SHOWN_ROWS).map((x) => (
                    <tr key={x.row} className={`is-${x.decision}`} data-code={x.code}>
                      <td className="num">{x.row}</td>
                      <td className="decision">{t(`mailing.${x.decision}`)}</td>
                      <td>{i18n.language === 'en' ? MAIL_CODES[x.code].en : MAIL_CODES[x.code].ja}<small className="code">{t('mailing.reasonCode', { code: x.code })}</small></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {flagged.length > SHOWN_ROWS && <p className="muted">{t('mailing.moreRows', { n: formatCount(flagged.length - SHOWN_ROWS) })}</p>}
        </section>
      )}
    </section>
  );
}
