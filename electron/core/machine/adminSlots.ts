/**
 * When administrators' enrolment slots (enrolmentSlot.ts) are written and dropped:
 *   - at first-run setup, for both administrators (their PINs were just typed);
 *   - at an administrator's sign-in when their slot is missing or was made under an older PIN — that is how a
 *     vault from before this change, or an administrator whose PIN changed, gets one (audited);
 *   - dropped, at each start, for anyone who is no longer an active administrator or whose PIN record changed
 *     outside this terminal's staff changes (e.g. a staff directory from the station), audited.
 * No machine protector (the CLI, a Linux PC without the key file): nothing is written, and enrolment on a new
 * account takes the recovery key — never a slot with only the PIN layer.
 */
import { auditedTransaction } from '../audit/chain';
import type { AuditEvent, AuditSink } from '../ports';
import type { StaffService } from '../staff';
import type { Argon2Params } from '../staff/pinHash';
import type { Vault } from '../vault/vault';
import { dropEnrolmentSlot, enrolmentSlotOwners, enrolmentSlotTag, pinTagOf, writeEnrolmentSlot } from './enrolmentSlot';
import type { MachineProtector } from './machineProtector';

export interface AdminSlotDeps {
  vault: Vault;
  staff: StaffService;
  audit: AuditSink;
  machine: MachineProtector;
  /** The data key again, from this account's own protector slot; the caller's buffer is zeroed here. */
  dataKey: () => Promise<Buffer>;
  terminal: string;
  params?: Argon2Params;
}

async function currentTag(staff: StaffService, staffId: string): Promise<string | undefined> {
  const salt = await staff.pinRecordSalt(staffId);
  return salt ? pinTagOf(salt) : undefined;
}

/** Writes `staffId`'s slot unless an up-to-date one is there. Returns whether it wrote one. */
export async function ensureAdminSlot(d: AdminSlotDeps, staffId: string, pin: string): Promise<boolean> {
  const db = d.vault.database;
  const who = await d.staff.describe(staffId);
  if (!who || who.retired || !who.roles.includes('admin')) return false;
  const tag = await currentTag(d.staff, staffId);
  if (!tag || (await enrolmentSlotTag(db, staffId)) === tag) return false;
  if (!(await d.machine.isAvailable().catch(() => false))) return false;
  const dataKey = await d.dataKey();
  const pepper = d.staff.pepperCopy();
  try {
    await auditedTransaction(db, d.audit, () => writeEnrolmentSlot(db, d.machine, { staffId, pin, pinTag: tag, dataKey, pepper, ...(d.params && { params: d.params }) }),
      () => [{ action: 'terminal.enrol_slot_written', actors: [staffId], detail: { terminal: d.terminal } }]);
  } finally {
    dataKey.fill(0);
    pepper.fill(0);
  }
  return true;
}

/** Drops every slot whose owner is not an active administrator with the PIN it was made under. */
export async function pruneAdminSlots(d: Pick<AdminSlotDeps, 'vault' | 'staff' | 'audit' | 'terminal'>): Promise<string[]> {
  const db = d.vault.database;
  const stale: string[] = [];
  for (const staffId of await enrolmentSlotOwners(db)) {
    const who = await d.staff.describe(staffId);
    const ok = who && !who.retired && who.roles.includes('admin') && (await enrolmentSlotTag(db, staffId)) === (await currentTag(d.staff, staffId));
    if (!ok) stale.push(staffId);
  }
  if (stale.length === 0) return stale;
  await auditedTransaction(db, d.audit, async () => {
    for (const id of stale) await dropEnrolmentSlot(db, id);
  }, () => stale.map((id): AuditEvent => ({ action: 'terminal.enrol_slot_dropped', actors: [id], detail: { terminal: d.terminal } })));
  return stale;
}
