import { describe, expect, it } from 'vitest';
import { pinPolicyViolation } from '../../../electron/core/staff';
import { ALL_PINS } from '../../fakes/core';

describe('PIN policy', () => {
  it.each([
    ['12345', 'length'], ['1234567890123', 'length'], ['12a456', 'digits'], ['', 'digits'],
    ['000000', 'same-digit'], ['999999', 'same-digit'], ['11111111', 'same-digit'],
    ['123456', 'run'], ['234567', 'run'], ['987654', 'run'], ['7890123', 'run'], ['3210987', 'run'], ['01234567', 'run'],
    ['123123', 'repeat'], ['121212', 'repeat'], ['19851985', 'repeat'], ['100100', 'repeat'],
    ['147258', 'common'], ['114514', 'common'], ['112233', 'common'], ['159753', 'common'],
    ['198504', 'date'], ['200012', 'date'], ['850412', 'date'], ['600412', 'date'], ['041285', 'date'], ['041985', 'date'],
    ['19850412', 'date'], ['04121985', 'date'], ['19852010', 'date'],
  ])('refuses %s (%s)', (pin, rule) => {
    expect(pinPolicyViolation(pin)).toBe(rule);
  });

  it('reads full-width digits as digits, so an IME left in 全角 mode is held to the same rules', () => {
    expect(pinPolicyViolation('１２３４５６')).toBe('run');
    expect(pinPolicyViolation('４７２９１３')).toBeNull();
  });

  it('refuses a PIN containing the staff number', () => {
    expect(pinPolicyViolation('582047', 'S5820')).toBe('staff-id');
    expect(pinPolicyViolation('582047', 'S9999')).toBeNull();
  });

  it('accepts ordinary six-digit PINs (the ones the tests use)', () => {
    for (const pin of [...ALL_PINS, '284739', '905172']) expect(pinPolicyViolation(pin)).toBeNull();
  });

  it('leaves most of the six-digit space usable (the blocklist is not a lottery)', () => {
    let refused = 0;
    for (let n = 0; n < 1_000_000; n += 97) if (pinPolicyViolation(String(n).padStart(6, '0'))) refused++;
    const share = refused / Math.ceil(1_000_000 / 97);
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.15);
  });
});
