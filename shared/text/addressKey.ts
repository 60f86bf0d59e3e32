/**
 * Full-address keys (issue 21): whether a letter goes to a protected person's protected address, or to their
 * old one. Like the place + lot keys (address.ts), both sides — the sealed address at import and the address
 * on a department's outgoing item — go through this one function, so the keys need only be equal for the same
 * place. The building name, room and 方書 after the numbers are dropped: departments write them in a dozen
 * ways, and a key that differed on them would stop every correct letter.
 *
 *   東京都千代田区千代田一丁目1番1号 ○○ハイツ101 → 千代田区千代田1丁目#1-1
 *   千代田区千代田1-1-1                          → 千代田区千代田1丁目#1-1 and 千代田区千代田#1-1-1
 *   中郡二宮町二宮248番地の3                     → 中郡二宮町二宮#248-3
 */
import { normalizePlace } from './address';

/** Every full-address key the text could stand for; empty when it names no number at all (never a match). */
export function addressKeys(input: string): string[] {
  const s = normalizePlace(input);
  const first = s.search(/\d/);
  if (first <= 0) return [];
  const place = s.slice(0, first);
  // The numbers of the address: digits joined by 丁目 / 番地 / 番 / 号 / -; the first other character ends it.
  const m = s.slice(first).match(/^\d+(?:(?:丁目|番地|番|号|-)+\d+)*(?:丁目|番地|番|号)?/);
  if (!m) return [];
  const text = m[0];
  const nums = text.match(/\d+/g)!.map(Number);
  if (/^\d+丁目/.test(text)) return [`${place}${nums[0]}丁目#${nums.slice(1).join('-')}`];
  if (/^\d+(番地|番)/.test(text) || nums.length === 1) return [`${place}#${nums.join('-')}`];
  // 1-2-3 is 1丁目2番3号 or 地番 1-2-3; both keys, as addressLotKeys does for the lot.
  return [`${place}${nums[0]}丁目#${nums.slice(1).join('-')}`, `${place}#${nums.join('-')}`];
}
