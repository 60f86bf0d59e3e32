import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import { ErrorNote } from './ErrorNote';
import { currentMonth, jst } from './format';
import { formatMonth } from '../ui/format';
import { EMPTY_PAIR, PersonFields, type PinPair } from './TwoPeople';

type Data = { rules: Array<{ id: string; ja: string; en: string }>; staff: Array<{ staffId: string; at: string | null }> };

/** The five rules from the town's report, and who has re-confirmed them this month (SPEC F11). */
export function Reconfirmations() {
  const { t, i18n } = useTranslation();
  const month = currentMonth();
  const [data, setData] = useState<Data | null>(null);
  const [me, setMe] = useState<PinPair>(EMPTY_PAIR);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const load = useCallback(async () => {
    const res = await window.countershield.invoke('review:reconfirmations', { month });
    if (res.ok) setData(res.value);
    else setError(res.error);
  }, [month]);
  useEffect(() => {
    void load();
  }, [load]);
  const confirm = async () => {
    const res = await window.countershield.invoke('review:reconfirm', { month, ...me });
    setMe({ ...me, pin: '' });
    if (res.ok) {
      setError(null);
      await load();
    } else setError(res.error);
  };
  if (!data) return <ErrorNote error={error} />;
  return (
    <section className="panel" aria-labelledby="recon-title">
      <h2 id="recon-title">{t('leads.review.reconTitle', { month: formatMonth(month, i18n.language) })}</h2>
      <ol className="rules">{data.rules.map((r) => <li key={r.id}>{i18n.language === 'en' ? r.en : r.ja}</li>)}</ol>
      <ul className="recon-list" data-testid="recon-list">
        {data.staff.map((s) => (
          <li key={s.staffId} className={s.at ? 'is-done' : 'is-due'}>
            <span className="code">{s.staffId}</span> {s.at ? t('leads.review.reconDone', { at: jst(s.at) }) : t('leads.review.reconNot')}
          </li>
        ))}
      </ul>
      <form className="recon-form" onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
        <PersonFields id="recon" title={t('leads.review.reconfirm')} value={me} onChange={setMe} />
        <button type="submit" className="btn btn-secondary">{t('leads.review.reconfirm')}</button>
      </form>
      <ErrorNote error={error} />
    </section>
  );
}
