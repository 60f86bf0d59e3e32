/**
 * The administration screen's side in main (issue 17): the same tasks as `--admin`, run on the vault, chain and
 * staff directory the terminal already holds open (a second handle would be refused by the folder lock).
 * An administrator logs in to the screen with their own PIN and gets a short-lived token (10 minutes, gone when
 * the session locks); every task checks it again. Long tasks report their step for the screen's progress bar.
 */
import { randomBytes } from 'node:crypto';
import { rm, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint } from '../audit';
import type { Actor } from '../ports';
import type { AdminEnv, AdminHandle } from './access';
import { requireAdmin, type AdminCredential } from './auth';
import { restoreFromScreen, type ReplaceVault } from './screenRestore';
import { adminErrors } from './errors';
import { collectStatus, type AdminStatus } from './status';
import { effectivePolicyOf } from './policyState';
import type { SupportBundle } from './support';
import { recordBackup, recordSupport, signCheckpoint, verifyTask, type BackupOutcome, type VerifyOutcome } from './tasks';
import { paperCheckpoint } from './text';
import { AppError } from '../../../shared/errors';

const TOKEN_TTL_MS = 10 * 60_000;

export interface AdminProgress { running: boolean; task: string; step: number; steps: number }

export interface AppAdminDeps {
  handle: AdminHandle;
  env: Omit<AdminEnv, 'access'>;
  platform: string;
  /** The platform's open dialog, for the backup file to restore. */
  chooseFile?: () => Promise<{ name: string; bytes: Uint8Array } | null>;
  /** The terminal's close → switch → reopen (Terminal.replaceVault). */
  replaceVault?: ReplaceVault;
}

const expired = () => new AppError({ code: 'E_ADMIN_LOGIN_EXPIRED', ja: '管理作業のログインの有効期限が切れました。もう一度、管理者の職員番号と暗証番号でログインしてください。', en: 'The admin login has expired. Log in again with an administrator\'s staff ID and PIN.' });

export class AppAdminService {
  private tokens = new Map<string, { actor: Actor; until: number }>();
  /** The backup chosen for a restore: held in main, never sent to the window, gone with the logins. */
  private chosen: { token: string; name: string; bytes: Uint8Array } | null = null;
  private progressNow: AdminProgress = { running: false, task: '', step: 0, steps: 0 };

  constructor(private readonly d: AppAdminDeps) {}

  async login(staffId: string, pin: string): Promise<{ token: string; staffId: string; expiresAt: string }> {
    let actor: Actor;
    try {
      actor = await requireAdmin(this.d.handle.staff, { staffId, pin }, 'admin-screen');
    } catch (e) {
      if (e instanceof AppError) await this.d.handle.chain.append({ action: 'admin.refused', actors: ['terminal'], detail: { code: e.code, op: 'admin-screen' } }).catch(() => undefined);
      throw e;
    }
    const token = randomBytes(24).toString('base64url');
    const until = this.d.env.clock().getTime() + TOKEN_TTL_MS;
    this.tokens.set(token, { actor, until });
    return { token, staffId: actor.staffId, expiresAt: new Date(until).toISOString() };
  }

  /** The session locked (idle, screen lock, logout): every admin login ends with it. */
  logoutAll(): void {
    this.tokens.clear();
    this.chosen = null;
  }

  private who(token: string): string {
    const t = this.tokens.get(token);
    if (!t || t.until <= this.d.env.clock().getTime()) {
      this.tokens.delete(token);
      throw expired();
    }
    return t.actor.staffId;
  }

  progress(): AdminProgress {
    return this.progressNow;
  }

  private async steps<T>(task: string, steps: number, body: (next: () => void) => Promise<T>): Promise<T> {
    if (this.progressNow.running) throw new AppError({ code: 'E_ADMIN_BUSY', ja: '別の管理作業が実行中です。終わるまで待ってから、もう一度操作してください。', en: 'Another admin task is running. Wait for it to finish.' });
    this.progressNow = { running: true, task, step: 0, steps };
    try {
      return await body(() => (this.progressNow = { ...this.progressNow, step: this.progressNow.step + 1 }));
    } finally {
      this.progressNow = { ...this.progressNow, running: false, step: steps };
    }
  }

  private envWithHandle(): AdminEnv {
    return { ...this.d.env, access: { kind: 'slot', protector: { isAvailable: async () => false, protect: async () => new Uint8Array(), unprotect: async () => Promise.reject(adminErrors.notSetUp()) } }, opened: this.d.handle };
  }

  async status(token: string): Promise<AdminStatus> {
    this.who(token);
    const { vault, staff } = this.d.handle;
    return collectStatus({ vault, staff, terminalId: this.d.env.terminalId, appVersion: this.d.env.appVersion, now: this.d.env.clock(), policy: await effectivePolicyOf(vault, this.d.env.policyPath) });
  }

  async verify(token: string): Promise<VerifyOutcome> {
    this.who(token);
    return this.steps('verify', 1, async (next) => {
      const r = await verifyTask(this.envWithHandle());
      next();
      return r;
    });
  }

  async checkpoint(token: string, acceptBroken = false): Promise<{ checkpoint: Checkpoint; paper: string }> {
    const actor = this.who(token);
    return this.steps('checkpoint', 2, async (next) => {
      next();
      const r = await signCheckpoint(this.d.handle, this.d.env.dataDir, [actor], acceptBroken);
      next();
      return { checkpoint: r.checkpoint, paper: paperCheckpoint(r.checkpoint) };
    });
  }

  async support(token: string): Promise<SupportBundle> {
    const actor = this.who(token);
    return this.steps('support', 1, async (next) => {
      const b = await recordSupport(this.d.handle, this.envWithHandle(), [actor], this.d.platform);
      next();
      return b;
    });
  }

  /**
   * The encrypted backup's bytes, for the platform's save dialog; the temporary file never outlives the call.
   * The logged-in administrator's PIN is enough (issue 17); a typed recovery key adds the full check.
   */
  async backup(token: string, recoveryKey?: string): Promise<{ file: Buffer; persons: number; createdAt: string; checked: BackupOutcome['checked'] }> {
    const actor = this.who(token);
    return this.steps('backup', 3, async (next) => {
      const tmp = join(this.d.env.dataDir, `admin-backup-${randomBytes(6).toString('hex')}.tmp`);
      try {
        next();
        const r = await recordBackup(this.d.handle, this.d.env.dataDir, tmp, recoveryKey ?? null, this.d.env.clock(), [actor]);
        next();
        const file = await readFile(tmp);
        next();
        return { file, persons: r.persons, createdAt: r.createdAt, checked: r.checked };
      } finally {
        await rm(tmp, { force: true });
      }
    });
  }

  async chooseRestoreFile(token: string): Promise<{ chosen: boolean; name: string; size: number }> {
    this.who(token);
    const f = this.d.chooseFile ? await this.d.chooseFile() : null;
    this.chosen = f ? { token, name: f.name, bytes: f.bytes } : null;
    return { chosen: f !== null, name: f?.name ?? '', size: f?.bytes.byteLength ?? 0 };
  }

  /**
   * Restore from the screen: the chosen backup, the recovery key, and a second administrator when it ends a
   * protection. Every login ends with it (the terminal is composed again); the status is the restored vault's.
   */
  async restore(token: string, input: { recoveryKey: string; second?: AdminCredential }): Promise<{ plan: { removed: number; shortened: number }; status: AdminStatus }> {
    const actor = this.who(token);
    const chosen = this.chosen?.token === token ? this.chosen : null;
    if (!chosen || !this.d.replaceVault) throw adminErrors.restoreFileMissing();
    const replace = this.d.replaceVault;
    return this.steps('restore', 4, async (next) => {
      const r = await restoreFromScreen(this.d.handle, this.d.env, replace, { bytes: chosen.bytes, recoveryKey: input.recoveryKey, actor, ...(input.second && { second: input.second }), step: next });
      this.logoutAll();
      const { vault, staff } = r.handle;
      const status = await collectStatus({ vault, staff, terminalId: this.d.env.terminalId, appVersion: this.d.env.appVersion, now: this.d.env.clock(), policy: await effectivePolicyOf(vault, this.d.env.policyPath) });
      next();
      return { plan: r.plan, status };
    });
  }
}
