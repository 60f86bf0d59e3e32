import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import './login.css';
import { useNav } from '../app/nav';
import { LoginScreen } from './LoginScreen';
import { useSessionStore } from './sessionStore';

const POLL_MS = 3000;
const ACTIVITY_MS = 15_000;

/**
 * On a set-up terminal nothing but the login screen is shown without a session. Main owns the idle timer;
 * this asks main every few seconds so a lock (idle, OS screen lock) masks the screen within seconds, and
 * reports keyboard/mouse activity (throttled) so working clerks are not locked out.
 */
export function SessionGate({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const { session, known, refresh, activity, logout } = useSessionStore();
  const { screen, go } = useNav();
  useEffect(() => {
    if (!enabled) return;
    void refresh();
    const poll = setInterval(() => void refresh(), POLL_MS);
    let last = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_MS) return;
      last = now;
      void activity();
    };
    window.addEventListener('keydown', onInput, true);
    window.addEventListener('pointerdown', onInput, true);
    return () => {
      clearInterval(poll);
      window.removeEventListener('keydown', onInput, true);
      window.removeEventListener('pointerdown', onInput, true);
    };
  }, [enabled, refresh, activity]);

  if (!enabled) return <>{children}</>;
  if (!known) return null;
  if (!session) return <LoginScreen />;
  return (
    <>
      <div className="session-bar" data-testid="session-bar">
        <span className="session-who">{t('login.signedIn', { name: session.displayName, id: session.staffId })}</span>
        <span className="muted">{t('login.idleNote', { minutes: Math.round(session.idleSeconds / 60) })}</span>
        {screen === 'unmask'
          ? <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('login.toStart')}</button>
          : <button type="button" className="btn btn-secondary" onClick={() => go('unmask')}>{t('login.toRecords')}</button>}
        <button type="button" className="btn btn-secondary" onClick={() => void logout()}>{t('login.logout')}</button>
      </div>
      {children}
    </>
  );
}
