import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnmaskStore, type GrantedValue as Granted } from './unmaskStore';

const leaving = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * The approved value, in the clerk's window only, with a visible countdown. At zero — or when this element
 * leaves the screen for any reason (navigation, lock, case close) — the value is dropped and main is told.
 * `data-unmasked` lets the copy guard (policy) refuse copy, cut, drag and the context menu on it.
 * The value is body-size text inside its own field: it is for the clerk at arm's length, not for the room
 * (issue 23: at 28 px bold it could be read from the other side of the counter). Esc hides it at once.
 */
export function GrantedValue({ granted }: { granted: Granted }) {
  const { t } = useTranslation();
  const release = useUnmaskStore((s) => s.release);
  const left = () => Math.max(0, Math.ceil((granted.deadline - performance.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    const tick = setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s <= 0) void release('released');
    }, 250);
    return () => clearInterval(tick);
  }, [granted.grantId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      void release('released');
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [release]);
  // Leaving the screen re-masks. Deferred one tick so React's development double-mount does not end a grant.
  useEffect(() => {
    clearTimeout(leaving.get(granted.grantId));
    return () => void leaving.set(granted.grantId, setTimeout(() => void release('navigation'), 0));
  }, [granted.grantId, release]);
  return (
    <div className="granted" data-testid="granted">
      <p className="granted-value" data-unmasked="" data-testid="granted-value">{granted.value || t('unmask.empty')}</p>
      <p className="granted-reminder" role="alert">{t('unmask.reminder')}</p>
      <div className="granted-foot">
        <span className="countdown" data-testid="granted-countdown" aria-live="off">{t('unmask.remaining', { seconds })}</span>
        <progress max={granted.totalSeconds} value={seconds} aria-hidden="true" />
        <button type="button" className="btn btn-secondary btn-hide" onClick={() => void release('released')} aria-keyshortcuts="Escape" aria-describedby="granted-esc">{t('unmask.hideNow')}</button>
        <span id="granted-esc" className="granted-esc">{t('unmask.hideNowKey')}</span>
      </div>
    </div>
  );
}
