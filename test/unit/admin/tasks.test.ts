/**
 * Issue 17: every administration task, as the installed app's `--admin` mode runs it (runAdminCommand over the
 * OS account's key slot), asserted on what IT and an attacker would notice: exit codes, the Japanese report,
 * the files written, the audit entries — and what is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdminCommand, ADMIN_EXIT, EXIT_TABLE } from '../../../electron/core/admin';
import { queryAudit } from '../../../electron/core/audit';
import { Vault } from '../../../electron/core/vault/vault';
import { AccountProtector } from '../vault/helpers';
import { personalNeedles, scanBytes } from '../audit/personal';
import { STAFF } from '../../fakes/core';
import { A1, A2, adminFixture, addOnePerson, consoleWith, type AdminFixture } from './fixture';

let fx: AdminFixture;

async function auditActions(f: AdminFixture): Promise<string[]> {
  const v = await Vault.openWithRecovery({ dataDir: f.dataDir }, f.recoveryKey);
  try {
    return (await queryAudit(v.database, { limit: 5000 })).map((r) => r.action);
  } finally {
    await v.close();
  }
}

const out = (name: string) => join(fx.dataDir, '..', `${name}-${Math.random().toString(36).slice(2)}`);

describe('CounterShield.exe --admin (core)', () => {
  it('status needs neither the recovery key nor a PIN on the enrolled account, and says it in Japanese with JST times', async () => {
    fx = await adminFixture();
    const io = consoleWith([]);
    const r = await runAdminCommand(['status'], fx.env, io);
    expect(r.code).toBe(ADMIN_EXIT.ok);
    expect(io.prompts).toEqual([]);
    expect(r.output).toContain('保護リスト：150名');
    expect(r.output).toContain('端末番号：T-oracle01');
    expect(r.output).toContain('アプリ版：1.2.3');
    expect(r.output).toMatch(/最終取込：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（日本時間）/);
    expect(r.output).toContain('管理者 2名');
    expect(r.output).toContain('T-oracle01');
    const json = JSON.parse((await runAdminCommand(['status', '--json'], fx.env, io)).output) as { ok: boolean; result: { list: { persons: number; ageDays: number }; enrolled: { slotId: string }[]; staff: { admins: number } } };
    expect(json.ok).toBe(true);
    expect(json.result.list.persons).toBe(150);
    expect(json.result.list.ageDays).toBe(0);
    expect(json.result.enrolled.map((e) => e.slotId).join(' ')).toContain('T-oracle01');
    expect(json.result.enrolled).toHaveLength(1);
    expect(scanBytes(Buffer.from(r.output + JSON.stringify(json)), personalNeedles())).toEqual([]);
  });

  it('another OS account (a copied folder) gets nothing: exit 6, the enrolment code, no counts', async () => {
    fx = await adminFixture();
    const r = await runAdminCommand(['status', '--json'], { ...fx.env, access: { kind: 'slot', protector: new AccountProtector() } }, consoleWith([]));
    expect(r.code).toBe(ADMIN_EXIT.vaultUnavailable);
    expect(JSON.parse(r.output)).toMatchObject({ ok: false, code: 'E_VAULT_ENROLMENT_REQUIRED' });
    expect(r.output).not.toContain('150');
  });

  it('a PIN on the command line is refused before anything runs (exit 2); a task needing an administrator asks on the console', async () => {
    fx = await adminFixture();
    const io = consoleWith([]);
    expect((await runAdminCommand(['checkpoint', '--file', out('cp'), '--pin', A1.pin], fx.env, io)).code).toBe(ADMIN_EXIT.usage);
    expect((await runAdminCommand(['checkpoint', '--file', out('cp'), `--by=${A1.pin}`], fx.env, io)).code).toBe(ADMIN_EXIT.usage);
    expect(io.prompts).toEqual([]);
    const noBy = await runAdminCommand(['checkpoint', '--file', out('cp')], fx.env, io);
    expect(noBy.code).toBe(ADMIN_EXIT.usage);
    expect(noBy.output).toContain('--by');
  });

  it('a clerk or a lead cannot do an admin task (exit 5, refusal recorded); an administrator exports a checkpoint and its JST paper form', async () => {
    fx = await adminFixture();
    const file = out('cp.json');
    const clerk = await runAdminCommand(['checkpoint', '--file', file, '--by', STAFF.lead1.staffId], fx.env, consoleWith([STAFF.lead1.pin]));
    expect(clerk.code).toBe(ADMIN_EXIT.authRefused);
    expect(clerk.output).toContain('E_ADMIN_NOT_ADMIN');
    expect(existsSync(file)).toBe(false);
    const wrong = await runAdminCommand(['checkpoint', '--file', file, '--by', A1.staffId], fx.env, consoleWith(['000000']));
    expect(wrong.code).toBe(ADMIN_EXIT.authRefused);
    const io = consoleWith([A1.pin]);
    const ok = await runAdminCommand(['checkpoint', '--file', file, '--by', A1.staffId], fx.env, io);
    expect(ok.code).toBe(ADMIN_EXIT.ok);
    expect(io.prompts).toEqual([`管理者 ${A1.staffId} の暗証番号：`]);
    expect(ok.output).toMatch(/作成日時　　: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（日本時間）/);
    expect(ok.output).toContain('確認者2');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'countershield-audit-checkpoint/v1' });
    expect(ok.output).not.toContain(A1.pin);
    const actions = await auditActions(fx);
    expect(actions).toContain('admin.refused');
    expect(actions).toContain('audit.checkpoint_exported');
    // A second export to the same file is refused, never overwritten.
    expect((await runAdminCommand(['checkpoint', '--file', file, '--by', A1.staffId], fx.env, consoleWith([A1.pin]))).output).toContain('E_ADMIN_OUT_EXISTS');
  });

  it('verify names the first bad entry after an edit of the log (exit 4), and the intact log before it (exit 0)', async () => {
    fx = await adminFixture();
    const good = await runAdminCommand(['verify'], fx.env, consoleWith([]));
    expect(good.code).toBe(ADMIN_EXIT.ok);
    expect(good.output).toContain('改ざんされていません');
    const v = await Vault.openWithRecovery({ dataDir: fx.dataDir }, fx.recoveryKey);
    await v.database.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{\"persons\":1}' WHERE seq = 3;");
    await v.close();
    const bad = await runAdminCommand(['verify', '--json'], fx.env, consoleWith([]));
    expect(bad.code).toBe(ADMIN_EXIT.auditBroken);
    const j = JSON.parse(bad.output) as { result: { firstBad: { seq: number; kind: string; ja: string } } };
    expect(j.result.firstBad).toMatchObject({ seq: 3, kind: 'edited' });
    expect((await runAdminCommand(['verify'], fx.env, consoleWith([]))).output).toContain('最初の問題：3番');
  });

  it('the support bundle holds versions, settings and error-code counts, and no personal value of the sample list, no staff id', async () => {
    fx = await adminFixture();
    // A refused PIN leaves a code in the log: the bundle must count it.
    await runAdminCommand(['support', '--file', out('x'), '--by', STAFF.clerk1.staffId], fx.env, consoleWith([STAFF.clerk1.pin]));
    const file = out('support.json');
    const r = await runAdminCommand(['support', '--file', file, '--by', A2.staffId], fx.env, consoleWith([A2.pin]));
    expect(r.code).toBe(ADMIN_EXIT.ok);
    const bytes = readFileSync(file);
    const b = JSON.parse(bytes.toString('utf8')) as { appVersion: string; settings: { idleLockSeconds: number }; vault: { persons: number }; audit: { errorCodes: Record<string, number>; actions: Record<string, number> } };
    expect(b.appVersion).toBe('1.2.3');
    expect(b.settings.idleLockSeconds).toBeGreaterThan(0);
    expect(b.vault.persons).toBe(150);
    expect(b.audit.errorCodes.E_ADMIN_NOT_ADMIN).toBe(1);
    expect(b.audit.actions['import.committed']).toBeGreaterThan(0);
    expect(scanBytes(bytes, personalNeedles())).toEqual([]);
    for (const s of Object.values(STAFF)) {
      expect(bytes.includes(Buffer.from(s.staffId))).toBe(false);
      expect(bytes.includes(Buffer.from(s.pin))).toBe(false);
    }
    expect(bytes.toString('utf8')).not.toMatch(/D\d{4}/);
  });

  it('a restore that would end a protection needs two different administrators; one alone changes nothing and is recorded', async () => {
    fx = await adminFixture();
    const backup = out('b.csbackup');
    const made = await runAdminCommand(['backup', '--file', backup, '--recovery', fx.recoveryFile, '--by', A1.staffId], fx.env, consoleWith([A1.pin]));
    expect(made.code).toBe(ADMIN_EXIT.ok);
    expect(made.output).toContain('150名');
    await addOnePerson(fx.dataDir, fx.recoveryKey);
    const alone = await runAdminCommand(['restore', '--file', backup, '--recovery', fx.recoveryFile, '--by', A1.staffId], fx.env, consoleWith([A1.pin]));
    expect(alone.code).toBe(ADMIN_EXIT.confirmationNeeded);
    expect(alone.output).toContain('E_ADMIN_SECOND_PERSON_REQUIRED');
    const same = await runAdminCommand(['restore', '--file', backup, '--recovery', fx.recoveryFile, '--by', A1.staffId, '--second', A1.staffId], fx.env, consoleWith([A1.pin, A1.pin]));
    expect(same.code).toBe(ADMIN_EXIT.authRefused);
    expect(same.output).toContain('E_ADMIN_SAME_PERSON');
    expect((await runAdminCommand(['status', '--json'], fx.env, consoleWith([]))).output).toContain('"persons":151');
    expect(await auditActions(fx)).toContain('vault.restore_refused');
    const pair = await runAdminCommand(['restore', '--file', backup, '--recovery', fx.recoveryFile, '--by', A1.staffId, '--second', A2.staffId], fx.env, consoleWith([A1.pin, A2.pin]));
    expect(pair.code).toBe(ADMIN_EXIT.ok);
    expect(pair.output).toContain('支援措置がなくなった人 1名');
    expect((await runAdminCommand(['status', '--json'], fx.env, consoleWith([]))).output).toContain('"persons":150');
    expect(await auditActions(fx)).toContain('vault.restored');
  });

  it('restore without the recovery key file says why it needs it (exit 1) and changes nothing (a backup needs only the PIN)', async () => {
    fx = await adminFixture();
    const file = out('b2.csbackup');
    const made = await runAdminCommand(['backup', '--file', file, '--by', A1.staffId], fx.env, consoleWith([A1.pin]));
    expect(made.code).toBe(ADMIN_EXIT.ok);
    const r = await runAdminCommand(['restore', '--file', file, '--by', A1.staffId], fx.env, consoleWith([A1.pin]));
    expect(r.code).toBe(ADMIN_EXIT.refused);
    expect(r.output).toContain('E_ADMIN_RECOVERY_KEY_NEEDED');
    expect(r.output).toContain('復元には回復キーが必要です');
    expect(existsSync(file)).toBe(true);
    expect(await auditActions(fx)).not.toContain('vault.restored');
  });

  it('--help lists every task and the exit-code table; <task> --help explains one task; an unknown task is a usage error', async () => {
    fx = await adminFixture();
    const help = await runAdminCommand(['--help'], fx.env, consoleWith([]));
    expect(help.code).toBe(0);
    for (const t of ['status', 'verify', 'checkpoint', 'backup', 'restore', 'bundle-export', 'bundle-import', 'support']) expect(help.output).toContain(`  ${t}`);
    for (const row of EXIT_TABLE) expect(help.output).toContain(`  ${row.code}  ${row.ja}`);
    expect((await runAdminCommand(['restore', '--help'], fx.env, consoleWith([]))).output).toContain('管理者 2名');
    expect((await runAdminCommand(['reboot'], fx.env, consoleWith([]))).code).toBe(ADMIN_EXIT.usage);
  });
});
