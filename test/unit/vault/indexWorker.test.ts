/**
 * The import's blind index built on a worker thread (issue 3: a 100,000-row import within 20 s on 2 cores):
 * it must be the very index the calling thread would build, it must never carry a sealed field across, a
 * failed build must leave the previous list, and the index stored in parts must refuse a missing, repeated or
 * reordered part.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceIndexWorker } from '../../../electron/cli/indexWorker';
import { parseProtectedList } from '../../../electron/core/import/parseList';
import { createHmacKeyer, indexedPart, Matcher } from '../../../electron/core/matching';
import { encodePersonLines, personLines } from '../../../electron/core/matching/indexJob';
import { tokenOrder } from '../../../electron/core/matching/matcher';
import { INDEX_PART_BYTES, indexPartName, openIndex, sealIndexParts } from '../../../electron/core/vault/blindIndex';
import { startIndexWorker } from '../../../electron/core/vault/indexWorkerJob';
import { deriveSubKeys } from '../../../electron/core/vault/keys';
import { Vault } from '../../../electron/core/vault/vault';
import { FIXTURES, tempDir } from './helpers';
import { syntheticCsv } from './synthetic';

const sampleBytes = () => readFileSync(join(FIXTURES, 'protected-sample.csv'));
function parsed(bytes: Uint8Array) {
  const r = parseProtectedList(bytes);
  if (!r.ok) throw new Error('list must parse');
  return r.persons;
}

describe('index worker (issue 3 import time)', () => {
  it('builds byte for byte the index the calling thread builds, reporting progress', async () => {
    const persons = parsed(Buffer.from(syntheticCsv(3000, 11)));
    const key = randomBytes(32);
    const progress: number[] = [];
    const job = startIndexWorker(sourceIndexWorker(), key, persons, (done) => progress.push(done));
    const fromWorker = await job.result;
    const here = Matcher.build(persons, createHmacKeyer(key)).serialize();
    expect(Buffer.from(fromWorker).equals(Buffer.from(here))).toBe(true);
    expect(progress.at(-1)).toBe(3000);
    expect(key.some((b) => b !== 0)).toBe(true); // the caller's key is copied, not wiped under it
  });

  it('sends the worker names, readings, dates and 相手方 only — never a sealed field', () => {
    const persons = parsed(sampleBytes());
    const text = Buffer.from(encodePersonLines(persons, indexedPart)).toString('utf8');
    const sealed = persons.flatMap((p) => [p.address, p.katagaki, p.honseki, p.note]).filter((v): v is string => !!v && v.length > 3);
    expect(sealed.length).toBeGreaterThan(100);
    for (const v of sealed) expect(text.includes(v), 'a sealed value crossed to the index worker').toBe(false);
    expect([...personLines(encodePersonLines(persons, indexedPart))]).toEqual(persons.map(indexedPart));
  });

  it('a failed build refuses the import with a Japanese message and leaves the previous list', async () => {
    const dataDir = join(tempDir(), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir });
    expect((await vault.commit(sampleBytes())).ok).toBe(true);
    const before = await vault.status();
    await vault.close();
    // A worker that dies before answering stands in for one killed or out of memory.
    const broken = await Vault.openWithRecovery({ dataDir, indexWorker: { script: 'process.exit(3)', eval: true } }, recoveryKey);
    const csv = Buffer.from(syntheticCsv(200, 5));
    const r = await broken.commit(csv, { confirmRemovals: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('E_IMPORT_INDEX_FAILED');
    expect(r.error.ja).toMatch(/保護リストは変更していません/);
    const after = await broken.status();
    expect({ ...after, lastImportAt: null }).toEqual({ ...before, lastImportAt: null });
    expect(after.lastImportAt).toBe(before.lastImportAt);
    expect(broken.match({ name: parsed(sampleBytes())[0]!.name }).ids.length).toBeGreaterThan(0);
    await broken.close();
  });

  it('a plan that needs confirmation is refused before anything is written, with the worker stopped', async () => {
    const dataDir = join(tempDir(), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir });
    expect((await vault.commit(sampleBytes())).ok).toBe(true);
    const before = await vault.status();
    await vault.close();
    const v = await Vault.openWithRecovery({ dataDir, indexWorker: sourceIndexWorker() }, recoveryKey);
    const r = await v.commit(Buffer.from(syntheticCsv(50, 9)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('E_IMPORT_CONFIRM_REQUIRED');
    expect(await v.status()).toEqual(before);
    await v.close();
  });

  it('the screen is shown one phase after another, though the index is built beside the writes', async () => {
    const dataDir = join(tempDir(), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir });
    expect((await vault.commit(Buffer.from(syntheticCsv(3000, 2)))).ok).toBe(true);
    await vault.close();
    const v = await Vault.openWithRecovery({ dataDir, indexWorker: sourceIndexWorker() }, recoveryKey);
    const seen: string[] = [];
    const last = new Map<string, number>();
    const r = await v.commit(Buffer.from(syntheticCsv(3000, 4)), {
      confirmRemovals: true,
      onProgress: (done, total, phase) => {
        if (seen.at(-1) !== phase) seen.push(phase);
        last.set(phase, done / total);
      },
    });
    expect(r.ok).toBe(true);
    expect(seen).toEqual(['parse', 'compare', 'write', 'index']);
    for (const phase of seen) expect(last.get(phase), phase).toBe(1);
    await v.close();
  });

  it('an import through the worker matches what it imported, and survives a reopen', async () => {
    const dataDir = join(tempDir(), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir });
    await vault.close();
    const v = await Vault.openWithRecovery({ dataDir, indexWorker: sourceIndexWorker() }, recoveryKey);
    const persons = parsed(sampleBytes());
    expect((await v.commit(sampleBytes())).ok).toBe(true);
    const p = persons[7]!;
    expect(v.match({ name: p.name, dob: p.dob }).ids).toContain(p.id);
    await v.close();
    const again = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    expect(again.match({ name: p.name, dob: p.dob }).ids).toContain(p.id);
    await again.close();
  });
});

describe('the index stored in parts', () => {
  const sub = deriveSubKeys(randomBytes(32));
  const persons = parsed(Buffer.from(syntheticCsv(9000, 3)));
  const index = Matcher.build(persons, createHmacKeyer(sub.blindIndex)).serialize();
  const parts = [...sealIndexParts(sub, index, 4)];
  const asMap = (ps: { name: string; ct: Uint8Array }[]) => new Map(ps.map((p) => [p.name, p.ct]));

  it('is cut into parts of at most 1 MiB that open back into the same index', () => {
    expect(parts.length).toBe(Math.ceil(index.length / INDEX_PART_BYTES));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.name)).toEqual(parts.map((_, i) => indexPartName(i)));
    const m = openIndex(sub, asMap(parts), 4);
    expect(Buffer.from(m.serialize()).equals(Buffer.from(index))).toBe(true);
  });

  it('refuses a dropped, swapped or foreign part, and another list version', () => {
    const corrupt = { code: 'E_VAULT_CORRUPT' };
    expect(() => openIndex(sub, asMap(parts.slice(0, -1)), 4)).toThrow(expect.objectContaining(corrupt));
    const swapped = parts.map((p, i) => ({ name: p.name, ct: parts[i === 0 ? 1 : i === 1 ? 0 : i]!.ct }));
    expect(() => openIndex(sub, asMap(swapped), 4)).toThrow(expect.objectContaining(corrupt));
    const other = [...sealIndexParts(sub, index, 5)];
    expect(() => openIndex(sub, asMap(parts.map((p, i) => (i === 1 ? other[1]! : p))), 4)).toThrow(expect.objectContaining(corrupt));
    expect(() => openIndex(sub, asMap(parts), 5)).toThrow(expect.objectContaining(corrupt));
    expect(() => openIndex(sub, new Map(), 4)).toThrow(expect.objectContaining(corrupt));
  });
});

describe('tokenOrder', () => {
  it('sorts by (hi, lo, posting) like a comparator sort, also across runs of equal hi', () => {
    const n = 20_000;
    const rnd = (m: number) => Math.floor(Math.random() * m) >>> 0;
    // Few distinct hi values force long runs that the native sort alone cannot order.
    const H = Uint32Array.from({ length: n }, () => [0, 1, 0xffffffff, rnd(2 ** 32)][rnd(4)]!);
    const L = Uint32Array.from({ length: n }, () => rnd(2 ** 32));
    const Q = Uint32Array.from({ length: n }, () => rnd(50));
    const expected = [...Array(n).keys()].sort((x, y) => H[x]! - H[y]! || L[x]! - L[y]! || Q[x]! - Q[y]!);
    const got = [...tokenOrder(H, L, Q)];
    expect(got.map((i) => [H[i], L[i], Q[i]])).toEqual(expected.map((i) => [H[i], L[i], Q[i]]));
    expect(new Set(got).size).toBe(n);
  });
});
