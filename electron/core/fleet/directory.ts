/**
 * The staff directory and lead wraps as they travel (SPEC F15, FLEET flow 3). Rows are carried exactly as the
 * station's vault stores them: the body and the PIN verifier are already AES-GCM under the lineage's staff key
 * (staff/records.ts, bound to the staff id), the lead wraps under each lead's PIN-derived key (vault/keyring.ts).
 * Nothing is decrypted to make or apply a package, and no PIN exists anywhere to be carried.
 *
 * Applied at a terminal: bodies and verifiers are replaced; lockout counters and sessions stay per terminal,
 * except that a new verifier (a PIN reset at the station) clears the counters, as a local PIN change does.
 * Staff are retired, never deleted, at the station, so a row missing from a package is left alone.
 * Lead wraps are the station's set: a wrap the package does not carry (a lead who lost the role) is removed.
 */
import type { ChainPosition } from '../audit/binding';
import type { Vault } from '../vault/vault';
import { migrateSubsystem } from '../vault/schema';
import { STAFF_MIGRATIONS } from '../staff/schema';
import { StaffStore } from '../staff/store';
import { RECOVERY_WRAP_ID } from '../vault/keyring';
import type { LeadWrapEntry, StaffEntry } from './package';

export async function readDirectory(vault: Vault): Promise<{ staff: StaffEntry[]; leadWraps: LeadWrapEntry[] }> {
  const db = vault.database;
  await migrateSubsystem(db, 'staff', STAFF_MIGRATIONS);
  const staff = await db.all<{ staff_id: string; body: Buffer; pin: Buffer }>('SELECT staff_id, body, pin FROM staff ORDER BY staff_id');
  const wraps = await db.all<{ wrap_id: string; blob: Buffer }>('SELECT wrap_id, blob FROM seal_key_wraps WHERE wrap_id <> ? ORDER BY wrap_id', [RECOVERY_WRAP_ID]);
  return {
    staff: staff.map((r) => ({ staffId: r.staff_id, body: r.body.toString('base64'), pin: r.pin.toString('base64') })),
    leadWraps: wraps.map((w) => ({ wrapId: w.wrap_id, blob: w.blob.toString('base64') })),
  };
}

/** Returns how many staff rows and wraps changed. Idempotent: applying the same package twice changes nothing the second time. */
export async function applyDirectory(
  vault: Vault, staff: readonly StaffEntry[], leadWraps: readonly LeadWrapEntry[], nowIso: string,
  /** The terminal's audit chain position: cleared counters are bound to it like every counter write (issue 14). */
  position: (() => ChainPosition) | null = null,
): Promise<{ staffChanged: number; wrapsChanged: number }> {
  const db = vault.database;
  await migrateSubsystem(db, 'staff', STAFF_MIGRATIONS);
  let staffChanged = 0;
  // Lockout counters stay per terminal and carry this vault's MAC (issue 14): a row that arrives, or whose PIN
  // changed, starts with clear counters MACed here — a row without a valid MAC reads as locked.
  const counters = new StaffStore(db, vault.serviceKey('staff-records'), position);
  for (const s of staff) {
    const body = Buffer.from(s.body, 'base64');
    const pin = Buffer.from(s.pin, 'base64');
    const cur = await db.get<{ body: Buffer; pin: Buffer }>('SELECT body, pin FROM staff WHERE staff_id = ?', [s.staffId]);
    if (!cur) {
      await db.run('INSERT INTO staff (staff_id, body, pin, created_at) VALUES (?, ?, ?, ?)', [s.staffId, body, pin, nowIso]);
      await counters.clearFailures(s.staffId);
      staffChanged++;
      continue;
    }
    const newPin = !cur.pin.equals(pin);
    if (!newPin && cur.body.equals(body)) continue;
    staffChanged++;
    if (newPin) {
      await db.run('UPDATE staff SET body = ?, pin = ? WHERE staff_id = ?', [body, pin, s.staffId]);
      await counters.clearFailures(s.staffId);
    } else await db.run('UPDATE staff SET body = ? WHERE staff_id = ?', [body, s.staffId]);
  }
  let wrapsChanged = 0;
  const keep = new Set(leadWraps.map((w) => w.wrapId));
  for (const w of await db.all<{ wrap_id: string }>('SELECT wrap_id FROM seal_key_wraps WHERE wrap_id <> ?', [RECOVERY_WRAP_ID])) {
    if (!keep.has(w.wrap_id)) {
      await db.run('DELETE FROM seal_key_wraps WHERE wrap_id = ?', [w.wrap_id]);
      wrapsChanged++;
    }
  }
  for (const w of leadWraps) {
    if (w.wrapId === RECOVERY_WRAP_ID) continue;
    const blob = Buffer.from(w.blob, 'base64');
    const cur = await db.get<{ blob: Buffer }>('SELECT blob FROM seal_key_wraps WHERE wrap_id = ?', [w.wrapId]);
    if (cur?.blob.equals(blob)) continue;
    await db.run('INSERT OR REPLACE INTO seal_key_wraps (wrap_id, blob) VALUES (?, ?)', [w.wrapId, blob]);
    wrapsChanged++;
  }
  return { staffChanged, wrapsChanged };
}
