import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCheckpoint } from '../../../electron/core/audit';
import { appendMany, auditFixture, tamper, type AuditFixture } from './helpers';

let fx: AuditFixture;
beforeEach(async () => {
  fx = await auditFixture();
});
afterEach(async () => {
  await fx.close();
});

const COLUMNS = ['at', 'terminal', 'actors', 'action', 'targets', 'detail', 'prev', 'hash', 'mac'] as const;

describe('a clean chain', () => {
  it('verifies, across reopening, with the head file and the daily checkpoint', async () => {
    await appendMany(fx.chain, 40);
    await fx.reopen();
    await appendMany(fx.chain, 10, 40);
    const r = await fx.chain.verify();
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, entries: 50, lastSeq: 50, checkedAgainst: { head: 'ok', checkpoints: 1 } });
  });

  it('takes a new signed checkpoint on the first commit of each JST day', async () => {
    await appendMany(fx.chain, 3);
    fx.clock.advance(24 * 3600_000);
    await appendMany(fx.chain, 3);
    const cps = await fx.chain.db.all<{ seq: number }>('SELECT seq FROM audit_checkpoints ORDER BY seq');
    expect(cps.map((c) => c.seq)).toEqual([1, 4]);
  });
});

describe('tampering is found and named', () => {
  it('one edited byte in any column of any entry is reported at that entry', async () => {
    await appendMany(fx.chain, 24);
    for (let seq = 1; seq <= 24; seq++) {
      const col = COLUMNS[seq % COLUMNS.length]!;
      const row = await fx.chain.db.get<Record<string, string | Buffer>>(`SELECT ${col} AS v FROM audit_log WHERE seq = ?`, [seq]);
      const v = row!.v!;
      const bytes = Buffer.isBuffer(v) ? Buffer.from(v) : Buffer.from(v, 'utf8');
      const at = seq % bytes.length;
      bytes[at] = bytes[at]! ^ (Buffer.isBuffer(v) ? 0x01 : 0x02);
      const edited = Buffer.isBuffer(v) ? bytes : bytes.toString('utf8');
      await tamper(fx.chain, `UPDATE audit_log SET ${col} = ? WHERE seq = ?`, [edited, seq]);
      const r = await fx.chain.verify();
      expect(r.ok, `${col} of ${seq}`).toBe(false);
      expect(r.problems[0], `${col} of ${seq}`).toMatchObject({ kind: 'edited', seq });
      await fx.chain.db.run(`UPDATE audit_log SET ${col} = ? WHERE seq = ?`, [v, seq]);
    }
    expect((await fx.chain.verify()).ok).toBe(true);
  });

  it('a deleted middle entry is reported missing', async () => {
    await appendMany(fx.chain, 20);
    await tamper(fx.chain, 'DELETE FROM audit_log WHERE seq = 9');
    const r = await fx.chain.verify();
    expect(r.problems[0]).toMatchObject({ kind: 'missing', seq: 9 });
    expect(r.problems[0]!.ja).toContain('欠落');
  });

  it('a deleted entry with the later ones renumbered is still reported missing at its place', async () => {
    await appendMany(fx.chain, 20);
    await tamper(fx.chain, 'DELETE FROM audit_log WHERE seq = 9');
    for (let s = 10; s <= 20; s++) await fx.chain.db.run('UPDATE audit_log SET seq = ? WHERE seq = ?', [s - 1, s]);
    const r = await fx.chain.verify();
    expect(r.problems[0]).toMatchObject({ kind: 'missing', seq: 9 });
  });

  it('two swapped entries are reported reordered', async () => {
    await appendMany(fx.chain, 20);
    const cols = 'at, terminal, actors, action, targets, detail, prev, hash, mac';
    const a = await fx.chain.db.get<Record<string, unknown>>(`SELECT ${cols} FROM audit_log WHERE seq = 7`);
    const b = await fx.chain.db.get<Record<string, unknown>>(`SELECT ${cols} FROM audit_log WHERE seq = 8`);
    const set = `UPDATE audit_log SET ${cols.split(', ').map((c) => `${c} = ?`).join(', ')} WHERE seq = ?`;
    await tamper(fx.chain, set, [...Object.values(b!), 7]);
    await fx.chain.db.run(set, [...Object.values(a!), 8]);
    const r = await fx.chain.verify();
    expect(r.problems[0]).toMatchObject({ kind: 'reordered', seq: 7, toSeq: 8 });
  });

  it('a truncated tail is reported against the last checkpoint, even with the head file rolled back too', async () => {
    await appendMany(fx.chain, 10);
    const cp = await fx.chain.checkpoint();
    const oldHead = readFileSync(join(fx.dataDir, 'audit-head.json'));
    await appendMany(fx.chain, 5, 10);
    const exported = parseCheckpoint(JSON.stringify(cp));
    // The attacker cuts entries 8–15 and restores the head file and checkpoint table to match seq 7…
    await tamper(fx.chain, 'DELETE FROM audit_log WHERE seq > 7');
    await fx.chain.db.run('DELETE FROM audit_checkpoints WHERE seq > 7');
    const r1 = await fx.chain.verify();
    expect(r1.problems[0]).toMatchObject({ kind: 'truncated', seq: 8, toSeq: 15 });
    // … and even with a head file from before, the exported checkpoint still catches it.
    writeFileSync(join(fx.dataDir, 'audit-head.json'), oldHead);
    const r2 = await fx.chain.verify({ checkpoint: exported });
    expect(r2.problems.some((p) => p.kind === 'truncated' && p.seq === 8 && p.toSeq === 10)).toBe(true);
  });

  it('a forged head file is reported, and a checkpoint signed by another key is refused', async () => {
    await appendMany(fx.chain, 5);
    const cp = await fx.chain.checkpoint();
    const head = JSON.parse(readFileSync(join(fx.dataDir, 'audit-head.json'), 'utf8'));
    writeFileSync(join(fx.dataDir, 'audit-head.json'), JSON.stringify({ ...head, seq: 3 }));
    expect((await fx.chain.verify()).problems[0]).toMatchObject({ kind: 'head-invalid' });
    expect(() => parseCheckpoint(JSON.stringify({ ...cp, seq: 4 }))).toThrowError(/signature/);
  });

  it('an older copy of the database is detected at open and the finding is written into the log', async () => {
    await appendMany(fx.chain, 5);
    await tamper(fx.chain, 'DELETE FROM audit_log WHERE seq > 3');
    await fx.reopen();
    await fx.chain.drain();
    const broken = await fx.chain.db.get<{ seq: number; detail: string }>("SELECT seq, detail FROM audit_log WHERE action = 'audit.chain_broken'");
    expect(broken?.seq).toBe(4);
    expect(JSON.parse(broken!.detail)).toMatchObject({ kind: 'truncated', seq: 4, headSeq: 5 });
  });
});
