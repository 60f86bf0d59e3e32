/**
 * The lookup counts in the vault (issue 14): per staff member, the last hour in minute buckets; per open case,
 * its counters. Counts only — no name, date or lot typed. Kept in the vault so that restarting the app, or a
 * second start after a crash, does not hand a clerk a fresh hour; and a case the app never closed (a kill) is
 * closed at the next open with its counts, so they reach the audit log and the monthly review.
 *
 * A reset outside the app is detected like the lockout counters (staff/store.ts): each row is MACed with a vault
 * key, bound to its scope and id, so an edited row does not verify; and a deleted row is caught against the
 * audit chain — a staff member who opened a case in the last hour has a row, because the row commits with the
 * case.opened entry; and a case opened (in the last week) and never closed has its row until restore() closes it. Either finding is reported (ProtectionGate 'lookup-counts-reset') and the
 * staff member's hour is taken as used up (fail closed). An older, validly MACed copy of a row put back is caught by
 * the chain too (audit/binding.ts): each row names the entry it was written with, every counted walk step writes a
 * `case.lookup_counted` entry before its rows, and a row behind a later such entry is 'lookup-counts-rolled-back'.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { positionHolds, type ChainPosition } from '../audit/binding';
import type { Db } from '../vault/db';
import { migrateSubsystem } from '../vault/schema';

const MIGRATIONS = [
  'CREATE TABLE lookup_counts (scope TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, mac BLOB NOT NULL, PRIMARY KEY (scope, id));',
  // The audit entry the row was written with (audit/binding.ts): an older copy of the row put back is behind the chain.
  'ALTER TABLE lookup_counts ADD COLUMN seq INTEGER; ALTER TABLE lookup_counts ADD COLUMN hash TEXT;',
];

type Scope = 'staff' | 'case';
export interface StoredRow { id: string; body: unknown; at: ChainPosition | null }
/** The entries that raise a count: each is written before its rows in one transaction (CaseService). */
const COUNTING = "action IN ('case.opened', 'case.lookup_counted')";

export class LookupStore {
  private constructor(readonly db: Db, private readonly key: Buffer, private readonly position: (() => ChainPosition) | null) {}

  /** `position` is the audit chain's (audit/binding.ts); without it (a test double) rows are not bound. */
  static async open(db: Db, serviceKey: Uint8Array, position: (() => ChainPosition) | null = null): Promise<LookupStore> {
    await migrateSubsystem(db, 'lookups', MIGRATIONS);
    const store = new LookupStore(db, Buffer.from(hkdfSync('sha256', serviceKey, Buffer.alloc(0), Buffer.from('countershield/v1/lookup-counts', 'utf8'), 32)), position);
    await store.bindExisting();
    return store;
  }

  /**
   * Once, after the migration that added seq/hash: rows that verify are bound to the chain's head as it stands (a row
   * from before the binding would otherwise read as behind every earlier case.opened). Only while no row is bound
   * yet: a marker deleted later does not re-bind an older copy put back.
   */
  private async bindExisting(): Promise<void> {
    if (!this.position) return;
    if (await this.db.get("SELECT 1 AS x FROM lookup_counts WHERE (scope = 'meta' AND id = 'bound') OR seq IS NOT NULL LIMIT 1")) return;
    await this.db.transaction(async () => {
      for (const scope of ['staff', 'case'] as const) for (const r of (await this.all(scope)).rows) await this.save(scope, r.id, r.body);
      await this.db.run("INSERT OR REPLACE INTO lookup_counts (scope, id, body, mac) VALUES ('meta', 'bound', '1', ?)", [Buffer.alloc(0)]);
    });
  }

  /** The chain position is part of the MAC: a row cannot be re-bound to a later entry without the key. */
  private mac(scope: Scope, id: string, body: string, at: ChainPosition | null): Buffer {
    return createHmac('sha256', this.key).update(`${scope}|${id}|${body}${at ? `|${at.seq}|${at.hash}` : ''}`).digest();
  }

  /** In its own transaction (or the caller's), so the position read is this write's: the entry staged just before, else the head. */
  async save(scope: Scope, id: string, body: unknown): Promise<void> {
    const text = JSON.stringify(body);
    await this.db.transaction(async () => {
      const at = this.position?.() ?? null;
      await this.db.run('INSERT OR REPLACE INTO lookup_counts (scope, id, body, mac, seq, hash) VALUES (?, ?, ?, ?, ?, ?)', [scope, id, text, this.mac(scope, id, text, at), at?.seq ?? null, at?.hash ?? null]);
    });
  }

  /**
   * Rows that verify but are behind the chain (issue 14): the chain holds a counting entry for that staff member (or
   * case) after the entry the row names — an older copy of the row was put back. A row from before the binding
   * counts as bound to the start of the chain. The newest such entry's detail, by row id.
   */
  async behindChain(scope: Scope, rows: readonly StoredRow[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    if (!this.position) return out;
    const who = scope === 'staff' ? 'actors = ?' : "json_extract(detail, '$.case') = ?";
    for (const r of rows) {
      const claimed = r.at ?? { seq: 0, hash: '' };
      const holds = await positionHolds(this.db, claimed);
      const e = await this.db.get<{ detail: string }>(
        `SELECT detail FROM audit_log WHERE seq > ? AND ${COUNTING} AND ${who} ORDER BY seq DESC LIMIT 1`,
        [holds ? claimed.seq : 0, scope === 'staff' ? JSON.stringify([r.id]) : r.id],
      );
      if (e) out.set(r.id, JSON.parse(e.detail) as Record<string, unknown>);
      else if (!holds) out.set(r.id, {});
    }
    return out;
  }

  async remove(scope: Scope, id: string): Promise<void> {
    await this.db.run('DELETE FROM lookup_counts WHERE scope = ? AND id = ?', [scope, id]);
  }

  /** Every row of a scope: those that verify, and the ids of those that do not (edited outside the app). */
  async all(scope: Scope): Promise<{ rows: StoredRow[]; tampered: string[] }> {
    const raw = await this.db.all<{ id: string; body: string; mac: Buffer; seq: number | null; hash: string | null }>('SELECT id, body, mac, seq, hash FROM lookup_counts WHERE scope = ? ORDER BY id', [scope]);
    const rows: StoredRow[] = [];
    const tampered: string[] = [];
    for (const r of raw) {
      const at = r.seq === null ? null : { seq: r.seq, hash: r.hash ?? '' };
      const want = this.mac(scope, r.id, r.body, at);
      let body: unknown;
      try {
        body = Buffer.isBuffer(r.mac) && r.mac.length === want.length && timingSafeEqual(r.mac, want) ? JSON.parse(r.body) : undefined;
      } catch {
        body = undefined;
      }
      if (body === undefined) tampered.push(r.id);
      else rows.push({ id: r.id, body, at });
    }
    return { rows, tampered };
  }

  /**
   * Cases the audit log shows opened with counting on since `sinceIso` and never closed: each must still have
   * its row (a crash leaves it; restore() closes it). The clerk of each, by case id.
   */
  async unclosedSince(sinceIso: string): Promise<Map<string, string>> {
    const rows = await this.db.all<{ actors: string; c: string }>(
      `SELECT o.actors, json_extract(o.detail, '$.case') AS c FROM audit_log o
        WHERE o.action = 'case.opened' AND o.at > ? AND json_extract(o.detail, '$.counted') = 1
          AND NOT EXISTS (SELECT 1 FROM audit_log x WHERE x.action = 'case.closed' AND x.at >= o.at AND json_extract(x.detail, '$.case') = json_extract(o.detail, '$.case'))`,
      [sinceIso],
    );
    const out = new Map<string, string>();
    for (const r of rows) {
      try {
        const first = (JSON.parse(r.actors) as unknown[])[0];
        if (typeof first === 'string' && typeof r.c === 'string') out.set(r.c, first);
      } catch {
        // An unreadable row is the verifier's finding, not this check's.
      }
    }
    return out;
  }

  /**
   * Staff ids the audit log shows opening a case since `sinceIso` with counting on (their rows must exist: the
   * entry and the row commit together). Entries from before counts were kept say nothing (no `counted`).
   */
  async activeSince(sinceIso: string): Promise<string[]> {
    const rows = await this.db.all<{ actors: string }>("SELECT DISTINCT actors FROM audit_log WHERE at > ? AND action = 'case.opened' AND detail LIKE '%\"counted\":true%'", [sinceIso]);
    const ids = new Set<string>();
    for (const r of rows) {
      try {
        const first = (JSON.parse(r.actors) as unknown[])[0];
        if (typeof first === 'string') ids.add(first);
      } catch {
        // An unreadable row is the verifier's finding, not this check's.
      }
    }
    return [...ids].sort();
  }
}
