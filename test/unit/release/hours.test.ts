/** The grant screen's length field (issue 22: hours, not days): days are refused by name, not as "not a number". */
import { describe, expect, it } from 'vitest';
import { parseHours } from '../../../renderer/src/release/hours';

describe('a release length as typed', () => {
  it('takes whole hours 1–8, full-width or with 時間', () => {
    expect(parseHours('2')).toEqual({ ok: true, hours: 2 });
    expect(parseHours('８')).toEqual({ ok: true, hours: 8 });
    expect(parseHours('3時間')).toEqual({ ok: true, hours: 3 });
  });
  it('refuses days by name, and anything outside 1–8 or not whole', () => {
    for (const d of ['1日', '１日', '2 days', '1d']) expect(parseHours(d)).toEqual({ ok: false, error: 'hoursDays' });
    expect(parseHours('')).toEqual({ ok: false, error: 'hoursEmpty' });
    expect(parseHours('0')).toEqual({ ok: false, error: 'hoursRange' });
    expect(parseHours('9')).toEqual({ ok: false, error: 'hoursRange' });
    expect(parseHours('24')).toEqual({ ok: false, error: 'hoursRange' });
    expect(parseHours('1.5')).toEqual({ ok: false, error: 'hoursNumber' });
    expect(parseHours('二')).toEqual({ ok: false, error: 'hoursNumber' });
  });
});
