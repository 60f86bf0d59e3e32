/**
 * An index stored by an older matcher (issue 20 changed the layout and the keys) is told apart from a corrupt
 * one, so the vault rebuilds it from its bodies instead of locking the terminal after an upgrade — while a
 * blob that is damaged, foreign or from a newer version still fails closed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtectedList } from '../../../electron/core/import/parseList';
import { Matcher, createHmacKeyer } from '../../../electron/core/matching';
import { IndexOutdated, openIndex, rebuildIndex, sealIndexParts } from '../../../electron/core/vault/blindIndex';
import { deriveSubKeys } from '../../../electron/core/vault/keys';
import { FIXTURES } from './helpers';

const parsed = parseProtectedList(readFileSync(join(FIXTURES, 'protected-sample.csv')));
if (!parsed.ok) throw new Error('fixture did not parse');
const persons = parsed.persons;
const sub = deriveSubKeys(randomBytes(32));
const index = Matcher.build(persons, createHmacKeyer(sub.blindIndex)).serialize();
const withVersion = (v: number) => {
  const b = Uint8Array.from(index);
  new DataView(b.buffer).setUint32(4, v, true);
  return new Map([...sealIndexParts(sub, b, 3)].map((p) => [p.name, p.ct]));
};

describe('an index from an older matcher', () => {
  it('is reported as outdated, not corrupt', () => {
    expect(() => openIndex(sub, withVersion(1), 3)).toThrow(IndexOutdated);
  });

  it('while a newer version or a damaged blob is still corrupt (fail closed)', () => {
    expect(() => openIndex(sub, withVersion(99), 3)).toThrow(/E_VAULT_CORRUPT|corrupt/);
    const damaged = Uint8Array.from(index).subarray(0, index.length - 4);
    expect(() => openIndex(sub, new Map([...sealIndexParts(sub, damaged, 3)].map((p) => [p.name, p.ct])), 3)).toThrow(/E_VAULT_CORRUPT|corrupt/);
  });

  it('is rebuilt from the bodies into an index that finds the same persons', () => {
    const bodies = persons.map(({ address: _a, katagaki: _k, honseki: _h, note: _n, ...rest }) => rest);
    const rebuilt = rebuildIndex(sub, bodies);
    const stored = openIndex(sub, new Map([...sealIndexParts(sub, index, 3)].map((p) => [p.name, p.ct])), 3);
    for (const p of persons.slice(0, 40)) {
      const q = { name: p.name, kana: p.kana, dob: p.dob };
      expect(rebuilt.query(q)).toEqual(stored.query(q));
    }
  });
});
