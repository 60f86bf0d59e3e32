import { describe, expect, it } from 'vitest';
import { addressKeys } from '../../../shared/text/addressKey';

const same = (a: string, b: string) => addressKeys(a).some((k) => addressKeys(b).includes(k));

describe('full-address keys (the mailing check compares these, never the text)', () => {
  it.each([
    ['東京都千代田区千代田一丁目1番1号', '千代田区千代田1-1-1'],
    ['千代田区千代田１丁目１番１号　架空ハイツ101', '千代田区千代田1丁目1番1号'],
    ['神奈川県中郡二宮町富士見が丘5丁目5番2号', '中郡二宮町富士見ヶ丘五丁目5番2号'],
    ['中郡二宮町二宮248番地の3', '中郡二宮町二宮248-3'],
    ['大字山田12番地', '山田12番地'],
  ])('treats %s and %s as the same place', (a, b) => expect(same(a, b)).toBe(true));

  it.each([
    ['千代田区千代田1丁目1番1号', '千代田区千代田1丁目1番2号'],
    ['千代田区千代田1丁目1番1号', '千代田区千代田1丁目1番'],
    ['千代田区千代田1丁目1番1号', '千代田区丸の内1丁目1番1号'],
    ['中郡二宮町二宮248番地', '中郡二宮町二宮248番地の3'],
  ])('keeps %s and %s apart (a partial agreement is never an ok)', (a, b) => expect(same(a, b)).toBe(false));

  it('gives no key to an address without a number, so it can never equal a protected one', () => {
    expect(addressKeys('千代田区千代田')).toEqual([]);
    expect(addressKeys('')).toEqual([]);
  });
});
