import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../electron/core/vault/vault';
import { openAuditChain } from '../../../electron/core/audit';
import { readRecoveryKeyText } from '../../../electron/core/vault/recoveryKey';
import { REPO_ROOT, tempDir } from '../vault/helpers';
import { appendMany, tamper } from './helpers';
import { childProcessClock } from '../../clock';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/cli/main.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function withChain<T>(data: string, rk: string, work: (c: Awaited<ReturnType<typeof openAuditChain>>) => Promise<T>): Promise<T> {
  const vault = await Vault.openWithRecovery({ dataDir: data }, readRecoveryKeyText(readFileSync(rk, 'utf8')));
  // The CLI children append with their own clock; the test's entries must not look like a clock set back.
  const chain = await openAuditChain(vault, { dataDir: data, terminal: 'T01', clock: childProcessClock });
  try {
    return await work(chain);
  } finally {
    await chain.close();
    await vault.close();
  }
}

describe('audit CLI (issue 8)', () => {
  it('verify exits 0 on a clean chain; checkpoint exports a signed file and a paper form; tampering exits 4 naming the first bad entry in Japanese then English', async () => {
    const dir = tempDir('cs-audit-cli-');
    const data = join(dir, 'data');
    const rk = join(dir, 'recovery.txt');
    expect(cli('init', '--data', data, '--recovery-out', rk).code).toBe(0);
    await withChain(data, rk, (c) => appendMany(c, 30));

    const clean = cli('audit', 'verify', '--data', data, '--recovery', rk);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out)).toMatchObject({ ok: true, entries: 30, lastSeq: 30 });

    const cpFile = join(dir, 'checkpoint.json');
    const cp = cli('audit', 'checkpoint', '--data', data, '--recovery', rk, '--out', cpFile);
    expect(cp.code).toBe(0);
    expect(cp.out).toContain('通し番号 / sequence      : 30');
    expect(JSON.parse(readFileSync(cpFile, 'utf8'))).toMatchObject({ seq: 30, format: 'countershield-audit-checkpoint/v1' });
    expect(cli('audit', 'checkpoint', '--data', data, '--recovery', rk, '--out', cpFile).code).toBe(1);
    expect(cli('audit', 'verify', '--data', data, '--recovery', rk, '--checkpoint', cpFile).code).toBe(0);

    // Cut the tail, drop the stored checkpoints and put the head file back as it was: the anchors still know.
    const head = join(data, 'audit-head.json');
    await withChain(data, rk, async (c) => {
      const early = readFileSync(head);
      await tamper(c, 'DELETE FROM audit_log WHERE seq > 26');
      await c.db.run('DELETE FROM audit_checkpoints');
      writeFileSync(head, early);
    });
    const noAnchor = cli('audit', 'verify', '--data', data, '--recovery', rk, '--checkpoint', cpFile);
    expect(noAnchor.code).toBe(4);
    // 31, not 30: since issue 14 the checkpoint export is itself audited (entry 31, after the signed head 30).
    expect(noAnchor.err).toMatch(/^エラー \[E_AUDIT_CHAIN_BROKEN\]: 監査記録27〜31番：末尾の切り捨て.*\nError \[E_AUDIT_CHAIN_BROKEN\]: audit entry 27–31: log truncated/);
    expect(noAnchor.err).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('a deleted middle entry and an edited byte are named; a bad checkpoint file is refused without a stack trace', async () => {
    const dir = tempDir('cs-audit-cli-');
    const data = join(dir, 'data');
    const rk = join(dir, 'recovery.txt');
    expect(cli('init', '--data', data, '--recovery-out', rk).code).toBe(0);
    await withChain(data, rk, async (c) => {
      await appendMany(c, 12);
      await tamper(c, 'DELETE FROM audit_log WHERE seq = 5');
      await c.db.run("UPDATE audit_log SET detail = replace(detail, 'match', 'matcH') WHERE seq = 9");
    });
    const r = cli('audit', 'verify', '--data', data, '--recovery', rk);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^エラー \[E_AUDIT_CHAIN_BROKEN\]: 監査記録5番：記録の欠落（検出2件）\nError \[E_AUDIT_CHAIN_BROKEN\]: audit entry 5: entry missing/);
    expect(r.err).toContain('監査記録9番：内容の改ざん');
    const fake = join(dir, 'fake.json');
    writeFileSync(fake, '{"format":"countershield-audit-checkpoint/v1","seq":3}');
    const bad = cli('audit', 'verify', '--data', data, '--recovery', rk, '--checkpoint', fake);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^エラー \[E_AUDIT_CHECKPOINT_INVALID\]/);
    expect(cli('audit', 'frobnicate').code).toBe(2);
  });
});
