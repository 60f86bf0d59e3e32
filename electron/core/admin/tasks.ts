/**
 * Every administration task, written once (issue 17) for the installed app's `--admin` mode, its
 * administration screen (IPC) and the dev CLI. Each task takes the environment (how to get into the vault),
 * the people doing it and its files, and returns a value — printing and dialogs are the caller's. Every task
 * that changes or exports something leaves its audit entry; every refusal after a PIN check does too.
 */
import { writeFile } from 'node:fs/promises';
import { exportBundle, importBundle, type BundleExportAccess } from '../bundle';
import { exportAuthority } from '../bundle/exportAuthority';
import { ChainBreaks, openVerifier, parseCheckpoint, type AuditChain, type Checkpoint, type VerifyResult } from '../audit';
import { dryRunEvent, exportedEvent, refusedEvent, committedEvent, removalConfirmedEvents } from '../list';
import { ProtectionGate } from '../protection';
import { restoreBackup, writeBackup, type BackupCheck } from '../vault/backup';
import { writeFileAtomic, hasVault } from '../vault/dataDir';
import { endsProtection, refuseOlderKeys, restoreConfirmRequired, restorePlan, type RestorePlan } from '../vault/restorePlan';
import type { ImportSummary } from '../vault/importPlan';
import { AppError, isAppError } from '../../../shared/errors';
import { openAdminVault, readVault, withAdmin, type AdminEnv, type AdminHandle } from './access';
import { requireAdmin, requireAdminPair, type AdminCredential } from './auth';
import { adminErrors } from './errors';
import { checkNewOutput, readInputFile } from './files';
import { effectivePolicyOf } from './policyState';
import { StaffService } from '../staff';
import { collectStatus, type AdminStatus } from './status';
import { makeSupportBundle, type SupportBundle } from './support';
import { backupCreatedAt, markPendingRestore } from './pendingRestore';

/** The people doing a task. `confirmed` is the dev CLI's `--confirm-removals`: only honoured with the recovery key. */
export interface AdminPeople {
  first?: AdminCredential;
  second?: AdminCredential;
  confirmed?: boolean;
}

export type Progress = (done: number, total: number, phase: string) => void;

/** The recovery key holder (dev CLI) acts as 'cli'; in the installed app an administrator's PIN says who. */
async function actorsOf(env: AdminEnv, h: AdminHandle, people: AdminPeople, purpose: string): Promise<string[]> {
  if (env.access.kind === 'recovery' && !people.first) return ['cli'];
  try {
    return [(await requireAdmin(h.staff, people.first, purpose)).staffId];
  } catch (e) {
    if (isAppError(e)) await h.chain.append({ action: 'admin.refused', actors: ['terminal'], detail: { code: e.code, op: purpose } }).catch(() => undefined);
    throw e;
  }
}

/** Two people for what ends a protection: a pair of administrators, or (recovery key only) the CLI's explicit flag. */
async function confirmersOf(env: AdminEnv, h: AdminHandle, people: AdminPeople, purpose: string, what: string): Promise<string[] | null> {
  if (env.access.kind === 'recovery' && people.confirmed && !people.first) return ['cli'];
  if (!people.second) return null;
  return (await requireAdminPair(h.staff, people.first, people.second, purpose, what)).map((a) => a.staffId);
}

const noWrites = { append: async () => Promise.reject(adminErrors.notSetUp()) };

// ── read-only ─────────────────────────────────────────────────────────────────────────────────────

/** Status needs the OS account's slot (or the recovery key) and nothing else: it reads counts, appends nothing. */
export async function statusTask(env: AdminEnv): Promise<AdminStatus> {
  const vault = await openAdminVault(env);
  try {
    const staff = env.access.protector ? await StaffService.open({ vault, dataDir: env.dataDir, protector: env.access.protector, audit: noWrites, clock: env.clock, ...(env.accountSlot !== undefined && { slotId: env.accountSlot }) }).catch(() => null) : null;
    return await collectStatus({ vault, staff, terminalId: env.terminalId, appVersion: env.appVersion, now: env.clock(), policy: await effectivePolicyOf(vault, env.policyPath) });
  } finally {
    await vault.close();
  }
}

export interface VerifyOutcome {
  result: VerifyResult;
  /** The first bad entry, named (Japanese, English) — what IT writes into the incident ticket. */
  firstBad: { kind: string; seq: number; toSeq?: number; ja: string; en: string } | null;
}

/** Read-only, like the CLI's: never appends, so the evidence is exactly what was found. */
export async function verifyTask(env: AdminEnv, opts: { checkpointFile?: string } = {}): Promise<VerifyOutcome> {
  const checkpoint = opts.checkpointFile ? parseCheckpoint((await readInputFile(opts.checkpointFile)).toString('utf8')) : undefined;
  const { vault, close } = await readVault(env);
  try {
    const result = await openVerifier(vault, env.dataDir).verify(checkpoint ? { checkpoint } : {});
    const p = result.problems[0];
    return { result, firstBad: p ? { kind: p.kind, seq: p.seq, ...(p.toSeq !== undefined && { toSeq: p.toSeq }), ja: p.ja, en: p.en } : null };
  } finally {
    await close();
  }
}

// ── exports ───────────────────────────────────────────────────────────────────────────────────────

/** Verify, sign the head, record who did it; refused over a broken log unless IT says it has seen the break. */
export async function signCheckpoint(h: AdminHandle, dataDir: string, actors: string[], acceptBroken = false): Promise<{ checkpoint: Checkpoint; verify: VerifyOutcome['firstBad'] }> {
  // Signing the head of a tampered log would lend it credibility.
  const r = await openVerifier(h.vault, dataDir).verify();
  const first = r.problems[0];
  if (!r.ok && !acceptBroken) {
    await h.chain.append({ action: 'audit.refused', actors, detail: { code: 'E_AUDIT_CHAIN_BROKEN', op: 'checkpoint' } });
    throw brokenError(first?.ja ?? '', first?.en ?? '');
  }
  const cp = await h.chain.checkpoint();
  await h.chain.append({ action: 'audit.checkpoint_exported', actors, detail: { seq: cp.seq, acceptedBroken: !r.ok } });
  return { checkpoint: cp, verify: first ? { kind: first.kind, seq: first.seq, ja: first.ja, en: first.en } : null };
}

export async function checkpointTask(env: AdminEnv, people: AdminPeople, opts: { outFile: string; acceptBroken?: boolean }): Promise<{ checkpoint: Checkpoint; verify: VerifyOutcome['firstBad'] }> {
  await checkNewOutput(opts.outFile);
  return withAdmin(env, async (h) => {
    const actors = await actorsOf(env, h, people, 'admin-checkpoint');
    const r = await signCheckpoint(h, env.dataDir, actors, opts.acceptBroken);
    await writeFile(opts.outFile, `${JSON.stringify(r.checkpoint, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return r;
  });
}

function brokenError(ja: string, en: string): AppError {
  return new AppError({ code: 'E_AUDIT_CHAIN_BROKEN', ja: `監査記録が壊れています：${ja} 確認点は作成していません。`, en: `The audit log is broken: ${en} No checkpoint was made.` });
}

/** A restore opens a backup sealed under the recovery key: it needs it, as a file. */
function recoveryKeyOf(env: AdminEnv, given: string | undefined, what: string): string {
  const key = given ?? (env.access.kind === 'recovery' ? env.access.recoveryKey : undefined);
  if (!key) throw adminErrors.recoveryKeyNeeded(what);
  return key;
}

export interface BackupOutcome { persons: number; createdAt: string; checked: BackupCheck; exportKeyPinned: boolean }

/**
 * An administrator's PIN is enough (issue 17): the backup is encrypted to the recovery key's public half kept in
 * the vault, and restoring it needs the recovery key. Given the key, the full check runs and (for a vault made
 * before issue 17) the public half is stored — recorded in the same audit entry.
 */
export async function backupTask(env: AdminEnv, people: AdminPeople, opts: { outFile: string; recoveryKey?: string }): Promise<BackupOutcome> {
  await checkNewOutput(opts.outFile);
  const key = opts.recoveryKey ?? (env.access.kind === 'recovery' ? env.access.recoveryKey : null);
  return withAdmin(env, async (h) => {
    const actors = await actorsOf(env, h, people, 'admin-backup');
    return recordBackup(h, env.dataDir, opts.outFile, key, env.clock(), actors);
  });
}

/** Writes the backup and its audit entry (a backup is a copy of the list leaving the PC — issue 14). */
export async function recordBackup(h: AdminHandle, dataDir: string, outFile: string, key: string | null, now: Date, actors: string[]): Promise<BackupOutcome> {
  const w = await writeBackup(h.vault, dataDir, outFile, key, now);
  const persons = (await h.vault.status()).persons;
  await h.chain.append({ action: 'vault.backup_written', actors, detail: { persons, checked: w.checked, ...(w.pinnedNow && { exportKeyPinned: true }) } });
  return { persons, createdAt: now.toISOString(), checked: w.checked, exportKeyPinned: w.pinnedNow };
}

/** The bundle, recorded as exported (counts only in the entry). */
export async function recordSupport(h: AdminHandle, env: AdminEnv, actors: string[], platform: string): Promise<SupportBundle> {
  const bundle = await makeSupportBundle({ vault: h.vault, dataDir: env.dataDir, appVersion: env.appVersion, platform, now: env.clock(), policy: await effectivePolicyOf(h.vault, env.policyPath) });
  await h.chain.append({ action: 'admin.support_exported', actors, detail: { entries: bundle.audit.entries } });
  return bundle;
}

export async function supportTask(env: AdminEnv, people: AdminPeople, opts: { outFile: string; platform: string }): Promise<SupportBundle> {
  await checkNewOutput(opts.outFile);
  return withAdmin(env, async (h) => {
    const actors = await actorsOf(env, h, people, 'admin-support');
    const bundle = await recordSupport(h, env, actors, opts.platform);
    await writeFileAtomic(opts.outFile, Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`, 'utf8'));
    return bundle;
  });
}

/**
 * The list bundle, signed by the lineage's stored signer (issue 17): an administrator's PIN, and a lead's PIN for the
 * sealed fields (the administrator's own when they are a lead, else the second person). With the recovery key
 * (the dev CLI, or --recovery) the key opens the sealed fields instead, and back-fills the stored signer.
 */
export async function bundleExportTask(env: AdminEnv, people: AdminPeople, opts: { outFile: string; recoveryKey?: string }): Promise<{ persons: number; createdAt: string; signer: string }> {
  await checkNewOutput(opts.outFile);
  const key = opts.recoveryKey ?? (env.access.kind === 'recovery' ? env.access.recoveryKey : undefined);
  return withAdmin(env, async (h) => {
    let actors: string[];
    let access: BundleExportAccess;
    if (key) {
      actors = await actorsOf(env, h, people, 'admin-bundle-export');
      access = { recoveryKey: key };
    } else {
      try {
        if (!h.staff || h.staff.state() === 'not-set-up') throw adminErrors.notSetUp();
        if (!people.first || people.first.pin === '') throw adminErrors.pinMissing();
        const auth = await exportAuthority(h.staff, people.first, people.second, adminErrors);
        actors = auth.actors;
        access = { seal: auth.seal };
      } catch (e) {
        if (isAppError(e)) await h.chain.append({ action: 'admin.refused', actors: ['terminal'], detail: { code: e.code, op: 'admin-bundle-export' } }).catch(() => undefined);
        throw e;
      }
    }
    try {
      const { file, persons, header } = await exportBundle(h.vault, access, env.clock());
      await writeFileAtomic(opts.outFile, file);
      await h.chain.append(exportedEvent(actors, persons, header.signer));
      return { persons, createdAt: header.createdAt, signer: header.signer };
    } finally {
      if ('seal' in access) access.seal.kek.fill(0);
    }
  });
}

// ── changes ───────────────────────────────────────────────────────────────────────────────────────

async function stoppedBy(chain: AuditChain): Promise<AppError | null> {
  // Acknowledging a break is two people at the start screen, never an admin task: an authenticator that verifies no one.
  const gate = new ProtectionGate(chain, new ChainBreaks(chain, { verifyPin: async () => ({ ok: false, error: { code: 'E_ADMIN_NO_ACK', ja: '管理作業では確認できません。', en: 'Admin tasks cannot acknowledge.' } }) }));
  return gate.stopped();
}

export type BundleImportOutcome = { committed: boolean; dryRun: boolean; summary: ImportSummary; bundleCreatedAt?: string };

/**
 * The list bundle into this PC's vault (the first import on a new terminal included). Signature, lineage and
 * integrity are checked before anything; removals and shortened periods need two administrators.
 */
export async function bundleImportTask(env: AdminEnv, people: AdminPeople, opts: { inFile: string; dryRun?: boolean; onProgress?: Progress }): Promise<BundleImportOutcome> {
  const bytes = await readInputFile(opts.inFile);
  return withAdmin(env, async (h) => {
    const actors = await actorsOf(env, h, people, 'admin-bundle-import');
    const dryRun = opts.dryRun === true;
    if (!dryRun) {
      const stopped = await stoppedBy(h.chain);
      if (stopped) {
        await h.chain.append(refusedEvent(actors, 'bundle', stopped.code));
        throw stopped;
      }
    }
    const confirmers = dryRun ? null : await confirmersOf(env, h, people, 'admin-bundle-import', '保護リストファイルの取込');
    const who = confirmers ?? actors;
    let r: Awaited<ReturnType<typeof importBundle>>;
    try {
      r = await importBundle(h.vault, bytes, {
        dryRun, confirmRemovals: confirmers !== null,
        ...(opts.onProgress && { onProgress: opts.onProgress }),
        audit: { sink: h.chain, events: (s, at) => [...removalConfirmedEvents(who, s, 'bundle'), committedEvent(who, s, 'bundle', at)] },
      });
    } catch (e) {
      if (isAppError(e)) await h.chain.append(refusedEvent(actors, 'bundle', e.code)).catch(() => undefined);
      throw e;
    }
    if (!r.ok) {
      await h.chain.append(refusedEvent(actors, 'bundle', r.error.code));
      if (r.error.code === 'E_IMPORT_CONFIRM_REQUIRED') throw adminErrors.secondPersonRequired('保護リストファイルの取込');
      throw new AppError(r.error);
    }
    if (!r.committed) await h.chain.append(dryRunEvent(actors, r.summary, 'bundle'));
    return { committed: r.committed, dryRun, summary: r.summary, ...(r.bundle && { bundleCreatedAt: r.bundle.createdAt }) };
  });
}

export type RestoreOutcome = { restored: true; plan: { removed: number; shortened: number }; status: AdminStatus };

/** Where the kill-point test stops a restore (test/unit/reliability/restoreKillPoints.test.ts). */
export const RESTORE_STEPS = ['marked', 'switched', 'settled'] as const;
export type RestoreStep = (typeof RESTORE_STEPS)[number];

/**
 * Restore (SPEC F13, issue 14): the backup is checked whole before anything is replaced; if it would end anyone's
 * protection (fewer persons, shorter periods) two administrators must have authenticated first — or nothing
 * changes and the refusal is recorded in the current vault. Needs the recovery key: the backup is sealed under it.
 * The `vault.restored` entry travels as a marker inside the candidate (pendingRestore.ts) and is written at the
 * restored vault's first open, so no kill between the switch and the entry loses it.
 */
export async function restoreTask(env: AdminEnv, people: AdminPeople, opts: { inFile: string; recoveryKey?: string; faultPoint?: (s: RestoreStep) => void }): Promise<RestoreOutcome> {
  const key = recoveryKeyOf(env, opts.recoveryKey, '復元');
  const bytes = await readInputFile(opts.inFile);
  const exists = await hasVault(env.dataDir);
  // Who may end protections is decided on the vault in force now, before it is closed for the switch.
  const before = exists
    ? await withAdmin(env, async (h) => ({ actors: await actorsOf(env, h, people, 'admin-restore'), confirmers: await confirmersOf(env, h, people, 'admin-restore', 'この復元'), expiries: await h.vault.expiries(), generation: await h.vault.keyGeneration() }))
    : { actors: ['it'], confirmers: null, expiries: null, generation: null };
  let plan: RestorePlan = { removed: [], shortened: [] };
  const createdAt = backupCreatedAt(bytes);
  try {
    await restoreBackup({ dataDir: env.dataDir, clock: env.clock }, opts.inFile, key, {
      beforeSwitch: async (candidate) => {
        await refuseOlderKeys(before.generation, candidate);
        plan = await restorePlan(before.expiries && { expiries: async () => before.expiries! }, candidate);
        if (endsProtection(plan) && !before.confirmers) throw restoreConfirmRequired(plan);
        await markPendingRestore(candidate, {
          actors: before.confirmers ?? before.actors, targets: [...plan.removed, ...plan.shortened].slice(0, 32),
          removed: plan.removed.length, shortened: plan.shortened.length, confirmed: endsProtection(plan), from: 'admin-task',
          ...(createdAt && { backupCreatedAt: createdAt }),
        });
        opts.faultPoint?.('marked');
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === 'E_RESTORE_CONFIRM_REQUIRED') {
      await withAdmin(env, (h) => h.chain.append({ action: 'vault.restore_refused', actors: before.actors, detail: { code: e.code, removed: plan.removed.length, shortened: plan.shortened.length } }));
      throw env.access.kind === 'slot' ? adminErrors.secondPersonRequired('この復元') : e;
    }
    if (isAppError(e) && e.code === 'E_RESTORE_OLDER_KEYS' && exists) {
      await withAdmin(env, (h) => h.chain.append({ action: 'vault.restore_refused', actors: before.actors, detail: { code: e.code, removed: 0, shortened: 0 } }));
    }
    throw e;
  }
  opts.faultPoint?.('switched');
  const restoredEnv: AdminEnv = env.access.kind === 'slot' ? { ...env, access: { kind: 'recovery', recoveryKey: key, protector: env.access.protector } } : env;
  // Opening the restored vault with its chain settles the marker into the entry (withAdmin).
  await withAdmin(restoredEnv, async () => undefined);
  opts.faultPoint?.('settled');
  return { restored: true, plan: { removed: plan.removed.length, shortened: plan.shortened.length }, status: await statusTask(restoredEnv) };
}
