import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { ErrorNote } from '../review/ErrorNote';
import { duration, jst } from '../review/format';
import { LeadNav } from '../review/LeadNav';
import { EMPTY_PAIR, PersonFields, type PinPair } from '../review/TwoPeople';
import { IncidentForm } from './IncidentForm';
import '../review/strings';
import '../review/leads.css';

type Incidents = ResponseOf<'incident:list'>['incidents'];

/**
 * The incident record (SPEC F12): each recorded incident with its two report clocks counting down — overdue in
 * red — and the corrections and contacts the town's report says were missing for three weeks.
 */
export function IncidentScreen() {
  const { t } = useTranslation();
  const [list, setList] = useState<Incidents>([]);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [by, setBy] = useState<PinPair>(EMPTY_PAIR);
  const load = useCallback(async () => {
    const res = await window.countershield.invoke('incident:list', {});
    if (res.ok) setList(res.value.incidents);
    else setError(res.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const mark = async (id: string, kind: 'sokuho' | 'kakuho') => {
    const res = await window.countershield.invoke('incident:update', { kind, id, by });
    setBy({ ...by, pin: '' });
    if (res.ok) {
      setError(null);
      await load();
    } else setError(res.error);
  };
  return (
    <div className="lead-screen">
      <LeadNav current="incident" />
      <section className="panel" aria-labelledby="inc-title">
        <h2 id="inc-title">{t('leads.incident.list')}</h2>
        <p className="muted">{t('leads.incident.warnNote')}</p>
        {list.length === 0 ? <p>{t('leads.incident.none')}</p> : list.map((i) => (
          <article key={i.id} className="incident" data-testid="incident">
            <h3><span className="code">{i.id}</span> <span className="muted">{t('leads.incident.discoveredAt')}: {jst(i.discoveredAt)}</span></h3>
            <div className="clocks">
              {i.clocks.map((c) => (
                <div key={c.kind} className={`clock is-${c.state}`} data-testid={`clock-${c.kind}`} data-state={c.state}>
                  <div className="clock-kind">{t(`leads.kind.${c.kind}`)}</div>
                  <div className="clock-left">{c.state === 'done' ? t('leads.incident.done') : c.state === 'overdue' ? t('leads.incident.over', { left: duration(t, c.remainingMs) }) : duration(t, c.remainingMs)}</div>
                  <div className="clock-state">{t(`leads.incident.state.${c.state}`)} · {t('leads.incident.due')} {jst(c.dueAt)}</div>
                  {c.state !== 'done' && (
                    <button type="button" className="btn btn-quiet" onClick={() => void mark(i.id, c.kind)}>{t(c.kind === 'sokuho' ? 'leads.incident.markSokuho' : 'leads.incident.markKakuho')}</button>
                  )}
                </div>
              ))}
            </div>
            <p className="muted">{t('leads.incident.contacts', { n: i.contacts })} · {t('leads.incident.corrections', { n: i.corrections })}</p>
          </article>
        ))}
        {list.length > 0 && <PersonFields id="inc-by" title={t('leads.two.lead')} value={by} onChange={setBy} />}
        <ErrorNote error={error} />
      </section>
      <IncidentForm onSaved={() => void load()} />
    </div>
  );
}
