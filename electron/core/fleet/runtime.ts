/**
 * The fleet as the composition root runs it (issues 18, 19): one object per open vault that knows this PC's mode and
 * keeps the drop folder in step on a timer.
 *
 * - terminal: at start and every `pickupMs` (default 5 minutes) it runs FleetTerminal.check — verify, compare with the
 *   station's manifest and the machine-wide marks, apply what may be applied — and once a JST day it writes an audit
 *   segment into the drop folder's segments/. A rolled-back or retired state holds the ProtectionGate: unmasking
 *   and imports stop with a Japanese explanation until a lead and an administrator act (clearRollback).
 * - station: on the same timer it imports every terminal's new segments (FleetStationDesk) and acknowledges the
 *   heads it accepted, so the next terminal check compares against them.
 * - single: nothing travels; the list's age is the age of its last import.
 * Timers and the clock come in from the caller, so tests drive pick-ups without waiting.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { AppError, type AppErrorInfo } from '../../../shared/errors';
import { fleetLimitsOf, type CameraPolicy } from '../../../shared/policy/cameraPolicy';
import type { Actor, AuditSink, StaffAuthenticator } from '../ports';
import type { Argon2Params } from '../staff';
import type { Vault } from '../vault/vault';
import { readStoredConfig, readIdentity, readSegmentDay, writeFleetConfig, writeIdentity, writeSegmentDay, type FleetConfig } from './config';
import { fleetErrors } from './errors';
import { migrateLegacyMarks } from './legacyMarks';
import { fleetRuntimeErrors } from './runtimeErrors';
import { jstDayOf, listAgeOf, type ListAge } from './listAge';
import type { ListIdentity } from './package';
import { writeSegment } from './segment';
import { FleetStationDesk } from './stationDesk';
import { FleetTerminal, type FleetPlan, type FleetStatus, type TerminalDeps } from './terminal';

export interface FleetTimers { every(ms: number, fn: () => void): () => void }
export const realTimers: FleetTimers = {
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return () => clearInterval(t);
  },
};

export interface FleetRuntimeDeps {
  vault: Vault;
  dataDir: string;
  terminalId: string;
  /** The machine-wide copy of the high-water marks (outside the data folder). */
  machineFile: string;
  policyPath: string;
  /** The vault's audit chain in the app; `drain` lets a segment include everything appended before it. */
  audit: AuditSink & { drain?(): Promise<void> };
  auth: StaffAuthenticator;
  clock: () => Date;
  policy: () => CameraPolicy;
  timers?: FleetTimers;
  pickupMs?: number;
  argon2?: Argon2Params;
}

export interface PinEntry { staffId: string; pin: string }

export interface FleetView {
  mode: FleetConfig['mode'];
  dropDir: string | null;
  terminalId: string;
  state: FleetStatus['state'] | 'single' | 'station' | 'not-enrolled';
  unmaskAllowed: boolean;
  error: AppErrorInfo | null;
  identity: { version: number; exportDate: string | null; contentHash: string | null; persons: number } | null;
  age: ListAge;
  /** What the last package changes that waits for two people (管理番号 shown to a lead or administrator only). */
  pending: Pick<FleetPlan, 'version' | 'added' | 'changed' | 'removed' | 'shortened' | 'planHash'> | null;
  lastCheckAt: string | null;
  lastSegmentDay: string | null;
}

const HOLDING = new Set(['rolled-back', 'retired']);

export class FleetRuntime {
  private cfg: FleetConfig = { mode: 'single', dropDir: null };
  private last: FleetStatus | null = null;
  private pendingPlan: FleetPlan | null = null;
  private identity: ListIdentity | undefined;
  private lastCheckAt: string | null = null;
  private segmentDay: string | null = null;
  private stopTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private desk: FleetStationDesk | null = null;
  private configMissing = false;

  private constructor(private readonly d: FleetRuntimeDeps) {}

  static async open(d: FleetRuntimeDeps): Promise<FleetRuntime> {
    const r = new FleetRuntime(d);
    const stored = await readStoredConfig(d.vault);
    // Before anything reads the machine-wide marks: an earlier build's per-id file is merged in (never lowering).
    // A failed write leaves the old file for the next start; the check's own write of the marks fails the same way.
    await migrateLegacyMarks(d).catch(() => 'deferred');
    r.cfg = stored ?? { mode: 'single', dropDir: null };
    // A folder copied back from before this PC became a terminal (or a deleted config row) would read as 'single' and
    // skip every check: the machine-wide marks say this PC was a terminal, so hold it instead.
    // (An empty file is the one the installer made, before this PC was ever a terminal.)
    if (!stored && (await stat(d.machineFile).then((st) => st.size > 0, () => false))) r.configMissing = true;
    r.identity = await readIdentity(d.vault);
    r.segmentDay = (await readSegmentDay(d.vault)) ?? null;
    return r;
  }

  get config(): FleetConfig {
    return this.cfg;
  }

  /** The first pick-up, then the timer. Awaited at start so nothing unmasks before the manifest was compared. */
  async start(): Promise<void> {
    await this.tick();
    this.stopTimer?.();
    this.stopTimer = (this.d.timers ?? realTimers).every(this.d.pickupMs ?? 5 * 60_000, () => void this.tick());
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  /** One pick-up (terminal) or one segment import (station). Serialised: a slow USB stick never runs two at once. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.tickOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async tickOnce(): Promise<void> {
    if (this.cfg.mode === 'terminal') {
      await this.pickUp();
      if (this.last && !HOLDING.has(this.last.state)) await this.dailySegment();
    } else if (this.cfg.mode === 'station') {
      await (await this.stationDesk()).importSegments().catch(() => undefined);
    }
  }

  private terminal(): FleetTerminal {
    return new FleetTerminal(this.terminalDeps());
  }

  private terminalDeps(): TerminalDeps {
    const d = this.d;
    return {
      vault: d.vault, dataDir: d.dataDir, dropDir: this.cfg.dropDir ?? '', terminalId: d.terminalId, machineFile: d.machineFile,
      policyPath: d.policyPath, audit: d.audit, clock: d.clock,
      staff: async (staffId, pin) => {
        const r = await d.auth.verifyPin(staffId, pin);
        return r.ok ? r.actor.roles : null;
      },
    };
  }

  private async pickUp(): Promise<void> {
    const s = await this.terminal().check();
    this.last = s;
    this.lastCheckAt = this.d.clock().toISOString();
    if (s.plan) this.pendingPlan = s.state === 'pending-confirmation' ? s.plan : null;
    if (s.state === 'updated' || s.state === 'current') this.pendingPlan = null;
    if (s.identity && s.state !== 'pending-confirmation') await this.remember(s.identity);
    else if (s.identity && !this.identity) await this.remember(s.identity);
  }

  private async remember(id: ListIdentity): Promise<void> {
    if (this.identity?.version === id.version && this.identity.exportDate === id.exportDate) return;
    this.identity = id;
    await writeIdentity(this.d.vault, id);
  }

  private async dailySegment(): Promise<void> {
    const day = jstDayOf(this.d.clock());
    if (this.segmentDay === day || !this.cfg.dropDir) return;
    await this.writeSegmentNow();
    this.segmentDay = day;
    await writeSegmentDay(this.d.vault, day);
  }

  /**
   * On demand (lead or admin) or daily: the entries since the last segment, into the drop folder's segments/ — or,
   * for a PC whose drop folder is out of reach (a 支所 without the shared folder), onto a USB stick that IT carries to
   * the station's segments/. The next segment continues from this one's last entry wherever this one went.
   */
  async writeSegmentNow(toFolder?: string): Promise<{ written: boolean; fromSeq: number; toSeq: number }> {
    if (this.cfg.mode !== 'terminal' || !this.cfg.dropDir) throw fleetRuntimeErrors.notTerminal();
    await this.d.audit.drain?.();
    // A whole path (D:\監査 on the stick): a relative one would land wherever the app happens to run.
    if (toFolder !== undefined && !isAbsolute(toFolder)) throw fleetRuntimeErrors.folderNotAbsolute();
    const outDir = toFolder ?? join(this.cfg.dropDir, 'segments');
    const r = await writeSegment({ vault: this.d.vault, terminal: this.d.terminalId, outDir, clock: this.d.clock, audit: this.d.audit }).catch(() => {
      throw fleetErrors.unreadable('segments');
    });
    return r ? { written: true, fromSeq: r.segment.fromSeq, toSeq: r.segment.toSeq } : { written: false, fromSeq: 0, toSeq: 0 };
  }

  /** For the ProtectionGate: the reason this terminal must not unmask or import, or null. */
  async holdReason(): Promise<{ ja: string; en: string } | null> {
    if (this.configMissing) return { ja: 'この PC は窓口端末として登録されていましたが、データフォルダーにその設定がありません（以前の状態に戻された可能性）。', en: 'This PC was a fleet terminal, but its data folder has no fleet settings (copied back?).' };
    if (this.cfg.mode !== 'terminal' || !this.last || !HOLDING.has(this.last.state)) return null;
    if (this.last.state === 'retired') return { ja: 'この端末は本部で廃止（盗難・交換）として登録されています。', en: 'This terminal was retired at the station.' };
    const why = this.last.error?.detail?.reason;
    // An unverifiable file is not proof of a copy-back: it may be edited, torn by a crash, or left by an earlier set-up
    // of this PC under another recovery key. Still held (a file anyone could blank must not open the PC), said as such.
    const ja = why === 'machine-marks-invalid'
      ? 'PC 全体の記録ファイルを確かめられません（書き換え・破損、または以前の設定で作られたもの）。班長と管理者が確認してから解除してください。'
      : why === 'behind-machine-marks'
        ? 'この端末のデータフォルダーが、PC 全体に記録した最新の状態より古くなっています（コピーで戻された可能性）。'
        : '本部が確認した監査記録や保護リストより、この端末のデータが古くなっています（以前の状態に戻された可能性）。';
    return { ja, en: `This terminal's data is behind what was recorded (${String(why ?? 'rolled-back')}).` };
  }

  view(): FleetView {
    const limits = fleetLimitsOf(this.d.policy());
    const id = this.identity;
    const state: FleetView['state'] = this.cfg.mode === 'single' ? 'single' : this.cfg.mode === 'station' ? 'station' : this.last?.state ?? 'not-enrolled';
    return {
      mode: this.cfg.mode, dropDir: this.cfg.dropDir, terminalId: this.d.terminalId, state,
      unmaskAllowed: this.cfg.mode !== 'terminal' || !this.last || this.last.unmaskAllowed,
      error: this.last?.error ?? null,
      identity: id ? { version: id.version, exportDate: id.exportDate, contentHash: id.contentHash, persons: id.persons } : null,
      age: listAgeOf(id?.exportDate, this.d.clock(), limits),
      pending: this.pendingPlan && { version: this.pendingPlan.version, added: this.pendingPlan.added, changed: this.pendingPlan.changed, removed: this.pendingPlan.removed, shortened: this.pendingPlan.shortened, planHash: this.pendingPlan.planHash },
      lastCheckAt: this.lastCheckAt, lastSegmentDay: this.segmentDay,
    };
  }

  /** The list's identity and age, with the vault's own last import standing in when no package was ever applied. */
  async viewWithList(): Promise<FleetView> {
    const v = this.view();
    if (v.identity || this.cfg.mode === 'terminal') return v;
    const st = await this.d.vault.status().catch(() => null);
    if (!st) return v;
    const exportDate = st.lastImportAt ? jstDayOf(new Date(st.lastImportAt)) : null;
    return { ...v, identity: { version: st.listVersion, exportDate, contentHash: null, persons: st.persons }, age: listAgeOf(exportDate, this.d.clock(), fleetLimitsOf(this.d.policy())) };
  }

  /**
   * Two administrators (two different people, each with their own PIN) choose the mode and the drop folder: a
   * single administrator turning a terminal into 'single' would end every fleet check on it (FLEET.md: nobody decides
   * alone). A terminal is enrolled with the recovery key: the drop folder's root must be signed by this lineage.
   * Audited with both before it takes effect.
   */
  async configure(admins: { first: PinEntry; second: PinEntry }, c: { mode: FleetConfig['mode']; dropDir?: string; recoveryKey?: string; rootSheet?: string }): Promise<FleetView> {
    const pair = await this.adminPair(admins.first, admins.second);
    const before = this.cfg.mode;
    const next: FleetConfig = { mode: c.mode, dropDir: c.mode === 'single' ? null : c.dropDir ?? null };
    if (next.mode !== 'single' && !next.dropDir) throw fleetRuntimeErrors.dropDirRequired();
    if (next.mode === 'terminal') {
      if (!c.recoveryKey) throw fleetRuntimeErrors.recoveryKeyRequired();
      const prev = this.cfg;
      this.cfg = next;
      try {
        // After a lineage re-key the repository's first root is the old sheet's (FleetTerminal.enrol, vault/rekey.ts).
        await FleetTerminal.enrol(this.terminalDeps(), c.recoveryKey, c.rootSheet ? { rootSheet: c.rootSheet } : {});
      } catch (e) {
        this.cfg = prev;
        throw e;
      }
    }
    await this.d.audit.append({ action: 'fleet.configured', actors: pair.map((a) => a.staffId), detail: { mode: next.mode, from: before } });
    await writeFleetConfig(this.d.vault, next);
    this.cfg = next;
    this.configMissing = false;
    this.desk = null;
    this.last = null;
    await this.tick();
    return this.viewWithList();
  }

  /** Both PINs checked here, in core: the handler's session alone never changes the mode. */
  private async adminPair(a: PinEntry, b: PinEntry): Promise<[Actor, Actor]> {
    if (!a.staffId || !b.staffId || a.staffId === b.staffId) throw fleetRuntimeErrors.secondAdminRequired();
    const ra = await this.d.auth.verifyPin(a.staffId, a.pin);
    if (!ra.ok) throw new AppError(ra.error);
    const rb = await this.d.auth.verifyPin(b.staffId, b.pin);
    if (!rb.ok) throw new AppError(rb.error);
    if (!ra.actor.roles.includes('admin')) throw fleetRuntimeErrors.adminRequired();
    if (!rb.actor.roles.includes('admin')) throw fleetRuntimeErrors.secondAdminRequired();
    return [ra.actor, rb.actor];
  }

  async confirmPending(o: { planHash: string; first: PinEntry; second: PinEntry }): Promise<FleetView> {
    if (this.cfg.mode !== 'terminal') throw fleetRuntimeErrors.notTerminal();
    await this.terminal().confirmPending(o);
    this.pendingPlan = null;
    await this.tick();
    return this.viewWithList();
  }

  async clearRollback(o: { lead: PinEntry; admin: PinEntry }): Promise<FleetView> {
    if (this.cfg.mode !== 'terminal') throw fleetRuntimeErrors.notTerminal();
    await this.terminal().clearRollback(o);
    this.last = null;
    await this.tick();
    return this.viewWithList();
  }

  /**
   * Past the second list-age limit a case opens only when a lead (or administrator) confirms with their PIN at this
   * terminal; the approval is audited with the list's age. Null means the case may open.
   */
  async staleCaseCheck(lead: PinEntry | undefined): Promise<AppErrorInfo | null> {
    const v = await this.viewWithList();
    if (!v.age.leadRequired) return null;
    if (!lead) return fleetRuntimeErrors.listTooOld(v.age.days).toInfo();
    const r = await this.d.auth.verifyPin(lead.staffId, lead.pin);
    if (!r.ok) return r.error;
    if (!r.actor.roles.includes('lead') && !r.actor.roles.includes('admin')) return fleetRuntimeErrors.listTooOld(v.age.days).toInfo();
    await this.d.audit.append({ action: 'fleet.stale_case_approved', actors: [r.actor.staffId], detail: { ageDays: v.age.days ?? -1, listVersion: v.identity?.version ?? 0 } });
    return null;
  }

  async stationDesk(): Promise<FleetStationDesk> {
    if (this.cfg.mode !== 'station' || !this.cfg.dropDir) throw fleetRuntimeErrors.notStation();
    this.desk ??= await FleetStationDesk.open({
      vault: this.d.vault, dataDir: this.d.dataDir, dropDir: this.cfg.dropDir, audit: this.d.audit, auth: this.d.auth, clock: this.d.clock,
      policy: this.d.policy, policyPath: this.d.policyPath, ...(this.d.argon2 && { argon2: this.d.argon2 }),
      onRelease: async (id) => this.remember(id),
    });
    return this.desk;
  }
}
