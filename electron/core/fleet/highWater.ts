/**
 * The terminal's high-water marks (SPEC F15, invariant 7): the highest package version applied and seen, the
 * highest TUF timestamp/snapshot versions seen, and the hold a rollback or a retirement puts on the terminal.
 *
 * Two copies, two lines (docs/fleet.md「各防御線が止めるもの」):
 *   vault   — a row in the vault database, sealed under a vault service key: an edit is refused, but a clerk who
 *             copies the whole data folder back takes this copy back with it.
 *   machine — a file outside the data folder (ProgramData in the app), MACed with the lineage key: a clerk without
 *             write rights to it cannot take it back, so a copied-back folder is behind it at once.
 * The effective mark is the higher of the two; a vault behind the machine file is a rolled-back folder.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as aead from '../vault/aead';
import { writeFileAtomic } from '../vault/dataDir';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';

export interface Marks {
  /** Highest package whose whole list is applied. */
  applied: number;
  /** Highest package version verified (applied in part, or waiting for two people). */
  seen: number;
  timestamp: number;
  snapshot: number;
  /** Set once the station retires this terminal; never cleared by a package. */
  retired: boolean;
  /** A rollback finding; cleared only by a lead and an administrator (FleetTerminal.clearRollback). */
  hold?: { reason: string; at: string };
  /** A head the station acknowledged that a lead and an administrator accepted as behind (after a hold). */
  acceptedBehind?: { seq: number; hash: string };
}

export const ZERO: Marks = { applied: 0, seen: 0, timestamp: 0, snapshot: 0, retired: false };
/** The fleet's one table in the vault database (marks, segment position). */
export const FLEET_MIGRATIONS: readonly string[] = ['CREATE TABLE fleet_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);'];
const AAD = 'cs/v1|fleet|marks';

export async function readVaultMarks(vault: Vault): Promise<Marks> {
  await migrateSubsystem(vault.database, 'fleet', FLEET_MIGRATIONS);
  const row = await vault.database.get<{ value: Buffer }>("SELECT value FROM fleet_meta WHERE key = 'marks'");
  if (!row) return { ...ZERO };
  return JSON.parse(aead.open(vault.serviceKey('fleet-marks'), row.value, AAD, 'fleet-marks').toString('utf8')) as Marks;
}

export async function writeVaultMarks(vault: Vault, m: Marks): Promise<void> {
  await migrateSubsystem(vault.database, 'fleet', FLEET_MIGRATIONS);
  await vault.database.run("INSERT OR REPLACE INTO fleet_meta (key, value) VALUES ('marks', ?)", [aead.seal(vault.serviceKey('fleet-marks'), Buffer.from(JSON.stringify(m), 'utf8'), AAD)]);
}

/**
 * The machine-wide file's name, beside the policy file (%ProgramData%\CounterShield). One fixed name per PC (a PC is one
 * terminal; the MAC binds the terminal id), so the installer can create it and set its ACL before the app runs.
 */
export const MACHINE_MARKS_FILE = 'fleet-marks.json';

export type MachineRead = { state: 'absent' } | { state: 'invalid' } | { state: 'ok'; marks: Marks };

const machineMac = (vault: Vault, terminal: string, body: string) => createHmac('sha256', vault.serviceKey('fleet-machine-marks')).update(`${terminal}|${body}`).digest();

export async function readMachineMarks(vault: Vault, file: string, terminal: string): Promise<MachineRead> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  // The installer creates the file empty (assets/build/installer.nsh), so its ACL is in place before the first write.
  if (text === undefined || text.trim() === '') return { state: 'absent' };
  try {
    const j = JSON.parse(text) as { body: string; mac: string };
    const got = Buffer.from(String(j.mac), 'hex');
    const want = machineMac(vault, terminal, String(j.body));
    if (got.length !== want.length || !timingSafeEqual(got, want)) return { state: 'invalid' };
    return { state: 'ok', marks: JSON.parse(j.body) as Marks };
  } catch {
    return { state: 'invalid' };
  }
}

/**
 * Rewrites the file in place when it exists: the installer's ACL lets the counter group write it but not delete or
 * rename it, and a rename over it is a delete. A crash mid-write leaves a file whose MAC fails — a hold, never a pass.
 * Without the file (a PC not set up by the installer, tests) it is created whole, through a synced temporary name.
 */
export async function writeMachineMarks(vault: Vault, file: string, terminal: string, m: Marks): Promise<void> {
  const body = JSON.stringify(m);
  const bytes = Buffer.from(JSON.stringify({ body, mac: machineMac(vault, terminal, body).toString('hex') }), 'utf8');
  const fh = await open(file, 'r+').catch(() => undefined);
  if (fh) {
    try {
      await fh.write(bytes, 0, bytes.length, 0);
      await fh.truncate(bytes.length);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return;
  }
  await mkdir(dirname(file), { recursive: true });
  // fsync before the rename and of the folder after it: the migration (legacyMarks.ts) deletes the old file next.
  await writeFileAtomic(file, bytes, 0o644);
}

/** The higher of two copies, field by field; a hold or retirement in either copy stands. */
export function maxMarks(a: Marks, b: Marks): Marks {
  const hold = a.hold ?? b.hold;
  const accepted = !a.acceptedBehind ? b.acceptedBehind : !b.acceptedBehind ? a.acceptedBehind : a.acceptedBehind.seq >= b.acceptedBehind.seq ? a.acceptedBehind : b.acceptedBehind;
  return {
    applied: Math.max(a.applied, b.applied), seen: Math.max(a.seen, b.seen), timestamp: Math.max(a.timestamp, b.timestamp),
    snapshot: Math.max(a.snapshot, b.snapshot), retired: a.retired || b.retired,
    ...(hold && { hold }), ...(accepted && { acceptedBehind: accepted }),
  };
}
