/**
 * The station's desk (issues 18, 19): what the administrators and leads do at the station, over FleetStation and
 * FleetReview — create the repository, release a package (two administrators, each with their own PIN), retire a
 * PC, and import every terminal's audit segments from the drop folder.
 *
 * Administrators' targets keys are wrapped under a key derived from their PIN with Argon2id (the app's parameters),
 * salted per administrator and peppered with a key of the station's vault: one PIN prompt, no new secret, and an
 * attacker with the state file alone has nothing to guess against.
 *
 * Imported segments: each file once (by name); accepted entries are kept in `fleet_entries` for the merged review
 * (ids, codes and counts, exactly as the terminal's chain stored them); every refusal is named per terminal, audited,
 * and recorded as a chain break so the start screen's notice and the two-person acknowledgement cover it.
 */
import { createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CameraPolicy } from '../../../shared/policy/cameraPolicy';
import { fleetLimitsOf } from '../../../shared/policy/cameraPolicy';
import type { Actor, AuditSink, StaffAuthenticator } from '../ports';
import { DEFAULT_ARGON2, derivePinKeys, type Argon2Params } from '../staff/pinHash';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { fleetErrors } from './errors';
import type { ListIdentity } from './package';
import { FleetReview, type SegmentResult } from './review';
import { buildFleetReport, FleetReviewSignOff, type FleetReport, type FleetSignOff } from './fleetReview';
import { fleetRuntimeErrors } from './runtimeErrors';
import type { Segment } from './segment';
import { FleetStation, STATION_FILE } from './station';
import { readDirectory } from './directory';
import { generateRecoveryKey } from '../vault/recoveryKey';

export interface DeskDeps {
  vault: Vault;
  dataDir: string;
  dropDir: string;
  audit: AuditSink;
  auth: StaffAuthenticator;
  clock: () => Date;
  policy: () => CameraPolicy;
  argon2?: Argon2Params;
  /** Where the station's policy file lives: a release carries it to every terminal. */
  policyPath?: string;
  onRelease?: (identity: ListIdentity) => Promise<void>;
}

interface PinEntry { staffId: string; pin: string }

export const STATION_MIGRATIONS: readonly string[] = [
  `CREATE TABLE fleet_segments (name TEXT PRIMARY KEY, terminal TEXT NOT NULL, from_seq INTEGER NOT NULL, to_seq INTEGER NOT NULL, ok INTEGER NOT NULL, problems TEXT NOT NULL, imported_at TEXT NOT NULL);
   CREATE TABLE fleet_entries (terminal TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, actors TEXT NOT NULL, action TEXT NOT NULL, targets TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (terminal, seq));
   CREATE INDEX fleet_entries_at ON fleet_entries (at);
   CREATE TABLE fleet_signoffs (month TEXT PRIMARY KEY, report_hash TEXT NOT NULL, coverage TEXT NOT NULL, lead TEXT NOT NULL, second TEXT NOT NULL, overdue TEXT NOT NULL, reason TEXT, at TEXT NOT NULL);`,
];

const SEGMENT_FILE = /^seg-(T-[0-9a-f]{8}|[A-Za-z0-9_-]{1,40})-(\d+)-(\d+)\.csa$/;

export class FleetStationDesk {
  private constructor(private readonly d: DeskDeps, private station: FleetStation | null, readonly review: FleetReview) {}

  static async open(d: DeskDeps): Promise<FleetStationDesk> {
    await migrateSubsystem(d.vault.database, 'fleet-station', STATION_MIGRATIONS);
    const station = await FleetStation.open({ vault: d.vault, stateDir: d.dataDir, dropDir: d.dropDir, clock: d.clock }).catch((e: unknown) => {
      if ((e as { code?: string }).code === 'E_FLEET_STATION_STATE' && (e as { detail?: { what?: string } }).detail?.what === 'missing') return null;
      throw e;
    });
    const review = await FleetReview.open({ vault: d.vault, stateDir: d.dataDir, clock: d.clock });
    return new FleetStationDesk(d, station, review);
  }

  get dropDir(): string {
    return this.d.dropDir;
  }

  get created(): boolean {
    return this.station !== null;
  }

  get packageVersion(): number {
    return this.station?.packageVersion ?? 0;
  }

  get retired(): readonly string[] {
    return this.station?.retired ?? [];
  }

  private async admin(p: PinEntry): Promise<Actor> {
    const r = await this.d.auth.verifyPin(p.staffId, p.pin);
    if (!r.ok) throw fleetErrors.adminUnknown(p.staffId);
    if (!r.actor.roles.includes('admin')) throw fleetErrors.twoAdminsRequired();
    return r.actor;
  }

  /** The PIN-derived key that opens this administrator's targets key (one Argon2id run, the app's parameters). */
  private async pinKek(p: PinEntry): Promise<Uint8Array> {
    const salt = createHmac('sha256', this.d.vault.serviceKey('fleet-admin-salt')).update(p.staffId).digest().subarray(0, 16);
    const keys = await derivePinKeys(p.staffId, p.pin, salt, this.d.vault.serviceKey('fleet-admin-pepper'), this.d.argon2 ?? DEFAULT_ARGON2);
    keys.verifier.fill(0);
    return keys.sealKek;
  }

  private async pair(a: PinEntry, b: PinEntry): Promise<[Actor, Actor]> {
    if (a.staffId === b.staffId) throw fleetErrors.twoAdminsRequired();
    return [await this.admin(a), await this.admin(b)];
  }

  /** Two (or more) administrators create the lineage's repository in the drop folder. */
  async create(o: { recoveryKey: string; admins: PinEntry[] }): Promise<void> {
    if (this.station) throw fleetErrors.stationState('exists');
    if (o.admins.length < 2 || new Set(o.admins.map((a) => a.staffId)).size !== o.admins.length) throw fleetErrors.twoAdminsRequired();
    for (const a of o.admins) await this.admin(a);
    const admins = await Promise.all(o.admins.map(async (a) => ({ adminId: a.staffId, pinKek: await this.pinKek(a) })));
    const limits = fleetLimitsOf(this.d.policy());
    await this.d.audit.append({ action: 'fleet.station_created', actors: o.admins.map((a) => a.staffId).slice(0, 4), detail: { admins: o.admins.length, listAgeDays: limits.listAgeWarnDays } });
    this.station = await FleetStation.create({ vault: this.d.vault, stateDir: this.d.dataDir, dropDir: this.d.dropDir, clock: this.d.clock }, { recoveryKey: o.recoveryKey, admins, listAgeLimitDays: limits.listAgeWarnDays });
  }

  /** One release for every terminal: the station's list, staff directory and policy, signed by two administrators. */
  async release(o: { recoveryKey: string; exportDate: string; contentHash?: string; first: PinEntry; second: PinEntry }): Promise<{ version: number; persons: number }> {
    const station = this.requireStation();
    const [a, b] = await this.pair(o.first, o.second);
    const policyFile = this.d.policyPath ? await readFile(this.d.policyPath).catch(() => undefined) : undefined;
    const r = await station.prepareRelease({ recoveryKey: o.recoveryKey, exportDate: o.exportDate, ...(o.contentHash && { contentHash: o.contentHash }), ...(policyFile && { policyFile }) });
    station.signRelease(r, { adminId: a.staffId, pinKek: await this.pinKek(o.first) });
    station.signRelease(r, { adminId: b.staffId, pinKek: await this.pinKek(o.second) });
    const persons = (await this.d.vault.status()).persons;
    await this.d.audit.append({ action: 'fleet.released', actors: [a.staffId, b.staffId], detail: { version: r.version, persons } });
    await station.publish(r);
    await this.d.onRelease?.({ version: r.version, exportDate: o.exportDate, contentHash: r.contentHash ?? '', persons, createdAt: this.d.clock().toISOString() });
    return { version: r.version, persons };
  }

  /**
   * Rotates the lineage's signing keys (FLEET flow 5): two administrators (their PINs open their new targets keys)
   * and the current root key sheet — the recovery key until the first rotation. A new root key sheet is made here
   * and returned once, to be printed and kept like the recovery key; the next rotation needs it.
   */
  async rotate(o: { rootSecret: string; first: PinEntry; second: PinEntry }): Promise<{ rootVersion: number; newRootSecret: string; signers: string[]; unfinished: boolean }> {
    const station = this.requireStation();
    station.checkRootSecret(o.rootSecret);
    const [a, b] = await this.pair(o.first, o.second);
    const admins = [{ adminId: a.staffId, pinKek: await this.pinKek(o.first) }, { adminId: b.staffId, pinKek: await this.pinKek(o.second) }];
    const newRootSecret = generateRecoveryKey();
    await this.d.audit.append({ action: 'fleet.keys_rotated', actors: [a.staffId, b.staffId], detail: { rootVersion: station.rootVersion + 1, packageVersion: station.packageVersion } });
    const before = station.rootVersion;
    try {
      const r = await station.rotateKeys({ rootSecret: o.rootSecret, newRootSecret, admins });
      return { rootVersion: r.rootVersion, newRootSecret, signers: [a.staffId, b.staffId], unfinished: false };
    } catch (e) {
      // Once root v+1 is written, the new sheet is the only key that signs the next root: it must reach the
      // administrators even if re-signing the release failed (they finish with the next release).
      if (station.rootVersion === before) throw e;
      return { rootVersion: station.rootVersion, newRootSecret, signers: [a.staffId, b.staffId], unfinished: true };
    }
  }

  /** What a release would carry and who would pick it up, said before two administrators sign it. */
  async releasePreview(): Promise<{ nextVersion: number; persons: number; staff: number; policy: boolean; retired: string[]; terminals: number; signers: string[]; threshold: number; rootVersion: number }> {
    const station = this.requireStation();
    const [status, dir, policy, terminals] = await Promise.all([
      this.d.vault.status(), readDirectory(this.d.vault),
      this.d.policyPath ? readFile(this.d.policyPath).then(() => true, () => false) : Promise.resolve(false),
      this.knownTerminals(),
    ]);
    const { admins, threshold } = station.signers;
    return { nextVersion: station.packageVersion + 1, persons: status.persons, staff: dir.staff.length, policy, retired: [...station.retired], terminals: terminals.length, signers: admins, threshold, rootVersion: station.rootVersion };
  }

  /** A stolen or replaced PC: two administrators; the next release tells every terminal, its segments are refused. */
  async retire(o: { terminal: string; first: PinEntry; second: PinEntry }): Promise<void> {
    const station = this.requireStation();
    const [a, b] = await this.pair(o.first, o.second);
    await this.d.audit.append({ action: 'fleet.terminal_retired', actors: [a.staffId, b.staffId], targets: [{ recordId: o.terminal }] });
    await station.retire(o.terminal);
  }

  private requireStation(): FleetStation {
    if (!this.station) throw fleetRuntimeErrors.noStation();
    return this.station;
  }

  /**
   * Every segment file not imported before, per terminal in order of its entries. Accepted heads are acknowledged
   * in the next manifest at once, so a copied-back PC is stopped at its next pick-up.
   */
  async importSegments(): Promise<SegmentResult[]> {
    const dir = join(this.d.dropDir, 'segments');
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => SEGMENT_FILE.test(n));
    const db = this.d.vault.database;
    const done = new Set((await db.all<{ name: string }>('SELECT name FROM fleet_segments')).map((r) => r.name));
    const todo = names.filter((n) => !done.has(n)).map((n) => {
      const m = SEGMENT_FILE.exec(n)!;
      return { name: n, terminal: m[1]!, from: Number(m[2]) };
    }).sort((x, y) => (x.terminal === y.terminal ? x.from - y.from : x.terminal < y.terminal ? -1 : 1));
    const results: SegmentResult[] = [];
    for (const f of todo) {
      const text = await readFile(join(dir, f.name), 'utf8').catch(() => '');
      const r = await this.review.importSegment(text, this.retired);
      results.push(r);
      await this.recordImport(f.name, r, text);
    }
    if (this.station && results.some((r) => r.ok)) {
      const heads = Object.fromEntries(Object.entries(this.review.heads()).filter(([t]) => !this.retired.includes(t)));
      await this.station.acknowledge(heads);
    }
    return results;
  }

  private async recordImport(name: string, r: SegmentResult, text: string): Promise<void> {
    const db = this.d.vault.database;
    const now = this.d.clock().toISOString();
    if (r.ok) {
      const seg = JSON.parse(text) as Segment;
      await db.transaction(async () => {
        // Entries another PC wrote (the history a terminal inherited from the station's backup) are verified as part
        // of the chain but merged only where they were written, so no month counts them twice.
        for (const e of seg.entries) {
          if (e.terminal !== r.terminal) continue;
          await db.run('INSERT OR IGNORE INTO fleet_entries (terminal, seq, at, actors, action, targets, detail) VALUES (?, ?, ?, ?, ?, ?, ?)', [r.terminal, e.seq, e.at, e.actors, e.action, e.targets, e.detail]);
        }
        await db.run('INSERT INTO fleet_segments (name, terminal, from_seq, to_seq, ok, problems, imported_at) VALUES (?, ?, ?, ?, 1, ?, ?)', [name, r.terminal, r.fromSeq, r.toSeq, '[]', now]);
      });
      await this.d.audit.append({ action: 'fleet.segment_imported', actors: ['system'], targets: [{ recordId: safeId(r.terminal) }], detail: { fromSeq: r.fromSeq, toSeq: r.toSeq, entries: r.entries } });
      return;
    }
    await db.run('INSERT OR REPLACE INTO fleet_segments (name, terminal, from_seq, to_seq, ok, problems, imported_at) VALUES (?, ?, ?, ?, 0, ?, ?)', [name, r.terminal, r.fromSeq, r.toSeq, JSON.stringify(r.problems.map(({ kind, seq }) => ({ kind, seq }))), now]);
    const first = r.problems[0];
    await this.d.audit.append({ action: 'fleet.segment_refused', actors: ['system'], targets: [{ recordId: safeId(r.terminal) }], detail: { kind: first?.kind ?? 'format', seq: first?.seq ?? 0, problems: r.problems.length } });
    // The chain-break notice (start screen, two-person acknowledgement): one per terminal and kind.
    for (const p of r.problems.slice(0, 4)) {
      await this.d.audit.append({ action: 'audit.chain_broken', actors: ['system'], targets: [{ recordId: safeId(r.terminal) }], detail: { kind: `segment-${p.kind}`, seq: p.seq } });
    }
  }

  /** The segments the station has imported, newest first, with what was wrong (for the lead's panel). */
  async imports(limit = 200): Promise<Array<{ name: string; terminal: string; fromSeq: number; toSeq: number; ok: boolean; problems: Array<{ kind: string; seq: number }>; importedAt: string }>> {
    const rows = await this.d.vault.database.all<{ name: string; terminal: string; from_seq: number; to_seq: number; ok: number; problems: string; imported_at: string }>('SELECT * FROM fleet_segments ORDER BY imported_at DESC, name DESC LIMIT ?', [limit]);
    return rows.map((r) => ({ name: r.name, terminal: r.terminal, fromSeq: r.from_seq, toSeq: r.to_seq, ok: r.ok === 1, problems: JSON.parse(r.problems) as Array<{ kind: string; seq: number }>, importedAt: r.imported_at }));
  }

  /** The merged review of a month (issue 19). */
  async report(month: string): Promise<FleetReport> {
    return buildFleetReport(this.d.vault.database, month, await this.overdue(), await this.knownTerminals(), this.review.heads());
  }

  private signOffs(): FleetReviewSignOff {
    return new FleetReviewSignOff({ db: this.d.vault.database, audit: this.d.audit, auth: this.d.auth, clock: this.d.clock, report: (m) => this.report(m) });
  }

  signOff(o: Parameters<FleetReviewSignOff['signOff']>[0]): Promise<FleetSignOff> {
    return this.signOffs().signOff(o);
  }

  signedOff(month: string): Promise<FleetSignOff | null> {
    return this.signOffs().signed(month);
  }

  /** Every terminal the station knows of: heads it accepted, segments it saw (even refused ones). */
  async knownTerminals(): Promise<string[]> {
    const rows = await this.d.vault.database.all<{ terminal: string }>('SELECT DISTINCT terminal FROM fleet_segments');
    const all = new Set([...rows.map((r) => r.terminal), ...Object.keys(this.review.heads())]);
    for (const t of this.retired) all.delete(t);
    return [...all].filter((t) => t !== '?').sort();
  }

  /** Terminals silent for longer than the policy's segmentOverdueDays, with the day they last sent one. */
  async overdue(): Promise<Array<{ terminal: string; lastAt: string | null }>> {
    const days = fleetLimitsOf(this.d.policy()).segmentOverdueDays;
    const known = await this.knownTerminals();
    const late = new Set(this.review.overdue(days, known));
    const last = await this.d.vault.database.all<{ terminal: string; at: string }>('SELECT terminal, MAX(imported_at) AS at FROM fleet_segments WHERE ok = 1 GROUP BY terminal');
    const byT = new Map(last.map((r) => [r.terminal, r.at]));
    return known.filter((t) => late.has(t)).map((t) => ({ terminal: t, lastAt: byT.get(t) ?? null }));
  }
}

/** Terminal ids are ASCII ids already; anything else (a forged file name) is not written into the log as is. */
function safeId(t: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(t) ? t : 'unknown';
}

export { STATION_FILE };
