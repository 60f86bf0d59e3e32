/**
 * The administrator who enrols another OS account (issue 16), by recovery key or by PIN alone: checked like any
 * sign-in (lockout, retired staff, the PIN's purpose recorded), and required to hold the admin role. Either refusal
 * is recorded as `terminal.enrol_refused` before it is thrown, so a clerk trying ids and PINs at the enrolment
 * screen leaves a trail; an id that is not a staff id is recorded as 'unknown', never as typed.
 */
import { isAppError } from '../../../shared/errors';
import type { AuditSink } from '../ports';
import type { PinCheckResult, StaffService } from '../staff';
import { STAFF_ID_RE } from '../staff/pinCheck';
import { setupErrors } from '../setup/errors';

export async function authenticateEnrollingAdmin(
  staff: StaffService,
  audit: AuditSink,
  input: { staffId: string; pin: string },
  detail: { terminal: string; method?: 'admin-pin' },
): Promise<PinCheckResult> {
  const refused = (reason: string) =>
    audit.append({ action: 'terminal.enrol_refused', actors: [STAFF_ID_RE.test(input.staffId) ? input.staffId : 'unknown'], detail: { ...detail, reason } }).catch(() => undefined);
  const who = await staff.authenticate(input.staffId, input.pin, 'terminal-enrolment').catch(async (e: unknown) => {
    await refused(isAppError(e) ? e.code : 'E_INTERNAL');
    throw e;
  });
  if (!who.actor.roles.includes('admin')) {
    await refused('E_SETUP_NOT_ADMIN');
    throw setupErrors.notAdmin();
  }
  return who;
}
