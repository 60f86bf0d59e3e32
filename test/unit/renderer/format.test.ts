/** The one date and number formatter of the screens (issue 23): 和暦 first, the western year where it helps, JST. */
import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatDate, formatDateTime, formatMonth } from '../../../renderer/src/ui/format';
import { errorMessage } from '../../../renderer/src/ui/errorText';

describe('date and number formatting on screen', () => {
  it('writes an instant 和暦 first with the western year and the counter clock (JST)', () => {
    expect(formatDateTime('2026-11-29T02:57:00Z', 'ja')).toBe('令和8年11月29日（2026年）11:57');
    expect(formatDateTime('2026-11-29T02:57:00Z', 'ja', { western: false })).toBe('令和8年11月29日11:57');
    expect(formatDateTime('2026-11-29T02:57:00Z', 'en')).toBe('29 November 2026, 11:57');
  });

  it('takes the JST day, not the UTC one, near midnight', () => {
    expect(formatDateTime('2026-11-28T15:30:00Z', 'ja')).toBe('令和8年11月29日（2026年）00:30');
    expect(formatClock('2026-11-28T15:30:00Z')).toBe('00:30');
  });

  it('writes a birth date 和暦 first, 元年 on an era’s first year, with the western year', () => {
    expect(formatDate('1985-01-02', 'ja')).toBe('昭和60年1月2日（1985年）');
    expect(formatDate('2019-05-01', 'ja')).toBe('令和元年5月1日（2019年）');
    expect(formatDate('1989-01-07', 'ja')).toBe('昭和64年1月7日（1989年）');
  });

  it('writes a month in the era of its last day', () => {
    expect(formatMonth('2026-11', 'ja')).toBe('令和8年11月（2026年）');
    expect(formatMonth('2019-04', 'ja')).toBe('平成31年4月（2019年）');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
  });

  it('writes every count with ja-JP grouping', () => {
    expect(formatCount(20000)).toBe('20,000');
    expect(formatCount(0)).toBe('0');
  });

  it('gives every error a next step: main’s own when it has one, else one by code, else a general one', () => {
    const own = { code: 'E_X', ja: '期限が切れました。もう一度提案してください。', en: 'Expired. Propose again.' };
    expect(errorMessage(own, 'ja')).toBe(own.ja);
    expect(errorMessage({ code: 'E_PIN_WRONG', ja: '職員番号または暗証番号が違います。', en: 'Wrong staff id or PIN.' }, 'ja'))
      .toBe('職員番号または暗証番号が違います。職員番号と暗証番号を確かめて、もう一度入力してください。');
    expect(errorMessage({ code: 'E_SOMETHING', ja: '失敗しました。', en: 'It failed.' }, 'en')).toMatch(/^It failed\. Try again\./);
  });
});
