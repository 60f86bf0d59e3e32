/**
 * Issue 17: backup and restore from the administration screen, through the real router as the app's main frame.
 * A backup needs an administrator's PIN only and yields nothing without the recovery key; a restore runs while the
 * app holds the vault — the backup is checked beside it, the terminal closes, switches and reopens on the restored
 * vault (which is what the app then shows), and every failure leaves the vault in force exactly as it was.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../../electron/core/audit';
import { prepareRestore } from '../../../electron/core/vault/backup';
import { generateRecoveryKey } from '../../../electron/core/vault/recoveryKey';
import { Vault } from '../../../electron/core/vault/vault';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';
import { STAFF } from '../../fakes/core';
import { testClock } from '../../clock';
import { addOnePerson } from './fixture';

const A1 = STAFF.admin1;
const A2 = STAFF.admin2;

/** A terminal whose save dialog keeps the bytes and whose open dialog offers what the test put there. */
async function terminalWithFiles(o: { dataDir?: string; fresh?: boolean; protector?: TestTerminal['protector']; policyPath?: string } = {}) {
  const files = { saved: null as Buffer | null, toOpen: null as Buffer | null };
  const t = await startTerminal({
    ...o,
    platform: {
      saveBundle: async (bytes) => ((files.saved = Buffer.from(bytes)), { saved: true, location: 'backup.csbackup' }),
      chooseListFile: async () => (files.toOpen ? { name: 'backup.csbackup', bytes: files.toOpen } : null),
    },
  });
  return { t, files };
}

async function adminToken(t: TestTerminal, who: { staffId: string; pin: string } = A1): Promise<string> {
  const r = await t.call('admin:login', { staffId: who.staffId, pin: who.pin });
  expect(r.ok).toBe(true);
  return (r.value as { token: string }).token;
}

const persons = async (t: TestTerminal, token: string) => ((await t.call('admin:status', { token })).value as { list: { persons: number } }).list.persons;

async function actions(dataDir: string, recoveryKey: string): Promise<{ action: string; detail?: Record<string, unknown> }[]> {
  const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
  try {
    return (await queryAudit(v.database, { limit: 5000 })).map((r) => ({ action: r.action, ...(r.detail && { detail: r.detail as Record<string, unknown> }) }));
  } finally {
    await v.close();
  }
}

describe('backup and restore from the administration screen', () => {
  it('an administrator backs up with their PIN only; the file opens with the recovery key and with nothing else', async () => {
    const { t, files } = await terminalWithFiles();
    try {
      const token = await adminToken(t);
      const b = await t.call('admin:backup', { token });
      expect(b).toMatchObject({ ok: true, value: { persons: 150, checked: 'sealed-tags', file: { saved: true } } });
      const backup = files.saved!;
      expect(backup.subarray(0, 9).toString('latin1')).toBe('CSBACKUP\u0002');
      const deps = { dataDir: t.dataDir, clock: testClock };
      // Without the recovery key (another lineage's key) and with one byte changed: refused, nothing written.
      const before = readdirSync(t.dataDir).sort();
      await expect(prepareRestore(deps, backup, generateRecoveryKey())).rejects.toMatchObject({ code: 'E_BACKUP_INVALID' });
      const tampered = Buffer.from(backup);
      tampered[tampered.length - 40]! ^= 1;
      await expect(prepareRestore(deps, tampered, t.recoveryKey)).rejects.toMatchObject({ code: 'E_BACKUP_INVALID' });
      expect(readdirSync(t.dataDir).sort()).toEqual(before);
      // The restore channel itself refuses to run without the recovery key.
      expect(await t.call('admin:restore', { token })).toMatchObject({ ok: false });
    } finally {
      await t.close();
    }
  });

  it('a restore that ends a protection needs a second administrator; refused, the app keeps its list; confirmed, the app shows the restored one', async () => {
    const first = await terminalWithFiles();
    const { dataDir, protector, policyPath, recoveryKey } = first.t;
    const backup = await (async () => {
      const token = await adminToken(first.t);
      expect((await first.t.call('admin:backup', { token })).ok).toBe(true);
      await first.t.close();
      return first.files.saved!;
    })();
    // One person added after the backup: putting the backup back would end their protection.
    await addOnePerson(dataDir, recoveryKey);
    const { t, files } = await terminalWithFiles({ dataDir, protector, policyPath, fresh: false });
    try {
      expect((await t.login(STAFF.clerk1)).ok).toBe(true);
      const token = await adminToken(t);
      expect(await persons(t, token)).toBe(151);
      files.toOpen = backup;
      expect(await t.call('admin:restore-choose', { token })).toMatchObject({ ok: true, value: { chosen: true, size: backup.length } });

      const wrongKey = await t.call('admin:restore', { token, recoveryKey: generateRecoveryKey() });
      expect(wrongKey).toMatchObject({ ok: false, error: { code: 'E_BACKUP_INVALID' } });
      const alone = await t.call('admin:restore', { token, recoveryKey });
      expect(alone).toMatchObject({ ok: false, error: { code: 'E_ADMIN_SECOND_PERSON_REQUIRED' } });
      const self = await t.call('admin:restore', { token, recoveryKey, second: { staffId: A1.staffId, pin: A1.pin } });
      expect(self).toMatchObject({ ok: false, error: { code: 'E_ADMIN_SAME_PERSON' } });
      // Nothing changed: the same login still works and the app still has 151 persons and the clerk's session.
      expect(await persons(t, token)).toBe(151);
      expect((await t.call('session:current', {})).value).toMatchObject({ session: { staffId: STAFF.clerk1.staffId } });

      const done = await t.call('admin:restore', { token, recoveryKey, second: { staffId: A2.staffId, pin: A2.pin } });
      expect(done).toMatchObject({ ok: true, value: { removed: 1, shortened: 0, status: { list: { persons: 150 } } } });
      // Everything on the old vault ended: the admin login and the clerk's session; what the app shows is the restored vault.
      expect(await t.call('admin:status', { token })).toMatchObject({ ok: false, error: { code: 'E_ADMIN_LOGIN_EXPIRED' } });
      expect((await t.call('session:current', {})).value).toMatchObject({ session: null });
      expect(t.ctx.vaultState()).toBe('open');
      // The login screen's notice (issue 17): the backup's date and the counts, handed out once, no person's data.
      const notice = await t.call('admin:restoreNotice', {});
      expect(notice).toMatchObject({ ok: true, value: { notice: { persons: 150, removed: 1, shortened: 0, backupCreatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) } } });
      expect(Object.keys((notice.value as { notice: object }).notice).sort()).toEqual(['backupCreatedAt', 'persons', 'removed', 'shortened']);
      expect(await t.call('admin:restoreNotice', {})).toMatchObject({ ok: true, value: { notice: null } });
      const after = await adminToken(t, A2);
      expect(await persons(t, after)).toBe(150);
      expect(await t.call('admin:verify', { token: after })).toMatchObject({ ok: true, value: { ok: true } });
      expect((await t.login(STAFF.clerk1)).ok).toBe(true);
    } finally {
      await t.close();
    }
    const log = await actions(dataDir, recoveryKey);
    const restored = log.filter((e) => e.action === 'vault.restored');
    expect(restored).toHaveLength(1);
    expect(restored[0]!.detail).toMatchObject({ removed: 1, confirmed: true, from: 'admin-screen' });
    // The restored log is the backup's: the entries after its snapshot (the refusals too) went with the old vault.
    expect(log.filter((e) => e.action === 'vault.restore_refused')).toHaveLength(0);
  });

  it('a backup the restored vault cannot open on this account (another PC\'s) leaves the old vault in force, as it was', async () => {
    const other = await terminalWithFiles();
    const otherBackup = await (async () => {
      const token = await adminToken(other.t);
      expect((await other.t.call('admin:backup', { token })).ok).toBe(true);
      await other.t.close();
      return { file: other.files.saved!, key: other.t.recoveryKey };
    })();
    const { t, files } = await terminalWithFiles();
    try {
      const token = await adminToken(t);
      const dbFiles = readdirSync(t.dataDir).filter((f) => f.endsWith('.db')).sort();
      files.toOpen = otherBackup.file;
      expect((await t.call('admin:restore-choose', { token })).ok).toBe(true);
      const r = await t.call('admin:restore', { token, recoveryKey: otherBackup.key });
      expect(r).toMatchObject({ ok: false, error: { code: 'E_RESTORE_FAILED' } });
      expect((r.error as unknown as { ja: string }).ja).toContain('元の保管庫に戻しました');
      // The same database file in force, no candidate left behind, the app open on it with its own recovery key.
      expect(readdirSync(t.dataDir).filter((f) => f.endsWith('.db')).sort()).toEqual(dbFiles);
      expect(readdirSync(t.dataDir).filter((f) => f.includes('restore-previous'))).toEqual([]);
      expect(t.ctx.vaultState()).toBe('open');
      const again = await adminToken(t);
      expect(await persons(t, again)).toBe(150);
      expect(await t.call('admin:verify', { token: again })).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      await t.close();
    }
    const log = await actions(t.dataDir, t.recoveryKey);
    expect(log.filter((e) => e.action === 'vault.restored')).toHaveLength(0);
    expect(log.some((e) => e.action === 'vault.restore_refused' && e.detail?.code === 'E_RESTORE_FAILED')).toBe(true);
  });

  it('a restore cut off after the check and before the switch leaves the old vault, and the candidate is cleared at the next start', async () => {
    const { t, files } = await terminalWithFiles();
    const token = await adminToken(t);
    expect((await t.call('admin:backup', { token })).ok).toBe(true);
    const { dataDir, protector, policyPath, recoveryKey } = t;
    const dbBefore = readdirSync(dataDir).filter((f) => f.endsWith('.db'));
    // The checked candidate exists beside the live vault — the moment a kill would leave behind.
    const p = await prepareRestore({ dataDir, clock: testClock }, files.saved!, recoveryKey);
    expect(existsSync(p.candidate)).toBe(true);
    await t.close();
    const again = await startTerminal({ dataDir, protector, policyPath, fresh: false });
    try {
      expect(again.ctx.vaultState()).toBe('open');
      expect(existsSync(p.candidate)).toBe(false);
      expect(readdirSync(dataDir).filter((f) => f.endsWith('.db'))).toEqual(dbBefore);
    } finally {
      await again.close();
    }
  });
});
