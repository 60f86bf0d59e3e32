/**
 * Issue 18: `--admin rekey` needs two different administrators and the current recovery key; it is recorded as
 * `vault.rekeyed` on the re-keyed vault's own chain (counts only, never a key), the new recovery key is shown once
 * and printed on the first-run setup's sheet, and the staff directory and audit log carry on unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_EXIT, runAdminCommand, type AdminIo } from '../../../electron/core/admin';
import { statusTask } from '../../../electron/core/admin/tasks';
import { openVerifier, queryAudit } from '../../../electron/core/audit';
import { Vault } from '../../../electron/core/vault/vault';
import { tempDir } from '../vault/helpers';
import { A1, A2, adminFixture, consoleWith } from './fixture';

const withPdf = (io: AdminIo): AdminIo => ({ ...io, renderPdf: async (html) => Buffer.from(html, 'utf8') });

describe('--admin rekey', () => {
  it('one administrator alone, or the same one twice, is refused, recorded, and nothing changes', { timeout: 180_000 }, async () => {
    const fx = await adminFixture();
    const alone = await runAdminCommand(['rekey', '--recovery', fx.recoveryFile, '--by', A1.staffId, '--json'], fx.env, consoleWith([A1.pin]));
    expect(alone.code).not.toBe(ADMIN_EXIT.ok);
    expect(alone.output).toContain('E_REKEY_TWO_ADMINS');
    const twice = await runAdminCommand(['rekey', '--recovery', fx.recoveryFile, '--by', A1.staffId, '--second', A1.staffId], fx.env, consoleWith([A1.pin, A1.pin]));
    expect(twice.output).toContain('E_ADMIN_SAME_PERSON');
    const v = await Vault.openWithRecovery({ dataDir: fx.dataDir }, fx.recoveryKey);
    const refused = (await queryAudit(v.database, { limit: 5000 })).filter((e) => e.action === 'admin.refused').map((e) => (e.detail as { code: string }).code);
    expect(refused).toEqual(expect.arrayContaining(['E_REKEY_TWO_ADMINS', 'E_ADMIN_SAME_PERSON']));
    expect((await queryAudit(v.database, { limit: 5000 })).some((e) => e.action === 'vault.rekeyed')).toBe(false);
    await v.close();
  });

  it('two administrators and the current key: re-keyed, audited without any key, the new key shown once and printed on the setup sheet', { timeout: 240_000 }, async () => {
    const fx = await adminFixture();
    const paper = join(tempDir('cs-rekey-paper-'), 'new-key.pdf');
    const r = await runAdminCommand(['rekey', '--recovery', fx.recoveryFile, '--by', A1.staffId, '--second', A2.staffId, '--paper', paper], fx.env, withPdf(consoleWith([A1.pin, A2.pin])));
    expect(r.code, r.output).toBe(ADMIN_EXIT.ok);
    const newKey = /新しい回復キー[^\n]*\n\s+([0-9A-Z -]+)\n/.exec(r.output)![1]!.replace(/ - /g, '-');
    expect(readFileSync(paper, 'utf8')).toContain('窓口シールド 回復キー');
    for (const g of newKey.split('-')) expect(readFileSync(paper, 'utf8')).toContain(`<span>${g}</span>`);

    await expect(Vault.openWithRecovery({ dataDir: fx.dataDir }, fx.recoveryKey)).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    const v = await Vault.openWithRecovery({ dataDir: fx.dataDir }, newKey);
    const entries = await queryAudit(v.database, { limit: 5000 });
    const rekeyed = entries.filter((e) => e.action === 'vault.rekeyed');
    expect(rekeyed).toHaveLength(1);
    expect(rekeyed[0]!.actors.sort()).toEqual([A1.staffId, A2.staffId].sort());
    const text = JSON.stringify(rekeyed[0]);
    for (const k of [newKey, fx.recoveryKey]) for (const g of k.split('-').slice(0, 8)) expect(text).not.toContain(g);
    // The log runs on across the re-key: same chain, same key, head file in step.
    expect((await openVerifier(v, fx.dataDir).verify()).ok).toBe(true);
    await v.close();
    // The staff directory is readable as before, through this account's slot.
    const s = await statusTask(fx.env);
    expect(s).toBeTruthy();
  });

  it('a backup made before the re-key is refused on restore, with the old key that opens it: the retired keys never come back', { timeout: 300_000 }, async () => {
    const fx = await adminFixture();
    const old = join(tempDir('cs-rekey-old-'), 'before.csbackup');
    const made = await runAdminCommand(['backup', '--file', old, '--by', A1.staffId], fx.env, consoleWith([A1.pin]));
    expect(made.code, made.output).toBe(ADMIN_EXIT.ok);
    const r = await runAdminCommand(['rekey', '--recovery', fx.recoveryFile, '--by', A1.staffId, '--second', A2.staffId], fx.env, withPdf(consoleWith([A1.pin, A2.pin])));
    expect(r.code, r.output).toBe(ADMIN_EXIT.ok);
    const newKey = /新しい回復キー[^\n]*\n\s+([0-9A-Z -]+)\n/.exec(r.output)![1]!.replace(/ - /g, '-');

    // The old sheet opens the old backup — and that is exactly what is refused.
    const back = await runAdminCommand(['restore', '--file', old, '--recovery', fx.recoveryFile, '--by', A1.staffId, '--json'], fx.env, consoleWith([A1.pin]));
    expect(back.code).not.toBe(ADMIN_EXIT.ok);
    expect(back.output).toContain('E_RESTORE_OLDER_KEYS');
    // Nothing was replaced: the vault in force is the re-keyed one, and the refusal is on its chain.
    await expect(Vault.openWithRecovery({ dataDir: fx.dataDir }, fx.recoveryKey)).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    const v = await Vault.openWithRecovery({ dataDir: fx.dataDir }, newKey);
    expect(await v.keyGeneration()).toBe(1);
    const refused = (await queryAudit(v.database, { limit: 5000 })).filter((e) => e.action === 'vault.restore_refused');
    expect(refused.map((e) => (e.detail as { code: string }).code)).toEqual(['E_RESTORE_OLDER_KEYS']);
    await v.close();
  });
});

