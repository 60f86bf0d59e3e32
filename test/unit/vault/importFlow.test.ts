import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { generateRecoveryKey } from '../../../electron/core/vault/recoveryKey';
import { Vault } from '../../../electron/core/vault/vault';
import { FIXTURES, tempDir } from './helpers';

const sample = () => readFileSync(join(FIXTURES, 'protected-sample.csv'));
const text = () => readFileSync(join(FIXTURES, 'protected-sample.csv'), 'utf8');
const enc = (s: string) => new TextEncoder().encode(s);
let now = new Date('2026-06-01T09:00:00+09:00');
const deps = (dataDir: string) => ({ dataDir, clock: () => now });

async function loaded() {
  const dataDir = join(tempDir(), 'data');
  const { vault, recoveryKey } = await Vault.create(deps(dataDir));
  const r = await vault.commit(sample());
  expect(r.ok).toBe(true);
  return { vault, recoveryKey, dataDir };
}

describe('an import never silently ends anyone\'s protection (F8)', () => {
  it('removals are listed and refused until confirmed, and nothing changes meanwhile', async () => {
    const { vault } = await loaded();
    const before = await vault.status();
    const fewer = enc(text().split('\n').filter((l) => !l.startsWith('D0007,') && !l.startsWith('D0100,')).join('\n'));
    const dry = await vault.dryRun(fewer);
    expect(dry.ok && dry.summary).toMatchObject({ removed: ['D0007', 'D0100'], unchanged: 148, added: 0, total: 148 });
    const refused = await vault.commit(fewer);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('E_IMPORT_CONFIRM_REQUIRED');
    expect(await vault.status()).toEqual(before);
    expect(vault.match({ name: '伊藤　蒼', dob: '1970-02-05' }).ids).toEqual(['D0001']);
    const ok = await vault.commit(fewer, { confirmRemovals: true, planHash: dry.ok ? dry.summary.planHash : '' });
    expect(ok.ok && ok.committed).toBe(true);
    expect((await vault.status()).persons).toBe(148);
    await vault.close();
  });

  it('a shortened period needs confirmation; a changed or added person does not', async () => {
    const { vault } = await loaded();
    const shorter = enc(text().replace('D0001,6202712748,伊藤　蒼,イトウ　アオイ,,1970-02-05,女,神奈川県中郡二宮町富士見が丘5丁目5番2号,,神奈川県中郡二宮町富士見が丘2939番地,DV,本措置,2025-06-17,2026-06-16', 'D0001,6202712748,伊藤　蒼,イトウ　アオイ,,1970-02-05,女,神奈川県中郡二宮町富士見が丘5丁目5番2号,,神奈川県中郡二宮町富士見が丘2939番地,DV,本措置,2025-06-17,2026-01-31'));
    const dry = await vault.dryRun(shorter);
    expect(dry.ok && dry.summary.shortened).toEqual([{ id: 'D0001', from: '2026-06-16', to: '2026-01-31' }]);
    expect(dry.ok && dry.summary.changed).toBe(1);
    const r = await vault.commit(shorter);
    expect(!r.ok && r.error.code).toBe('E_IMPORT_CONFIRM_REQUIRED');
    const moved = enc(`${text().trimEnd()}\r\nZ0001,,新規　太郎,シンキ　タロウ,,1990-01-01,男,架空県1-1,,,DV,本措置,2026-05-01,,,,,,,,\r\n`.replace('富士見が丘5丁目5番2号', '富士見が丘5丁目5番3号'));
    const c = await vault.commit(moved);
    expect(c.ok && c.summary).toMatchObject({ added: 1, changed: 1, removed: [], shortened: [] });
    await vault.close();
  });

  it('a confirmation given for one plan does not approve another file', async () => {
    const { vault } = await loaded();
    const fewer = enc(text().split('\n').filter((l) => !l.startsWith('D0007,')).join('\n'));
    const r = await vault.commit(fewer, { confirmRemovals: true, planHash: 'f'.repeat(64) });
    expect(!r.ok && r.error.code).toBe('E_IMPORT_PLAN_CHANGED');
    expect((await vault.status()).persons).toBe(150);
    await vault.close();
  });

  it('every malformed fixture and an empty file are refused, and status afterwards is exactly what it was', async () => {
    const { vault } = await loaded();
    const before = await vault.status();
    for (const f of readdirSync(join(FIXTURES, 'bad'))) {
      for (const attempt of [
        await vault.commit(readFileSync(join(FIXTURES, 'bad', f)), { confirmRemovals: true }),
        await vault.dryRun(readFileSync(join(FIXTURES, 'bad', f))),
      ]) {
        expect(attempt.ok).toBe(false);
        expect(!attempt.ok && attempt.issues.length).toBeGreaterThan(0);
      }
      expect(await vault.status()).toEqual(before);
    }
    await vault.close();
  });

  it('reports progress through every phase of a commit', async () => {
    const dataDir = join(tempDir(), 'data');
    const { vault } = await Vault.create(deps(dataDir));
    const phases = new Set<string>();
    let last: [number, number] = [0, 0];
    await vault.commit(sample(), { onProgress: (d, t, p) => { phases.add(p); last = [d, t]; } });
    expect([...phases]).toEqual(['parse', 'compare', 'index', 'write'].filter((p) => p !== 'compare'));
    expect(last).toEqual([150, 150]);
    await vault.close();
  });
});

describe('periods and expiry (F8)', () => {
  it('counts "expires within a month" and "expired" by the injected clock; expiry never removes anyone', async () => {
    const { vault } = await loaded();
    now = new Date('2026-06-01T09:00:00+09:00');
    const a = await vault.status();
    now = new Date('2031-01-01T09:00:00+09:00');
    const b = await vault.status();
    expect(b.expired).toBe(150);
    expect(b.expiresWithinMonth).toBe(0);
    expect(a.expired).toBeLessThan(150);
    expect(b.persons).toBe(150);
    expect((await vault.person('D0001')).expiry).toBe('expired');
    expect(vault.match({ name: '伊藤　蒼', dob: '1970-02-05' }).decision).toBe('match');
    now = new Date('2026-06-01T09:00:00+09:00');
    expect((await vault.person('D0001')).expiry).toBe('expiresWithinMonth');
    expect((await vault.expiries()).find((e) => e.id === 'D0001')).toEqual({ id: 'D0001', endDate: '2026-06-16', state: 'expiresWithinMonth' });
    await vault.close();
  });
});

describe('backup and restore (F13)', () => {
  it('restores the list from an encrypted backup and refuses a damaged one or the wrong key without touching the vault', async () => {
    const { vault, recoveryKey, dataDir } = await loaded();
    const out = join(tempDir(), 'list.csbackup');
    await expect(writeBackup(vault, dataDir, out, generateRecoveryKey(), now)).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    await writeBackup(vault, dataDir, out, recoveryKey, now);
    expect(readFileSync(out).includes(Buffer.from('神奈川県', 'utf8'))).toBe(false);
    const fewer = enc(text().split('\n').filter((l) => !l.startsWith('D0007,')).join('\n'));
    await vault.commit(fewer, { confirmRemovals: true });
    await vault.close();

    const damaged = join(tempDir(), 'damaged.csbackup');
    const bytes = readFileSync(out);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 1;
    writeFileSync(damaged, bytes);
    await expect(restoreBackup(deps(dataDir), damaged, recoveryKey)).rejects.toMatchObject({ code: 'E_BACKUP_INVALID' });
    await expect(restoreBackup(deps(dataDir), out, generateRecoveryKey())).rejects.toMatchObject({ code: 'E_BACKUP_INVALID' });
    const still = await Vault.openWithRecovery(deps(dataDir), recoveryKey);
    expect((await still.status()).persons).toBe(149);
    await still.close();
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.db'))).toHaveLength(1);

    await restoreBackup(deps(dataDir), out, recoveryKey);
    const back = await Vault.openWithRecovery(deps(dataDir), recoveryKey);
    expect((await back.status()).persons).toBe(150);
    expect(back.match({ name: '伊藤　蒼', dob: '1970-02-05' }).ids).toEqual(['D0001']);
    await back.close();
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.db'))).toHaveLength(1);
  });
});
