/** Clerk sessions: login with staff id + PIN, the live session, activity, logout. Never echoes a PIN. */
import type { SessionView } from '../../../shared/ipc/unmask';
import type { Session, SessionManager } from '../../core/session';
import type { AppContext, UnmaskContext } from '../context';
import type { Handler } from '../router';
import { notSetUp } from './unmaskContext';

function view(sessions: SessionManager, s: Session | null): SessionView | null {
  return s && {
    staffId: s.staffId, displayName: s.displayName, roles: [...s.roles],
    idleSeconds: sessions.idleSeconds, idleRemainingSeconds: sessions.idleRemainingSeconds(),
  };
}

const ctxOf = (ctx: AppContext): UnmaskContext => ctx.unmask ?? notSetUp();

export const sessionHandlers = (ctx: AppContext) => ({
  'session:login': (async ({ staffId, pin }) => {
    const { sessions } = ctxOf(ctx);
    return view(sessions, await sessions.login(staffId, pin))!;
  }) satisfies Handler<'session:login'>,
  'session:current': (async () => {
    const u = ctx.unmask;
    return { session: u ? view(u.sessions, await u.sessions.current()) : null };
  }) satisfies Handler<'session:current'>,
  'session:activity': (async () => {
    const u = ctx.unmask;
    return { session: u ? view(u.sessions, await u.sessions.touch()) : null };
  }) satisfies Handler<'session:activity'>,
  'session:logout': (async () => {
    await ctx.unmask?.sessions.lock('logout');
    return { locked: true as const };
  }) satisfies Handler<'session:logout'>,
});
