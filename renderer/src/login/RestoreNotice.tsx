import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDateTime } from '../ui/format';
import { useSessionStore } from './sessionStore';
import './strings';

export interface RestoreNoticeView { backupCreatedAt: string | null; persons: number; removed: number; shortened: number }

const POLL_MS = 2000;
/**
 * Kept outside the component: main hands the notice out once, and the login screen may mount before the restore has
 * finished (every session ends at its start) or mount twice (React's strict mode). Dropped at the next login.
 */
let held: RestoreNoticeView | null = null;

/**
 * After a restore from the administration screen the app is back at the login: this says, once, what was restored
 * (the backup's date, the count, what ended) and what to do next. Counts and a date only — no person's data.
 */
export function RestoreNotice() {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState<RestoreNoticeView | null>(held);
  useEffect(() => {
    let stop = false;
    const ask = async () => {
      if (held || stop) return;
      const r = await window.countershield.invoke('admin:restoreNotice', {});
      if (!stop && r.ok && r.value.notice) setNotice((held = r.value.notice));
    };
    void ask();
    // Asked a few times: the restore may still be reopening the vault when this screen appears.
    const timer = setInterval(() => void ask(), POLL_MS);
    const stopAt = setTimeout(() => clearInterval(timer), 60_000);
    return () => {
      stop = true;
      clearInterval(timer);
      clearTimeout(stopAt);
      // Shown once: gone when someone has logged in again.
      if (useSessionStore.getState().session) held = null;
    };
  }, []);
  if (!notice) return null;
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const ended = notice.removed + notice.shortened > 0;
  return (
    <div className="restore-notice" role="status" data-testid="restore-notice">
      <h3>{t('login.restored.title')}</h3>
      <p>
        {notice.backupCreatedAt
          ? t('login.restored.from', { date: formatDateTime(notice.backupCreatedAt, lang), persons: formatCount(notice.persons) })
          : t('login.restored.fromUndated', { persons: formatCount(notice.persons) })}
      </p>
      <p>{ended ? t('login.restored.ended', { removed: formatCount(notice.removed), shortened: formatCount(notice.shortened) }) : t('login.restored.nothingEnded')}</p>
      <p>{t('login.restored.next')}</p>
    </div>
  );
}
