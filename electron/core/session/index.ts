export { SessionManager, DEFAULT_IDLE_SECONDS, sessionErrors, type Session, type SessionManagerDeps, type LockReason } from './sessionManager';
