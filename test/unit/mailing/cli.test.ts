import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as mailing } from '../../../electron/cli/commands/mailing';
import { run as reconcile } from '../../../electron/cli/commands/reconcile';
import { jsonl, listPersons, MAILING_FIXTURES } from './helpers';

const f = (name: string) => join(MAILING_FIXTURES, name);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}
afterEach(() => vi.restoreAllMocks());

describe('the admin commands', () => {
  it('mailing prints one line per row with the expected code and exits 3 when any row must stop', async () => {
    const io = capture();
    const code = await mailing(['--list', f('list.csv'), '--batch', f('batch.sjis.csv'), '--mapping', f('kodomo-mapping.json'), '--stats']);
    expect(code).toBe(3);
    const rows = io.out().trim().split('\n').map((l) => JSON.parse(l) as { row: number; code: string });
    expect(rows.map(({ row, code: c }) => ({ row, code: c }))).toEqual(jsonl('batch.expected.jsonl'));
    expect(JSON.parse(io.err().trim())).toMatchObject({ rows: 19, stop: 5, encoding: 'cp932' });
    for (const p of listPersons()) expect(io.out() + io.err()).not.toContain(p.name);
  });

  it('mailing refuses a bad mapping and a missing file in Japanese and English, exit 1; bad usage is exit 2', async () => {
    const io = capture();
    expect(await mailing(['--list', f('list.csv'), '--batch', f('batch.csv'), '--mapping', f('list.csv')])).toBe(1);
    expect(io.err()).toContain('列の対応（JSON）が正しくありません');
    expect(await mailing(['--list', f('nope.csv'), '--batch', f('batch.csv'), '--mapping', f('kodomo-mapping.json')])).toBe(1);
    expect(io.err()).toContain('保護リストを読めません');
    expect(await mailing(['--list'])).toBe(2);
  });

  it('reconcile prints the findings (codes, row numbers, 管理番号) and exits 3 while any is red', async () => {
    const io = capture();
    expect(await reconcile(['--list', f('list.csv'), '--other', f('other-system.csv'), '--today', '2026-06-10'])).toBe(3);
    const findings = io.out().trim().split('\n').map((l) => JSON.parse(l) as { code: string });
    expect(findings).toHaveLength(jsonl('other-system.expected.jsonl').length);
    expect(JSON.parse(io.err().trim())).toMatchObject({ rows: 10, matched: 8, red: 6 });
  });
});
