import { AppError } from '../../../shared/errors';
import type { Session } from '../../core/session';
import { sessionErrors } from '../../core/session';
import type { AppContext, UnmaskContext } from '../context';

/** The terminal has no vault or no staff yet: nothing to log in to, nothing to unmask. */
export function notSetUp(): never {
  throw new AppError({ code: 'E_NOT_SET_UP', ja: 'この端末はまだ設定されていません（保護リストまたは職員が未登録です）。', en: 'This terminal is not set up (no vault or no staff).' });
}

/** Every clerk-side unmask call needs a live session; the lead's calls carry their own id + PIN instead. */
export async function clerk(ctx: AppContext): Promise<{ u: UnmaskContext; session: Session }> {
  const u = ctx.unmask ?? notSetUp();
  const session = await u.sessions.current();
  if (!session) throw sessionErrors.noSession();
  return { u, session };
}
