/**
 * A new OS account on an enrolled PC, enrolled with an administrator's 職員番号 + PIN alone (issue 16):
 *
 *   1. the lockout gate, before any KDF: the administrator's counters plus the journal of enrolment failures
 *      (enrolAttempts.ts) — locked, waiting or paused answers without trying the PIN;
 *   2. the administrator's enrolment slot: machine layer (another PC's blob → E_MACHINE_KEY_REFUSED), then the PIN
 *      layer. A wrong PIN, or an id with no slot (same KDF cost, same answer), goes into the journal → E_PIN_WRONG;
 *   3. the vault opens with the data key; the journal is folded into the staff rows and the audit trail;
 *   4. the PIN is checked again as every PIN is (PinChecker: retired, locked, counted) and the role must be admin —
 *      a slot that outlived its owner's retirement or admin role enrols nobody;
 *   5. this account's protector slot, its pepper file and the PC binding are written in one transaction with
 *      'terminal.enrolled' (method 'admin-pin').
 */
import { AppError } from '../../../shared/errors';
import { auditedTransaction } from '../audit/chain';
import type { AuditSink, Clock } from '../ports';
import type { StaffService } from '../staff';
import { staffErrors } from '../staff/errors';
import type { Argon2Params } from '../staff/pinHash';
import type { Db } from '../vault/db';
import { vaultErrors } from '../vault/errors';
import type { KeyProtector } from '../vault/keyProtector';
import { writeProtectorSlot } from '../vault/keyring';
import { deriveSubKeys, keyCheck, sameBytes } from '../vault/keys';
import { Vault, type VaultDeps } from '../vault/vault';
import { bindingState, writeBinding } from './binding';
import { enrolGate, foldEnrolFailures, recordEnrolFailure } from './enrolAttempts';
import { ENROL_ARGON2, openEnrolmentSlot, type SlotSecrets } from './enrolmentSlot';
import { machineKeyErrors, type MachineProtector } from './machineProtector';
import { STAFF_ID_RE } from '../staff/pinCheck';
import { authenticateEnrollingAdmin } from './enrollingAdmin';

export const pinEnrolErrors = {
  paused: () =>
    new AppError({
      code: 'E_ENROL_PIN_PAUSED',
      ja: '暗証番号による登録の誤りが続いたため、いまは受け付けません。登録済みのアカウントでアプリを一度起動するか、回復キーで登録してください。',
      en: 'PIN enrolment is paused after repeated wrong PINs. Start the app once on an enrolled account, or enrol with the recovery key.',
    }),
};

export interface PinEnrolDeps {
  vaultDeps: VaultDeps;
  protector: KeyProtector;
  machine: MachineProtector;
  /** This account's protector slot id (accountSlotId) — a PIN enrolment always writes one of its own. */
  accountSlot: string;
  machineBinding?: string;
  terminalId: string;
  clock: Clock;
  openAudit(vault: Vault): Promise<AuditSink>;
  openStaff(vault: Vault, audit: AuditSink): Promise<StaffService>;
  /** The KDF cost charged for an id without a slot; ENROL_ARGON2 unless tests make it cheaper. */
  enrolArgon2?: Argon2Params;
}

export interface PinEnrolled { vault: Vault; audit: AuditSink; staff: StaffService }

async function unlockFromSlot(db: Db, d: PinEnrolDeps, staffId: string, pin: string): Promise<SlotSecrets> {
  const now = d.clock().getTime();
  const id = STAFF_ID_RE.test(staffId) ? staffId : 'unknown';
  const g = await enrolGate(db, id, now);
  if (g.kind === 'paused') throw pinEnrolErrors.paused();
  if (g.kind === 'locked') throw staffErrors.pinLocked(id);
  if (g.kind === 'wait') throw staffErrors.pinDelay(g.seconds);
  const opened = await openEnrolmentSlot(db, d.machine, id, pin, d.enrolArgon2 ?? ENROL_ARGON2);
  if (opened.kind !== 'opened') {
    await recordEnrolFailure(db, id, now);
    throw staffErrors.pinWrong();
  }
  const check = await db.get<{ value: Buffer }>("SELECT value FROM meta WHERE key = 'key_check'");
  if (!check || !sameBytes(keyCheck(deriveSubKeys(opened.secrets.dataKey)), check.value)) {
    opened.secrets.dataKey.fill(0);
    opened.secrets.pepper.fill(0);
    throw vaultErrors.corrupt('enrolment-slot');
  }
  return opened.secrets;
}

export async function enrolWithAdminPin(d: PinEnrolDeps, input: { staffId: string; pin: string }): Promise<PinEnrolled> {
  if (!(await d.machine.isAvailable().catch(() => false))) throw machineKeyErrors.unavailable('not available on this PC');
  let secrets: SlotSecrets | undefined;
  const vault = await Vault.openWithUnlock(d.vaultDeps, async (db) => {
    secrets = await unlockFromSlot(db, d, input.staffId, input.pin);
    return Buffer.from(secrets.dataKey);
  });
  let done = false;
  try {
    const audit = await d.openAudit(vault);
    const staff = await d.openStaff(vault, audit);
    await staff.adoptPepperForEnrolment(secrets!.pepper);
    await foldEnrolFailures(vault.database, staff, audit);
    await authenticateEnrollingAdmin(staff, audit, input, { terminal: d.terminalId, method: 'admin-pin' });
    const binding = d.machineBinding;
    const copied = binding !== undefined && (await bindingState(vault, binding)) === 'other-pc';
    await auditedTransaction(vault.database, audit, async () => {
      await staff.writePepperSlot();
      await writeProtectorSlot(vault.database, d.protector, d.accountSlot, secrets!.dataKey);
      if (binding) await writeBinding(vault, binding);
    }, () => [{ action: 'terminal.enrolled', actors: [input.staffId], detail: { terminal: d.terminalId, method: 'admin-pin', ...(copied && { copiedFromOtherPc: true }) } }]);
    done = true;
    return { vault, audit, staff };
  } finally {
    secrets?.dataKey.fill(0);
    secrets?.pepper.fill(0);
    if (!done) await vault.close();
  }
}
