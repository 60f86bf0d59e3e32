/**
 * PIN policy (SPEC F9): 6–12 digits, and none of the shapes people actually choose when told "six digits".
 * With lockout after 10 failures an attacker at the counter gets 10 guesses, so what matters is that the
 * first few hundred guesses of any list (runs, repeats, dates, 123456 …) are not valid PINs here.
 * Full-width digits (an IME left in 全角 mode) are read as the same digits, both when set and when checked,
 * so a clerk is not locked out by the input mode.
 */
import type { PinRule } from './errors';

export const PIN_MIN = 6;
export const PIN_MAX = 12;

/** Lists of the most common 6-digit PINs, keypad shapes, and Japanese favourites (emergency numbers, 114514). */
const COMMON = new Set([
  '123456', '654321', '123321', '112233', '332211', '121212', '131313', '147258', '147369', '159357', '159753',
  '258369', '369258', '741852', '852963', '789456', '456123', '456789', '246810', '135790', '102030', '101010',
  '114514', '110110', '119119', '777777', '888888', '520520', '123654', '987123', '741963', '142536', '100200',
  '12345678', '87654321', '11223344', '12341234', '01234567',
]);

/** Full-width digits → ASCII; nothing else is altered (a letter stays a letter and is refused). */
export function normalisePin(pin: string): string {
  return pin.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The first rule a PIN breaks, or null. `staffId` lets a PIN that contains one's own staff number be refused. */
export function pinPolicyViolation(raw: string, staffId?: string): PinRule | null {
  const pin = normalisePin(raw);
  if (!/^[0-9]+$/.test(pin)) return 'digits';
  if (pin.length < PIN_MIN || pin.length > PIN_MAX) return 'length';
  if (/^(\d)\1+$/.test(pin)) return 'same-digit';
  if (isRun(pin, 1) || isRun(pin, -1)) return 'run';
  if (isRepeat(pin)) return 'repeat';
  if (COMMON.has(pin)) return 'common';
  if (looksLikeDate(pin)) return 'date';
  const idDigits = staffId?.replace(/\D/g, '') ?? '';
  if (idDigits.length >= 4 && (pin.includes(idDigits) || idDigits.includes(pin))) return 'staff-id';
  return null;
}

/** 123456, 7890123 (wrapping past 9), 987654, 3210987. */
function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    if ((Number(pin[i - 1]) + step + 10) % 10 !== Number(pin[i])) return false;
  }
  return true;
}

/** A shorter block repeated: 123123, 121212, 19851985, 100100. */
function isRepeat(pin: string): boolean {
  return /^(\d+)\1+$/.test(pin);
}

/**
 * Dates are the next thing people use after runs, and an applicant may well know the clerk's birthday
 * or the year of something. Refused: YYYYMM and YYYYMMDD with a 19xx/20xx year, YYMMDD (西暦 or 和暦
 * two-digit years alike), MMDDYY, and two 19xx/20xx years side by side (19852010).
 */
function looksLikeDate(pin: string): boolean {
  const year4 = (s: string) => /^(19|20)\d\d$/.test(s);
  const md = (m: string, d: string) => validMonth(m) && Number(d) >= 1 && Number(d) <= 31;
  if (pin.length === 6) {
    if (year4(pin.slice(0, 4)) && validMonth(pin.slice(4))) return true; // 198504
    if (validMonth(pin.slice(0, 2)) && year4(pin.slice(2))) return true; // 041985
    if (md(pin.slice(2, 4), pin.slice(4))) return true; // 850412 / 600412 (昭和60年)
    if (md(pin.slice(0, 2), pin.slice(2, 4))) return true; // 041285
  }
  if (pin.length === 8) {
    if (year4(pin.slice(0, 4)) && md(pin.slice(4, 6), pin.slice(6))) return true; // 19850412
    if (md(pin.slice(0, 2), pin.slice(2, 4)) && year4(pin.slice(4))) return true; // 04121985
    if (year4(pin.slice(0, 4)) && year4(pin.slice(4))) return true; // 19852010
  }
  return false;
}

function validMonth(m: string): boolean {
  const n = Number(m);
  return m.length === 2 && n >= 1 && n <= 12;
}
