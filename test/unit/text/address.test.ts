import { describe, expect, it } from 'vitest';
import { addressLotKeys } from '../../../shared/text/address';

const same = (a: string, b: string) => addressLotKeys(a).some((k) => addressLotKeys(b).includes(k));

describe('address place+lot keys (新本籍 on a protected 地番)', () => {
  it('a 本籍 on the same 街区 as a 住居表示 address meets it, however the numbers were written', () => {
    expect(same('神奈川県中郡二宮町富士見が丘5丁目5番2号', '中郡二宮町富士見ヶ丘五丁目５番')).toBe(true);
    expect(same('神奈川県中郡二宮町富士見が丘5丁目5番2号', '神奈川県中郡二宮町富士見が丘5-5')).toBe(true);
    expect(same('東京都千代田区一番町3番地', '千代田区一番町三番地の二')).toBe(true);
    expect(same('東京都千代田区一番町3番地', '千代田区二番町3番地')).toBe(false);
  });
  it('a 地番 address meets a 本籍 on the same 地番, with or without 大字', () => {
    expect(same('新潟県長岡市大字寺泊2939番地', '長岡市寺泊二九三九番地')).toBe(true);
  });
  it('a different lot, 丁目 or place does not meet', () => {
    expect(same('神奈川県中郡二宮町富士見が丘5丁目5番2号', '神奈川県中郡二宮町富士見が丘5丁目6番')).toBe(false);
    expect(same('神奈川県中郡二宮町富士見が丘5丁目5番2号', '神奈川県中郡二宮町富士見が丘4丁目5番')).toBe(false);
    expect(same('神奈川県中郡二宮町富士見が丘5丁目5番2号', '神奈川県中郡二宮町百合が丘5丁目5番')).toBe(false);
  });
  it('an address with no lot number yields no key (it cannot be matched, and is not guessed)', () => {
    expect(addressLotKeys('神奈川県中郡二宮町')).toEqual([]);
    expect(addressLotKeys('')).toEqual([]);
    expect(addressLotKeys('富士見が丘5丁目')).toEqual([]);
  });
});
