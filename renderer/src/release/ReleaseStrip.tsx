import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, ReleaseView } from '../../../shared/cases/model';
import { formatDateTime } from '../ui/format';
import { useCaseStore } from '../case/caseStore';
import './strings';
import './release.css';

/** How often the case asks main while a release is in force: it can end early (a lead, a stopped terminal). */
const POLL_MS = 10_000;

/**
 * The issuing clerk's case shows its releases (岡山市 2024: a release the issuing clerk was never told about): who
 * approved, whom and what it covers, when it ends (和暦 first, JST) with the time left — and, once ended, that it
 * ended, when and why, and that the fields are protected again. Main decides; this line only asks it again at the
 * end and every few seconds, so an end re-masks without the clerk typing anything.
 */
export function ReleaseStrip({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const refresh = useCaseStore((s) => s.refresh);
  const [now, setNow] = useState(() => Date.now());
  const live = view.releases.filter((r) => r.endedAt === null);
  const nextEnd = Math.min(...live.map((r) => Date.parse(r.endsAt)));
  useEffect(() => {
    if (live.length === 0) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const poll = setInterval(() => void refresh(), POLL_MS);
    const atEnd = setTimeout(() => void refresh(), Math.max(0, nextEnd - Date.now()) + 500);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
      clearTimeout(atEnd);
    };
  }, [live.length, nextEnd, refresh]);
  if (view.releases.length === 0) return null;
  const fieldNames = (r: ReleaseView) => r.fields.map((f) => t(`case.fields.${f}`)).join('・');
  return (
    <div className="release-strips" data-testid="release-strips">
      {view.releases.map((r) => {
        const ended = r.endedAt !== null;
        const leftMs = Math.max(0, Date.parse(r.endsAt) - now);
        const h = Math.floor(leftMs / 3_600_000);
        const m = Math.ceil((leftMs % 3_600_000) / 60_000);
        const [a, b] = r.approvers.map((p) => t('release.strip.approver', { name: p.name, id: p.staffId }));
        return (
          <section key={r.id} className={`release-strip${ended ? ' is-ended' : ''}`} role="status" data-testid={ended ? 'release-ended' : 'release-active'} aria-label={t(ended ? 'release.strip.ended' : 'release.strip.active')}>
            <p className="release-head">
              <strong>{t(ended ? 'release.strip.ended' : 'release.strip.active')}</strong>
              <span>{t('release.strip.what', { id: r.recordId, form: t(`case.form.${r.form}`), fields: fieldNames(r) })}</span>
            </p>
            <p className="release-line">
              <span>{t('release.strip.approvers', { a, b })}</span>
              {ended ? (
                <span data-testid="release-ended-at">{t('release.strip.endedAt', { at: formatDateTime(r.endedAt!, i18n.language), cause: t(`release.strip.causes.${r.cause ?? 'expired'}`) })}</span>
              ) : (
                <span data-testid="release-until">
                  {t('release.strip.until', { at: formatDateTime(r.endsAt, i18n.language) })}
                  <span className="release-left">{h > 0 ? t('release.strip.left', { h, m: m === 60 ? 59 : m }) : t('release.strip.leftMinutes', { m })}</span>
                </span>
              )}
            </p>
            {ended && <p className="release-note">{t('release.strip.remasked')}</p>}
            {!ended && r.slot === null && <p className="release-note">{t('release.strip.notApplied')}</p>}
          </section>
        );
      })}
    </div>
  );
}
