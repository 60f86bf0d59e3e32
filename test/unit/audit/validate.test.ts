import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../electron/core/audit';
import { AUDIT_ACTION_CODES, AUDIT_ACTIONS } from '../../../shared/audit/actions';
import { samplePersons } from './personal';

const ok = { action: 'lookup.hit', actors: ['S0001'] } as const;
const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('no personal data can be written into the log (invariant 3)', () => {
  it('accepts ids, known field names, codes, counts, refs and timestamps', () => {
    expect(() => validateEvent({ ...ok, targets: [{ recordId: 'D0001', field: 'address' }], detail: { decision: 'match', count: 3, at: '2026-04-06T01:00:00.000Z', month: '2026-04', policyHash: 'ab'.repeat(32), grant: true } })).not.toThrow();
  });

  it('refuses every name, reading, date of birth and address of the sample list in any slot', () => {
    for (const p of samplePersons().slice(0, 40)) {
      for (const v of [p.name, p.kana, p.dob, p.address, p.honseki].filter((x): x is string => !!x)) {
        expect(code(() => validateEvent({ ...ok, actors: [v] })), v).toBe('E_AUDIT_PERSONAL_DATA');
        expect(code(() => validateEvent({ ...ok, targets: [{ recordId: v }] })), v).toBe('E_AUDIT_PERSONAL_DATA');
        expect(code(() => validateEvent({ ...ok, targets: [{ field: v }] })), v).toBe('E_AUDIT_PERSONAL_DATA');
        expect(code(() => validateEvent({ ...ok, detail: { ref: v } })), v).toBe('E_AUDIT_PERSONAL_DATA');
      }
    }
  });

  it('refuses dates alone, digit strings like phone numbers, personal keys and unknown actions', () => {
    for (const v of ['1970-02-05', '1970/2/5', '19700205', '090-1234-5678', '0463712345', '259-0123']) {
      expect(code(() => validateEvent({ ...ok, detail: { x: v } })), v).toBe('E_AUDIT_PERSONAL_DATA');
    }
    for (const k of ['name', 'address', 'dob', 'pin', 'Name']) expect(code(() => validateEvent({ ...ok, detail: { [k]: 'x' } })), k).toBe('E_AUDIT_PERSONAL_DATA');
    expect(code(() => validateEvent({ ...ok, targets: [{ recordId: 'D0001', value: 'x' } as never] }))).toBe('E_AUDIT_PERSONAL_DATA');
    expect(code(() => validateEvent({ ...ok, action: 'free text' }))).toBe('E_AUDIT_UNKNOWN_ACTION');
    expect(code(() => validateEvent({ ...ok, actors: [] }))).toBe('E_AUDIT_PERSONAL_DATA');
  });

  it('every action code has a Japanese and an English label for the viewer', () => {
    for (const a of AUDIT_ACTION_CODES) {
      expect(AUDIT_ACTIONS[a].ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(AUDIT_ACTIONS[a].en.length).toBeGreaterThan(2);
    }
  });
});
