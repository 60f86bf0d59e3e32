import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import type { MonthlyReportDto } from '../../../shared/ipc/leads';
import { DayChart } from './DayChart';
import { ErrorNote } from './ErrorNote';
import { currentMonth, jst, previousMonth, recentMonths } from './format';
import { Reconfirmations } from './Reconfirmations';
import { EMPTY_PAIR, TwoPeople, type PinPair } from './TwoPeople';
import { LeadNav } from './LeadNav';
import { ActionButton, Field } from '../ui/Field';
import { formatCount, formatMonth } from '../ui/format';
import './strings';
import { FleetReviewPanel } from '../fleet/FleetReviewPanel';
import { useFleetStore } from '../fleet/fleetStore';
import '../fleet/strings';

/** The month's report, its two-person sign-off and the rules re-confirmation (SPEC F11). */
export function ReviewScreen() {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(previousMonth());
  const [report, setReport] = useState<MonthlyReportDto | null>(null);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [lead, setLead] = useState<PinPair>(EMPTY_PAIR);
  const [second, setSecond] = useState<PinPair>(EMPTY_PAIR);
  // At the station the review covers every terminal (issue 19); this PC's own chain stays one click away.
  const station = useFleetStore((s) => s.status?.mode === 'station');
  const [scope, setScope] = useState<'fleet' | 'one'>('fleet');
  const fleetScope = station && scope === 'fleet';

  const load = useCallback(async (m: string) => {
    const res = await window.countershield.invoke('review:report', { month: m });
    if (res.ok) {
      setReport(res.value);
      setError(null);
    } else setError(res.error);
  }, []);
  useEffect(() => {
    if (!fleetScope) void load(month);
  }, [load, month, fleetScope]);

  const sign = async () => {
    if (!report) return;
    const res = await window.countershield.invoke('review:signOff', { month: report.month, reportHash: report.reportHash, lead, second });
    setLead({ ...lead, pin: '' });
    setSecond({ ...second, pin: '' });
    if (res.ok) await load(report.month);
    else setError(res.error);
  };

  return (
    <div className="lead-screen">
      <LeadNav current="review" />
      <section className="panel" aria-labelledby="review-title">
        <div className="row-between">
          <h2 id="review-title">{t('leads.review.title')}</h2>
          {station && (
            <div className="scope-toggle" role="group" aria-label={t('fleet.review.scope')}>
              {(['fleet', 'one'] as const).map((s) => (
                <button key={s} type="button" className={`btn btn-quiet${scope === s ? ' is-current' : ''}`} aria-pressed={scope === s} onClick={() => setScope(s)} data-testid={`review-scope-${s}`}>{t(`fleet.review.${s}`)}</button>
              ))}
            </div>
          )}
          <Field id="review-month" label={t('leads.review.month')} className="inline">
            {(c) => (
              <select {...c} value={month} onChange={(e) => setMonth(e.target.value)} data-testid="review-month">
                {recentMonths().map((m) => <option key={m} value={m}>{formatMonth(m, i18n.language)}</option>)}
              </select>
            )}
          </Field>
        </div>
        {!fleetScope && <ErrorNote error={error} />}
        {!fleetScope && report && (
          <>
            <h3>{t('leads.review.chart')}</h3>
            <DayChart days={report.perDay} />
            <div className="review-grid">
              <div>
                <h3>{t('leads.review.counts')}</h3>
                <table className="counts" data-testid="review-counts">
                  <tbody>
                    {Object.entries(report.counts).map(([k, v]) => (
                      <tr key={k} className={v > 0 && ['unmaskRefused', 'aitekataAlarms', 'photoRequests', 'phoneRefusals', 'pinLocks', 'incidents', 'chainBreaks', 'lookupLimits'].includes(k) ? 'is-attention' : ''}>
                        <th scope="row">{t(`leads.review.c.${k}`)}</th><td>{formatCount(v)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {report.releases && (
                <div>
                  <h3>{t('leads.review.releases')}</h3>
                  <table className="counts" data-testid="review-releases">
                    <thead><tr>{(['recordId', 'grantedAt', 'endsAt', 'endedAt', 'cause'] as const).map((k) => <th key={k} scope="col">{t(`leads.review.releaseHead.${k}`)}</th>)}</tr></thead>
                    <tbody>
                      {report.releases.map((r) => (
                        <tr key={r.release} className={r.endedAt ? '' : 'is-attention'}>
                          <td>{r.recordId}</td><td>{r.grantedAt ? jst(r.grantedAt) : ''}</td><td>{r.endsAt ? jst(r.endsAt) : ''}</td>
                          <td>{r.endedAt ? jst(r.endedAt) : t('leads.review.releaseOpen')}</td><td>{r.cause ? t(`leads.review.releaseCause.${r.cause}`) : ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <div>
                <h3>{t('leads.review.anomalies')}</h3>
                {report.anomalies.length === 0 ? <p>{t('leads.review.noAnomaly')}</p> : (
                  <ul className="anomalies" data-testid="anomalies">
                    {report.anomalies.map((a, i) => (
                      <li key={i}>{a.kind === 'unmask-outside-hours' ? t('leads.review.a.unmask-outside-hours', { at: jst(a.at), actors: a.actors.join('・') }) : t(`leads.review.a.${a.kind}`, a)}</li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </>
        )}
      </section>
      {fleetScope && <FleetReviewPanel month={month} />}
      {!fleetScope && report && (
        <section className="panel" aria-labelledby="sign-title">
          <h2 id="sign-title">{t('leads.review.signTitle')}</h2>
          <p className="muted">{t('leads.review.hash')}: <span className="code">{report.reportHash.slice(0, 16).match(/.{4}/g)!.join(' ')}</span></p>
          {report.signOff ? (
            <p className="signed" data-testid="signed">✔ {t('leads.review.signed', { ...report.signOff, at: jst(report.signOff.at) })}</p>
          ) : (
            <form onSubmit={(e) => { e.preventDefault(); void sign(); }}>
              <TwoPeople idPrefix="sign" first={lead} second={second} onChange={(a, b) => { setLead(a); setSecond(b); }} />
              <ActionButton type="submit" id="review-sign" disabled={month >= currentMonth()} disabledReason={t('leads.review.signDisabled')}>{t('leads.review.sign')}</ActionButton>
            </form>
          )}
        </section>
      )}
      <Reconfirmations />
    </div>
  );
}
