/**
 * Who does an admin task (issue 17): one administrator's own staff ID + PIN, and for anything that ends a
 * protection a second, different administrator (SPEC F8, F9). PIN checks go through the staff directory's own
 * throttle and lockout, so the admin mode is no faster door for guessing than the login screen.
 */
import type { Actor } from '../ports';
import type { StaffService } from '../staff';
import { adminErrors } from './errors';

export interface AdminCredential {
  staffId: string;
  pin: string;
}

export async function requireAdmin(staff: StaffService | null, cred: AdminCredential | undefined, purpose: string): Promise<Actor> {
  if (!staff || staff.state() === 'not-set-up') throw adminErrors.notSetUp();
  if (!cred || cred.pin === '') throw adminErrors.pinMissing();
  const r = await staff.authenticate(cred.staffId, cred.pin, purpose);
  if (!r.actor.roles.includes('admin')) throw adminErrors.notAdmin();
  return r.actor;
}

/** Two administrators, two different people; the first is checked before the second is asked about. */
export async function requireAdminPair(staff: StaffService | null, first: AdminCredential | undefined, second: AdminCredential | undefined, purpose: string, what: string): Promise<[Actor, Actor]> {
  const a = await requireAdmin(staff, first, purpose);
  if (!second) throw adminErrors.secondPersonRequired(what);
  if (second.staffId === a.staffId) throw adminErrors.samePerson();
  const b = await requireAdmin(staff, second, purpose);
  return [a, b];
}
