import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeKana } from '../../../shared/text/kana';
import { WILDCARD, nameCandidates, normalizeName } from '../../../shared/text/name';

const overlapEverywhere = (a: string, b: string) => {
  const ca = nameCandidates(normalizeName(a));
  const cb = nameCandidates(normalizeName(b));
  return ca.length === cb.length && ca.every((s, i) => s[0] === WILDCARD || cb[i]![0] === WILDCARD || s.some((c) => cb[i]!.includes(c)));
};

describe('name normalisation', () => {
  it('is idempotent on any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => normalizeName(normalizeName(s)) === normalizeName(s)), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => normalizeName(normalizeName(s)) === normalizeName(s)), { numRuns: 3000 });
  });

  it('drops spaces of every width, variation selectors and zero-width characters', () => {
    expect(normalizeName('浜田\u{E0100}　 裕子\u200B')).toBe('浜田裕子');
    expect(normalizeName('葛\uFE00城　太郎')).toBe('葛城太郎');
  });

  it('folds width and kana form inside names', () => {
    expect(normalizeName('ﾏﾘｱ　ｽﾐｽ')).toBe(normalizeName('まりあ・すみす'));
    expect(normalizeName('ＡＮＮＡ　ｓｍｉｔｈ')).toBe('ANNASMITH');
  });

  it('spells out the iteration mark so 佐々木 and 佐佐木 are one name', () => {
    expect(normalizeName('佐々木')).toBe(normalizeName('佐佐木'));
  });

  it.each([
    ['髙橋', '高橋'],
    ['山﨑', '山崎'],
    ['渡邊', '渡辺'],
    ['渡邉', '渡辺'],
    ['渡邊', '渡邉'],
    ['齋藤', '斎藤'],
    ['濵田', '浜田'],
    ['濱田', '浜田'],
    ['澤田', '沢田'],
    ['廣田', '広田'],
    ['國分', '国分'],
    ['德永', '徳永'],
  ])('register variant %s meets standard %s', (a, b) => {
    expect(overlapEverywhere(a, b)).toBe(true);
  });

  it.each([
    ['克', '充'],
    ['斎藤', '斉藤'],
    ['浩', '宏'],
    ['高橋', '髙田'],
    ['島田', '嶋村'],
  ])('different characters %s and %s never meet', (a, b) => {
    expect(overlapEverywhere(a, b)).toBe(false);
  });

  it('turns private-use characters, 〓, U+FFFD and ? into the wildcard', () => {
    expect(normalizeName('\uE001田')).toBe(`${WILDCARD}田`);
    expect(normalizeName('〓田')).toBe(`${WILDCARD}田`);
    expect(normalizeName('\uFFFD田')).toBe(`${WILDCARD}田`);
    expect(normalizeName('？田')).toBe(`${WILDCARD}田`);
  });
});

describe('reading normalisation', () => {
  it('is idempotent on any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => normalizeKana(normalizeKana(s)) === normalizeKana(s)), { numRuns: 3000 });
  });

  it.each([
    ['はまだ ゆうこ', 'ハマダユウコ'],
    ['ﾊﾏﾀﾞ ﾕｳｺ', 'ハマダユウコ'],
    ['ハマダ　ユーコ', 'ハマダユウコ'],
    ['ハマタ\u3099ユウコ', 'ハマダユウコ'],
    ['ハマタ゛ユウコ', 'ハマダユウコ'],
    ['シヨウコ', 'ショウコ'],
    ['キヨウコ', 'キョウコ'],
    ['コーイチ', 'コウイチ'],
    ['ケーコ', 'ケイコ'],
    ['チヂワ', 'チジワ'],
    ['ミツヅ', 'ミツズ'],
    ['ヴィクトル', 'ビクトル'],
    ['カヲル', 'カオル'],
  ])('%s reads as %s', (a, b) => {
    expect(normalizeKana(a)).toBe(normalizeKana(b));
  });

  it('keeps different readings apart', () => {
    expect(normalizeKana('サトウ')).not.toBe(normalizeKana('サイトウ'));
    expect(normalizeKana('ハマダ')).not.toBe(normalizeKana('ハマタ'));
    expect(normalizeKana('ユウコ')).not.toBe(normalizeKana('ユキコ'));
  });
});
