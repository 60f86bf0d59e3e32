import { AppError } from '../../../shared/errors';
import type { Session } from '../../core/session';
import { sessionErrors } from '../../core/session';
import type { AppContext, UnmaskContext } from '../context';
import type { EarnedRecord } from '../../core/cases/caseService';

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

/**
 * Authorise one record for one clerk (issue 14): it must have been matched — name and birth date — in a case
 * this clerk has open. Counted first (the clerk's hourly limit), so a refusal never depends on the record; an
 * unearned id is refused with one code, recorded, whether or not it exists.
 */
export async function earned(ctx: AppContext, u: UnmaskContext, session: Session, caseId: string, recordId: string, step: 'view' | 'request'): Promise<EarnedRecord> {
  const cases = ctx.cases?.service;
  if (!cases) return u.service.refuseUnearned(session, caseId, step);
  if (step === 'view') await cases.countRecordLookup(caseId, session.staffId);
  return cases.earnedRecord(caseId, session.staffId, recordId) ?? u.service.refuseUnearned(session, caseId, step);
}
