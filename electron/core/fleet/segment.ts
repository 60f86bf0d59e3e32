/**
 * Audit segments `seg-<terminal>-<fromSeq>-<toSeq>.csa` (SPEC F16, issue 19): a terminal's audit entries since its
 * last segment, exactly as its chain stores them (ids, codes, counts — validate.ts already refused anything else),
 * with a checkpoint of the segment's last entry signed by the terminal's own checkpoint key (audit/checkpoint.ts).
 * The hash chain makes that one signature cover every entry: an edited entry no longer hashes to the next one's
 * `prev`, or to the signed head.
 *
 * The station verifies each terminal separately (review.ts). Segments are plain JSON, not encrypted: they hold no
 * personal data, and the station's reviewer (and an auditor with the paper checkpoint) can read them.
 */
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditSink } from '../ports';
import { makeCheckpoint, signingKeys, type Checkpoint } from '../audit/checkpoint';
import type { EntryRow } from '../audit/entry';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { FLEET_MIGRATIONS } from './highWater';

export const SEGMENT_FORMAT = 'countershield-audit-segment/v1';

export interface Segment {
  format: typeof SEGMENT_FORMAT;
  terminal: string;
  fromSeq: number;
  toSeq: number;
  /** The hash of entry fromSeq − 1 (the genesis hash for the first segment). */
  prevHash: string;
  entries: EntryRow[];
  checkpoint: Checkpoint;
}

export function segmentName(terminal: string, fromSeq: number, toSeq: number): string {
  return `seg-${terminal}-${fromSeq}-${toSeq}.csa`;
}

/**
 * Writes the entries after the last segment into `outDir` (the drop folder's segments/ or a USB stick). Returns
 * undefined when nothing new was logged. The position of the last segment lives in the vault: a copied-back
 * folder writes an overlapping segment, which the station names as an older head or a fork.
 */
export async function writeSegment(o: { vault: Vault; terminal: string; outDir: string; clock: () => Date; audit: AuditSink }): Promise<{ file: string; segment: Segment } | undefined> {
  const db = o.vault.database;
  await migrateSubsystem(db, 'fleet', FLEET_MIGRATIONS);
  const last = Number((await db.get<{ value: string }>("SELECT value FROM fleet_meta WHERE key = 'segment_to'"))?.value ?? 0);
  const entries = await db.all<EntryRow>('SELECT seq, at, terminal, actors, action, targets, detail, prev, hash, mac FROM audit_log WHERE seq > ? ORDER BY seq', [last]);
  if (entries.length === 0) return undefined;
  const first = entries[0]!;
  const head = entries[entries.length - 1]!;
  const keys = await signingKeys(db, o.vault.serviceKey('audit-checkpoint'), true);
  const checkpoint = makeCheckpoint(keys!, { seq: head.seq, headHash: head.hash, at: o.clock().toISOString(), terminal: o.terminal });
  const segment: Segment = { format: SEGMENT_FORMAT, terminal: o.terminal, fromSeq: first.seq, toSeq: head.seq, prevHash: first.prev, entries, checkpoint };
  await mkdir(o.outDir, { recursive: true });
  const file = join(o.outDir, segmentName(o.terminal, first.seq, head.seq));
  await writeFile(`${file}.tmp`, JSON.stringify(segment));
  await rename(`${file}.tmp`, file);
  await db.run("INSERT OR REPLACE INTO fleet_meta (key, value) VALUES ('segment_to', ?)", [String(head.seq)]);
  await o.audit.append({ action: 'fleet.segment_written', actors: ['system'], detail: { fromSeq: first.seq, toSeq: head.seq } });
  return { file, segment };
}
