/**
 * Staff administration (SPEC F9): list, propose, describe, confirm, cancel, and one's own PIN change.
 * The core decides every rule that matters (admin proposer, a different confirmer, hash binding, two
 * administrators remain, seal authority); these handlers add the terminal's own gate — the screen is an
 * administrator's, so a live session holding the admin role is needed, and the proposer is that person —
 * and turn core objects into the contract's DTOs, which never hold a PIN, a hash of one or the pepper.
 */
import { AppError } from '../../../shared/errors';
import type { StaffChangeDescription } from '../../../shared/ipc/staff';
import { sessionErrors, type Session } from '../../core/session';
import { staffErrors, type ProposedChange, type StaffChange } from '../../core/staff';
import type { AppContext, StaffContext } from '../context';
import type { Handler } from '../router';
import { notSetUp } from './unmaskContext';

export const staffIpcErrors = {
  proposerNotSession: () =>
    new AppError({
      code: 'E_STAFF_PROPOSER_SESSION',
      ja: '変更を提案できるのは、この端末にログインしている管理者本人だけです。',
      en: 'Only the administrator logged in at this terminal can propose a staff change.',
    }),
};

const staffOf = (ctx: AppContext): StaffContext => ctx.staff ?? notSetUp();

async function liveSession(s: StaffContext): Promise<Session> {
  const session = await s.sessions.current();
  if (!session) throw sessionErrors.noSession();
  return session;
}

/** Every administration channel: a live session whose holder is an administrator. */
async function adminSession(ctx: AppContext): Promise<{ s: StaffContext; session: Session }> {
  const s = staffOf(ctx);
  const session = await liveSession(s);
  if (!session.roles.includes('admin')) throw staffErrors.notAdmin();
  return { s, session };
}

/** The same 8 hex digits the unmask screens use, so staff already know how to compare them. */
export function staffCheckCode(changeHash: string): string {
  const h = changeHash.slice(0, 8).toUpperCase();
  return `${h.slice(0, 4)} ${h.slice(4)}`;
}

async function describe(s: StaffContext, p: ProposedChange, now: number): Promise<StaffChangeDescription> {
  const c = p.change;
  const [proposer, subject] = await Promise.all([s.service.describe(p.proposerId), s.service.describe(c.staffId)]);
  return {
    changeId: p.changeId,
    changeHash: p.changeHash,
    checkCode: staffCheckCode(p.changeHash),
    kind: c.kind,
    proposerId: p.proposerId,
    proposerName: proposer?.displayName ?? p.proposerId,
    subjectId: c.staffId,
    subjectName: c.kind === 'add' ? c.displayName : subject?.displayName ?? c.staffId,
    rolesBefore: c.kind === 'add' ? null : subject ? [...subject.roles] : null,
    rolesAfter: c.kind === 'add' || c.kind === 'setRoles' ? [...c.roles] : null,
    subjectLocked: subject?.locked ?? false,
    subjectFailedCount: subject?.failedCount ?? 0,
    needsSubjectPin: p.needsSubjectPin,
    needsSealAuthority: p.needsSealAuthority,
    expiresAt: p.expiresAt,
    expiresInSeconds: Math.max(0, Math.ceil((Date.parse(p.expiresAt) - now) / 1000)),
  };
}

export const staffHandlers = (ctx: AppContext) => ({
  'staff:list': (async () => {
    const { s } = await adminSession(ctx);
    // Field by field on purpose: whatever the core summary grows later, only these cross to the screen.
    const staff = (await s.service.list()).map((m) => ({
      staffId: m.staffId, displayName: m.displayName, roles: [...m.roles], retired: m.retired, locked: m.locked, failedCount: m.failedCount,
    }));
    return { staff };
  }) satisfies Handler<'staff:list'>,

  'staff:propose': (async ({ proposerId, proposerPin, change }) => {
    const { s, session } = await adminSession(ctx);
    if (proposerId !== session.staffId) throw staffIpcErrors.proposerNotSession();
    const p = await s.service.proposeChange(proposerId, proposerPin, change as StaffChange);
    return describe(s, p, s.service.now().getTime());
  }) satisfies Handler<'staff:propose'>,

  'staff:describeChange': (async ({ changeId }) => {
    const { s } = await adminSession(ctx);
    const p = s.service.pendingChange(changeId);
    if (!p) throw staffErrors.changeUnknown();
    return describe(s, p, s.service.now().getTime());
  }) satisfies Handler<'staff:describeChange'>,

  'staff:confirm': (async (input) => {
    const { s } = await adminSession(ctx);
    const p = s.service.pendingChange(input.changeId);
    if (!p) throw staffErrors.changeUnknown();
    const { subjectPin, recoveryKey, ...rest } = input;
    // Only what the change asks for is passed on: a stray recovery key must not become seal authority.
    await s.service.confirmChange({
      ...rest,
      ...(p.needsSubjectPin && subjectPin !== undefined && { subjectPin }),
      ...(p.needsSealAuthority && recoveryKey !== undefined && recoveryKey !== '' && { recoveryKey }),
    });
    return { applied: true as const, kind: p.change.kind, staffId: p.change.staffId };
  }) satisfies Handler<'staff:confirm'>,

  'staff:cancel': (async ({ changeId }) => {
    const { s } = await adminSession(ctx);
    s.service.cancelChange(changeId);
    return { cancelled: true as const };
  }) satisfies Handler<'staff:cancel'>,

  'staff:changeOwnPin': (async ({ oldPin, newPin }) => {
    const s = staffOf(ctx);
    const session = await liveSession(s);
    await s.service.changePin(session.staffId, oldPin, newPin);
    return { changed: true as const };
  }) satisfies Handler<'staff:changeOwnPin'>,
});
