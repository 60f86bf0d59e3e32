/**
 * Issue 17: `--admin bundle-export` without the recovery key. An administrator's PIN, and a lead's for the sealed
 * fields the file carries; a clerk or a lone administrator gets nothing, and every refusal is in the audit log.
 */
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN_EXIT, runAdminCommand } from '../../../electron/core/admin';
import { importBundle } from '../../../electron/core/bundle';
import { queryAudit } from '../../../electron/core/audit';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { Vault } from '../../../electron/core/vault/vault';
import { STAFF } from '../../fakes/core';
import { testNow } from '../../clock';
import { tempDir } from '../vault/helpers';
import { A1, adminFixture, consoleWith, type AdminFixture } from './fixture';

const L1 = STAFF.lead1;
const C1 = STAFF.clerk1;
const outOf = (f: AdminFixture, name: string) => join(f.dataDir, '..', `${name}-${Math.random().toString(36).slice(2)}.csbundle`);

async function entries(f: AdminFixture): Promise<{ action: string; detail: string }[]> {
  const v = await Vault.openWithRecovery({ dataDir: f.dataDir }, f.recoveryKey);
  try {
    return (await queryAudit(v.database, { limit: 5000 })).map((r) => ({ action: r.action, detail: JSON.stringify(r.detail ?? {}) }));
  } finally {
    await v.close();
  }
}

describe('--admin bundle-export on PINs (issue 17)', () => {
  it('an administrator with a lead as second person exports without the recovery key, and another terminal of the lineage imports the file', async () => {
    const fx = await adminFixture();
    const file = outOf(fx, 'pins');
    const io = consoleWith([A1.pin, L1.pin]);
    const r = await runAdminCommand(['bundle-export', '--file', file, '--by', A1.staffId, '--second', L1.staffId], fx.env, io);
    expect(r.code, r.output).toBe(ADMIN_EXIT.ok);
    // The second prompt names the second person's role: here a lead, not a second administrator.
    expect(io.prompts).toEqual([`管理者 ${A1.staffId} の暗証番号：`, `班長 ${L1.staffId} の暗証番号：`]);
    const exported = (await entries(fx)).filter((e) => e.action === 'bundle.exported');
    expect(exported).toHaveLength(1);
    // A counter PC restored from this vault's backup (same lineage) takes the file with no key of its own.
    const bk = join(tempDir('cs-abx-bk-'), 'v.csbackup');
    const src = await Vault.openWithRecovery({ dataDir: fx.dataDir }, fx.recoveryKey);
    try {
      await writeBackup(src, fx.dataDir, bk, fx.recoveryKey, testNow());
    } finally {
      await src.close();
    }
    const bDir = tempDir('cs-abx-b-');
    await restoreBackup({ dataDir: bDir }, bk, fx.recoveryKey);
    const b = await Vault.openWithRecovery({ dataDir: bDir }, fx.recoveryKey);
    try {
      const dry = await importBundle(b, readFileSync(file), { dryRun: true });
      expect(dry.ok).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('an administrator alone (not a lead) is refused with exit 3 and the lead code, and no file is written', async () => {
    const fx = await adminFixture();
    const file = outOf(fx, 'alone');
    const r = await runAdminCommand(['bundle-export', '--file', file, '--by', A1.staffId, '--json'], fx.env, consoleWith([A1.pin]));
    expect(r.code).toBe(ADMIN_EXIT.confirmationNeeded);
    expect(JSON.parse(r.output)).toMatchObject({ ok: false, code: 'E_BUNDLE_LEAD_REQUIRED' });
    expect(existsSync(file)).toBe(false);
  });

  it('a clerk cannot export, not even with a lead beside them; the refusal is recorded and no file is written', async () => {
    const fx = await adminFixture();
    const file = outOf(fx, 'clerk');
    const r = await runAdminCommand(['bundle-export', '--file', file, '--by', C1.staffId, '--second', L1.staffId, '--json'], fx.env, consoleWith([C1.pin, L1.pin]));
    expect(r.code).toBe(ADMIN_EXIT.authRefused);
    expect(JSON.parse(r.output)).toMatchObject({ ok: false, code: 'E_ADMIN_NOT_ADMIN' });
    expect(existsSync(file)).toBe(false);
    const all = await entries(fx);
    expect(all.some((e) => e.action === 'admin.refused' && e.detail.includes('E_ADMIN_NOT_ADMIN'))).toBe(true);
    expect(all.some((e) => e.action === 'bundle.exported')).toBe(false);
  });

  it('a lead alone is not an administrator: refused', async () => {
    const fx = await adminFixture();
    const file = outOf(fx, 'lead');
    const r = await runAdminCommand(['bundle-export', '--file', file, '--by', L1.staffId, '--json'], fx.env, consoleWith([L1.pin]));
    expect(JSON.parse(r.output)).toMatchObject({ ok: false, code: 'E_ADMIN_NOT_ADMIN' });
    expect(existsSync(file)).toBe(false);
  });
});
