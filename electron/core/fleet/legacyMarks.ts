/**
 * The machine-wide marks file of earlier builds (issue 18): they wrote `fleet-marks-<terminal id>.json` beside the
 * policy; this build reads one fixed `fleet-marks.json` (highWater.ts). Without this step a PC updated from such a
 * build would start its machine-wide line over once — a folder copied back just before the update would pass.
 *
 * At start, before anything reads the marks:
 * - a valid old file (the same MAC, bound to this terminal id) is merged into the new one, field by field taking the
 *   higher mark (maxMarks), so it can raise the new file and never lower it; a hold in it stands;
 * - an old file whose MAC fails is not trusted: it lowers nothing, puts the same hold on the terminal as an invalid
 *   new file does (`machine-marks-invalid`, audited as `fleet.rolled_back`), and is renamed `….invalid` so IT can
 *   look at it and a lifted hold does not come back at the next start;
 * - the old file goes only after the new one is durably on disk, so a kill at any point leaves either the old file
 *   (the next start merges it again — taking the higher of equal marks changes nothing) or the merged new file.
 * A new file whose own MAC fails is left alone (the terminal holds on it) and the old file kept for after the hold.
 * Old files named after another terminal id are another identity's marks (this PC's id comes from its machine id):
 * they cannot raise this terminal's marks honestly, so they are left where they are.
 */
import { readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AuditSink } from '../ports';
import type { Vault } from '../vault/vault';
import { maxMarks, readMachineMarks, writeMachineMarks, ZERO } from './highWater';

export interface LegacyMarksDeps {
  vault: Vault;
  /** The new fixed file (`…/fleet-marks.json`); the old one lived in the same folder. */
  machineFile: string;
  terminalId: string;
  audit: AuditSink;
  clock: () => Date;
}

export type LegacyMarksResult = 'none' | 'merged' | 'invalid' | 'deferred';

export const legacyMarksFile = (machineFile: string, terminalId: string): string => join(dirname(machineFile), `fleet-marks-${terminalId}.json`);

export async function migrateLegacyMarks(d: LegacyMarksDeps): Promise<LegacyMarksResult> {
  const old = legacyMarksFile(d.machineFile, d.terminalId);
  if ((await readFile(old).catch(() => undefined)) === undefined) return 'none';
  const prev = await readMachineMarks(d.vault, old, d.terminalId);
  const cur = await readMachineMarks(d.vault, d.machineFile, d.terminalId);
  if (cur.state === 'invalid') return 'deferred';
  const base = cur.state === 'ok' ? cur.marks : { ...ZERO };
  if (prev.state === 'invalid') {
    const hold = base.hold ?? { reason: 'machine-marks-invalid', at: d.clock().toISOString() };
    await writeMachineMarks(d.vault, d.machineFile, d.terminalId, { ...base, hold });
    await d.audit.append({ action: 'fleet.rolled_back', actors: ['system'], detail: { reason: 'machine-marks-invalid', file: 'legacy' } });
    // If the rename is refused (an ACL), the hold stands and comes back after each lift until IT removes the file.
    await rename(old, `${old}.invalid`).catch(() => undefined);
    return 'invalid';
  }
  // 'absent' is an empty old file: nothing to carry over.
  if (prev.state === 'ok') await writeMachineMarks(d.vault, d.machineFile, d.terminalId, maxMarks(base, prev.marks));
  // A refused delete only means the same merge runs again at the next start.
  await rm(old, { force: true }).catch(() => undefined);
  return 'merged';
}
