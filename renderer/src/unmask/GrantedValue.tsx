import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnmaskStore, type GrantedValue as Granted } from './unmaskStore';

const leaving = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * The approved value, in the clerk's window only, with a visible countdown. At zero — or when this element
 * leaves the screen for any reason (navigation, lock, case close) — the value is dropped and main is told.
 * `data-unmasked` lets the copy guard (policy) refuse copy, cut, drag and the context menu on it.
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
  // Leaving the screen re-masks. Deferred one tick so React's development double-mount does not end a grant.
  useEffect(() => {
    clearTimeout(leaving.get(granted.grantId));
    return () => void leaving.set(granted.grantId, setTimeout(() => void release('navigation'), 0));
  }, [granted.grantId, release]);
  return (
    <div className="granted" data-testid="granted">
      <p className="granted-reminder" role="alert">{t('unmask.reminder')}</p>
      <p className="granted-value" data-unmasked="" data-testid="granted-value">{granted.value || t('unmask.empty')}</p>
      <div className="granted-foot">
        <span className="countdown" data-testid="granted-countdown" aria-live="off">{t('unmask.remaining', { seconds })}</span>
        <progress max={granted.totalSeconds} value={seconds} aria-hidden="true" />
        <button type="button" className="btn btn-secondary" onClick={() => void release('released')}>{t('unmask.hideNow')}</button>
      </div>
    </div>
  );
}
