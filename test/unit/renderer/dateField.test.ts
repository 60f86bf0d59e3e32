/**
 * The app's date entry (ui/DateField, issue 23): what a clerk types — 和暦, an era letter, 西暦 with 年月日 or slashes —
 * becomes the one ISO day main expects, and a day that does not exist becomes nothing (no read-back, the field's error).
 */
import { describe, expect, it } from 'vitest';
import { typedDay } from '../../../renderer/src/ui/DateField';
import i18n from '../../../renderer/src/i18n/setup';

describe('a typed date (DateField)', () => {
  it('reads 和暦, an era letter and 西暦 as the same day', () => {
    for (const typed of ['令和8年6月8日', 'R8.6.8', '2026年6月8日', '2026/6/8', '2026-06-08']) expect(typedDay(typed)).toBe('2026-06-08');
  });

  it('reads nothing from an empty field, a day that does not exist, or words', () => {
    for (const typed of ['', '  ', '昭和52年2月30日', 'R8.13.1', 'きのう']) expect(typedDay(typed)).toBeNull();
  });

  it('its hint names 和暦 first and writes no YYYY-MM-DD example', () => {
    const hint = i18n.getResource('ja', 'translation', 'dateField.hint') as string;
    expect(hint).toMatch(/^和暦/);
    expect(hint).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
