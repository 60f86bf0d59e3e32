import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_CODES, AUDIT_ACTIONS } from '../../../shared/audit/actions';
import { detailText } from '../../../shared/audit/detailLabels';
import type { AppErrorInfo } from '../../../shared/errors';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { ErrorNote } from '../review/ErrorNote';
import { jst } from '../review/format';
import { formatDate } from '../ui/format';
import i18n from '../i18n/setup';
import { LeadNav } from '../review/LeadNav';
import { EMPTY_PAIR, TwoPeople, type PinPair } from '../review/TwoPeople';
import { DateField, typedDay } from '../ui/DateField';
import { Field } from '../ui/Field';
import '../case/strings';
import '../review/strings';
import '../review/leads.css';
import './audit.css';

type Rows = ResponseOf<'audit:query'>['rows'];
type Verify = ResponseOf<'audit:verify'>;
interface Filter { fromDay?: string; toDay?: string; actor?: string; action?: string; recordId?: string; terminal?: string }

const COLUMNS = ['seq', 'at', 'actors', 'action', 'targets', 'detail'] as const;

/** A time in an entry's detail is written as every time on the screen (和暦, JST), not as main stored it. */
const detailValue = (v: unknown): string => {
  const text = String(v);
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?$/.test(text)) return jst(text, { western: false });
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text, i18n.language, { western: false });
  return text;
};

const clean = (f: Filter): Filter => Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as Filter;

/**
 * The audit viewer for leads (SPEC F10): filters, exports, and the integrity check with its two-person acknowledgement.
 * At the station it reads the merged audit of every terminal (issue 19) and filters it by 端末番号; the heading and
 * the export name the terminal of the rows shown, so a page on the lead's desk says whose PC it covers.
 */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>({});
  // The days as typed (和暦 or 西暦); the filter gets the ISO day only once it reads as one.
  const [days, setDays] = useState({ from: '', to: '' });
  const [dayTried, setDayTried] = useState(false);
  const [rows, setRows] = useState<Rows>([]);
  const [applied, setApplied] = useState<Filter>({});
  const [merged, setMerged] = useState(false);
  const [terminals, setTerminals] = useState<string[]>([]);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [a, setA] = useState<PinPair>(EMPTY_PAIR);
  const [b, setB] = useState<PinPair>(EMPTY_PAIR);

  const search = useCallback(async (f: Filter) => {
    const res = await window.countershield.invoke('audit:query', { ...clean(f), limit: 500 });
    if (res.ok) {
      setRows(res.value.rows);
      setMerged(res.value.merged);
      setTerminals(res.value.terminals);
      setApplied(clean(f));
      setError(null);
    } else setError(res.error);
  }, []);
  useEffect(() => {
    void search({});
  }, [search]);

  const exportAs = async (format: 'csv' | 'html') => {
    // What is on screen is what is saved: the filter of the rows shown, not fields typed since.
    const res = await window.countershield.invoke('audit:export', { format, filter: applied });
    if (res.ok) setNote(t('leads.audit.saved', res.value));
    else setError(res.error);
  };
  const runVerify = async () => {
    const res = await window.countershield.invoke('audit:verify', {});
    if (res.ok) setVerify(res.value);
    else setError(res.error);
  };
  const acknowledge = async () => {
    const res = await window.countershield.invoke('audit:acknowledgeBroken', { first: a, second: b });
    setA({ ...a, pin: '' });
    setB({ ...b, pin: '' });
    if (res.ok) setNote(t('leads.audit.acked'));
    else setError(res.error);
  };
  const dayError = (raw: string) => (dayTried && raw.trim() && !typedDay(raw) ? t('leads.audit.dayUnreadable') : null);
  const submit = () => {
    setDayTried(true);
    const [fromDay, toDay] = [days.from, days.to].map((d) => (d.trim() ? typedDay(d) : ''));
    if (fromDay === null || toDay === null) return;
    const f = { ...filter, fromDay, toDay };
    setFilter(f);
    void search(f);
  };
  /** A 管理番号 with the field's name as the screens write it (住所), not the code main stores (address). */
  const target = (x: { recordId?: string; field?: string }) => [x.recordId, x.field && t(`case.fields.${x.field}`, { defaultValue: x.field })].filter(Boolean).join(' ');
  const set = (k: keyof Filter) => (e: { target: { value: string } }) => setFilter({ ...filter, [k]: e.target.value });
  const label = (code: string) => (i18n.language === 'en' ? AUDIT_ACTIONS[code as keyof typeof AUDIT_ACTIONS]?.en : AUDIT_ACTIONS[code as keyof typeof AUDIT_ACTIONS]?.ja) ?? code;

  return (
    <div className="lead-screen">
      <LeadNav current="audit" />
      <section className="panel" aria-labelledby="audit-title">
        <div className="row-between">
          <h2 id="audit-title" data-testid="audit-heading">
            {t('leads.audit.title')}
            {applied.terminal ? t('leads.audit.scopeOne', { terminal: applied.terminal }) : merged ? t('leads.audit.scopeAll') : ''}
          </h2>
          <button type="button" className="btn btn-secondary" onClick={() => void runVerify()} data-testid="verify">{t('leads.audit.verify')}</button>
        </div>
        {verify && (verify.ok
          ? <p className="verify-ok" role="status">✔ {t('leads.audit.verifyOk', { entries: verify.entries, last: verify.lastSeq })}</p>
          : (
            <div className="verify-bad" role="alert">
              <strong>{t('leads.audit.verifyBad')}</strong>
              <ul>{verify.problems.map((p, i) => <li key={i}>{i18n.language === 'en' ? p.en : p.ja}</li>)}</ul>
              <form onSubmit={(e) => { e.preventDefault(); void acknowledge(); }}>
                <TwoPeople idPrefix="ack" first={a} second={b} onChange={(x, y) => { setA(x); setB(y); }} />
                <button type="submit" className="btn">{t('leads.audit.ack')}</button>
              </form>
            </div>
          ))}
        <form className="filters" onSubmit={(e) => { e.preventDefault(); submit(); }}>
          {merged && (
            <Field id="af-terminal" label={t('leads.audit.terminal')} required={false}>
              {(c) => (
                <select {...c} value={filter.terminal ?? ''} onChange={set('terminal')} data-testid="audit-terminal">
                  <option value="">{t('leads.audit.anyTerminal')}</option>
                  {terminals.map((id) => <option key={id} value={id}>{id}</option>)}
                </select>
              )}
            </Field>
          )}
          <DateField id="af-from" label={t('leads.audit.from')} required={false} compact value={days.from} onChange={(v) => setDays({ ...days, from: v })} error={dayError(days.from)} />
          <DateField id="af-to" label={t('leads.audit.to')} required={false} compact value={days.to} onChange={(v) => setDays({ ...days, to: v })} error={dayError(days.to)} />
          <Field id="af-actor" label={t('leads.audit.actor')} required={false}>{(c) => <input {...c} value={filter.actor ?? ''} onChange={set('actor')} autoComplete="off" />}</Field>
          <Field id="af-record" label={t('leads.audit.record')} required={false}>{(c) => <input {...c} value={filter.recordId ?? ''} onChange={set('recordId')} autoComplete="off" />}</Field>
          <Field id="af-action" label={t('leads.audit.action')} required={false}>
            {(c) => (
              <select {...c} value={filter.action ?? ''} onChange={set('action')}>
                <option value="">{t('leads.audit.anyAction')}</option>
                {AUDIT_ACTION_CODES.map((code) => <option key={code} value={code}>{label(code)}</option>)}
              </select>
            )}
          </Field>
          <button type="submit" className="btn">{t('leads.audit.search')}</button>
          <button type="button" className="btn btn-quiet" onClick={() => void exportAs('csv')}>{t('leads.audit.csv')}</button>
          <button type="button" className="btn btn-quiet" onClick={() => void exportAs('html')}>{t('leads.audit.html')}</button>
        </form>
        {note && <p role="status">{note}</p>}
        <ErrorNote error={error} />
        {rows.length === 0 ? <p>{t('leads.audit.none')}</p> : (
          <table className="audit-table" data-testid="audit-table">
            <thead><tr>{(merged ? ['terminal', ...COLUMNS] : COLUMNS).map((h) => <th key={h}>{t(`leads.audit.h.${h}`)}</th>)}</tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.terminal}:${r.seq}`}>
                  {merged && <td className="terminal-id">{r.terminal}</td>}
                  <td>{r.seq}</td><td>{jst(r.at, { western: false })}</td><td>{r.actors.join('・')}</td>
                  <td>{i18n.language === 'en' ? r.actionEn : r.actionJa}</td>
                  <td>{r.targets.map(target).join('、')}</td>
                  <td className="audit-detail">{detailText(r.detail, i18n.language === 'en' ? 'en' : 'ja', detailValue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
