import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import type { FleetReportDto } from '../../../shared/ipc/fleet';
import { DayChart } from '../review/DayChart';
import { ErrorNote } from '../review/ErrorNote';
import { currentMonth, jst } from '../review/format';
import { EMPTY_PAIR, TwoPeople, type PinPair } from '../review/TwoPeople';
import { ActionButton, Field } from '../ui/Field';
import { formatCount } from '../ui/format';
import './strings';
import './fleet.css';

const ATTENTION = ['unmaskRefused', 'aitekataAlarms', 'photoRequests', 'pinLocks', 'incidents', 'chainBreaks', 'lookupLimits'];
const COLUMNS = ['lookups', 'unmaskApproved', 'unmaskRefused', 'aitekataAlarms', 'photoRequests', 'pinFailures', 'incidents', 'chainBreaks'] as const;

/**
 * The month across every terminal (issue 19), inside the existing review screen: per-terminal counts beside the
 * total, the per-day chart of the whole fleet, anomalies named with their terminal, staff across terminals,
 * incidents and re-confirmations wherever they happened, and the sign-off that names what it covers.
 */
export function FleetReviewPanel({ month }: { month: string }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<FleetReportDto | null>(null);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [lead, setLead] = useState<PinPair>(EMPTY_PAIR);
  const [second, setSecond] = useState<PinPair>(EMPTY_PAIR);
  const [reason, setReason] = useState('');
  // The station's view by terminal (issue 19): the chart and the anomalies for one PC, or for all of them.
  const [only, setOnly] = useState<string>('');

  const load = useCallback(async (m: string) => {
    const res = await window.countershield.invoke('fleet:review', { month: m });
    if (res.ok) {
      setReport(res.value);
      setError(null);
    } else setError(res.error);
  }, []);
  useEffect(() => {
    void load(month);
  }, [load, month]);

  const sign = async () => {
    if (!report) return;
    const res = await window.countershield.invoke('fleet:signOff', { month: report.month, reportHash: report.reportHash, lead, second, ...(reason.trim() && { overdueReason: reason.trim() }) });
    setLead({ ...lead, pin: '' });
    setSecond({ ...second, pin: '' });
    if (res.ok) await load(report.month);
    else setError(res.error);
  };
  // Terminal ids never break at their hyphen: a lead reads "T-1a2b3c02" as one name.
  const shown = report ? report.terminals.filter((r) => !only || r.terminal === only) : [];
  const coverage = (c: Array<{ terminal: string; toSeq: number }>) => c.map((x, i) => <span key={x.terminal} className="nowrap">{i > 0 && '、'}{t('fleet.review.coverageItem', { terminal: x.terminal, seq: x.toSeq })}</span>);

  return (
    <>
      <section className="panel" aria-labelledby="fleet-review-title" data-testid="fleet-review">
        <h2 id="fleet-review-title">{t('leads.review.title')}（{t('fleet.review.fleet')}）</h2>
        <ErrorNote error={error} />
        {report && (
          <>
            {report.overdue.length > 0 && <p className="list-age-banner" role="alert" data-testid="fleet-review-overdue">{t('fleet.review.overdue', { list: report.overdue.map((o) => o.terminal).join('、') })}</p>}
            <div className="row-between">
              <h3>{t('leads.review.chart')}</h3>
              <Field id="fleet-review-terminal" label={t('fleet.review.filter')} className="inline">
                {(c) => (
                  <select {...c} value={only} onChange={(e) => setOnly(e.target.value)} data-testid="fleet-review-terminal">
                    <option value="">{t('fleet.review.fleet')}</option>
                    {report.terminals.map((r) => <option key={r.terminal} value={r.terminal}>{r.terminal}</option>)}
                  </select>
                )}
              </Field>
            </div>
            <DayChart days={(only && report.terminals.find((r) => r.terminal === only)?.perDay) || report.total.perDay} />
            <h3>{t('fleet.review.terminalsTitle')}</h3>
            <div className="table-scroll">
              <table className="fleet-table" data-testid="fleet-terminal-counts">
                <thead>
                  <tr>
                    <th scope="col">{t('fleet.station.terminals')}</th>
                    {COLUMNS.map((k) => <th key={k} scope="col" className="num">{t(`fleet.review.col.${k}`)}</th>)}
                    <th scope="col" className="num">{t('fleet.review.upTo')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.terminals.map((r) => (
                    <tr key={r.terminal} className={report.overdue.some((o) => o.terminal === r.terminal) ? 'is-attention' : ''}>
                      <th scope="row">{r.terminal}</th>
                      {COLUMNS.map((k) => <td key={k} className={`num ${(r.counts[k] ?? 0) > 0 && ATTENTION.includes(k) ? 'problem-kind' : ''}`}>{formatCount(r.counts[k] ?? 0)}</td>)}
                      <td className="num">{r.toSeq}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t('fleet.review.total')}</th>
                    {COLUMNS.map((k) => <td key={k} className="num"><strong>{formatCount(report.total.counts[k] ?? 0)}</strong></td>)}
                    <td />
                  </tr>
                </tbody>
              </table>
            </div>
            <div className="review-grid">
              <div>
                <h3>{t('leads.review.anomalies')}</h3>
                {shown.every((r) => r.anomalies.length === 0) ? <p>{t('leads.review.noAnomaly')}</p> : (
                  <ul className="anomalies" data-testid="fleet-anomalies">
                    {shown.flatMap((r) => r.anomalies.map((a, i) => (
                      <li key={`${r.terminal}-${i}`}>{t('fleet.review.anomalyIn', { terminal: r.terminal })}{a.kind === 'unmask-outside-hours' ? t('leads.review.a.unmask-outside-hours', { at: jst(a.at), actors: a.actors.join('・') }) : t(`leads.review.a.${a.kind}`, a)}</li>
                    )))}
                  </ul>
                )}
              </div>
              <div>
                <h3>{t('fleet.review.staffTitle')}</h3>
                {report.staff.filter((s) => s.outlier).length === 0 ? <p>{t('fleet.review.staffNone')}</p> : (
                  <ul className="anomalies" data-testid="fleet-staff">
                    {report.staff.filter((s) => s.outlier).map((s) => (
                      <li key={s.staffId}>
                        {t('fleet.review.staffLine', { staff: s.staffId, n: s.lookups, median: report.median })}
                        {s.terminals.map((x, i) => <span key={x.terminal} className="nowrap">{i > 0 && '・'}{t('fleet.review.staffWhere', { terminal: x.terminal, n: x.lookups })}</span>)}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
            <div className="review-grid">
              <div>
                <h3>{t('fleet.review.incidents')}</h3>
                {report.incidents.length === 0 ? <p>{t('fleet.review.incidentsNone')}</p> : (
                  <ul data-testid="fleet-incidents">{report.incidents.map((i) => <li key={`${i.terminal}-${i.incidentId}`}>{i.incidentId}（{i.terminal}、{jst(i.at)}、{i.by}）</li>)}</ul>
                )}
              </div>
              <div>
                <h3>{t('fleet.review.reconf')}</h3>
                {report.reconfirmations.length === 0 ? <p>{t('fleet.review.reconfNone')}</p> : (
                  <ul data-testid="fleet-reconf">{report.reconfirmations.map((r) => <li key={r.staffId}>{r.staffId}（{r.terminal}、{jst(r.at)}）</li>)}</ul>
                )}
              </div>
            </div>
          </>
        )}
      </section>
      {report && (
        <section className="panel" aria-labelledby="fleet-sign-title">
          <h2 id="fleet-sign-title">{t('leads.review.signTitle')}</h2>
          <p className="muted">{t('leads.review.hash')}: <span className="code">{report.reportHash.slice(0, 16).match(/.{4}/g)!.join(' ')}</span></p>
          {report.signOff ? (
            <>
              <p className="signed" data-testid="fleet-signed">✔ {t('fleet.review.signed', { lead: report.signOff.lead, second: report.signOff.second, at: jst(report.signOff.at) })} {coverage(report.signOff.coverage)}</p>
              {report.signOff.reason && <p>{t('fleet.review.signedReason', { reason: report.signOff.reason })}</p>}
            </>
          ) : (
            <form onSubmit={(e) => { e.preventDefault(); void sign(); }}>
              <p data-testid="fleet-covers">{t('fleet.review.covers')} {coverage(report.coverage)}</p>
              {report.overdue.length > 0 && (
                <Field id="fleet-overdue-reason" label={t('fleet.review.reason')}>
                  {(c) => <textarea {...c} rows={2} maxLength={400} value={reason} onChange={(e) => setReason(e.target.value)} />}
                </Field>
              )}
              <TwoPeople idPrefix="fleet-sign" first={lead} second={second} onChange={(a, b) => { setLead(a); setSecond(b); }} />
              <ActionButton type="submit" id="fleet-review-sign" disabled={month >= currentMonth()} disabledReason={t('leads.review.signDisabled')}>{t('fleet.review.sign')}</ActionButton>
            </form>
          )}
        </section>
      )}
    </>
  );
}
