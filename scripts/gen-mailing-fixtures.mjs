#!/usr/bin/env node
/**
 * Generates the issue-21 fixtures (mailing check and reconciliation) with a fixed seed, so the files in
 * test/fixtures/mailing/ can be re-made and reviewed: `node scripts/gen-mailing-fixtures.mjs`.
 * Every person is invented from the pools below; no real person, address or number.
 * Writes: list.csv (a protected list with 前住所 / 前本籍), batch.csv (UTF-8 with BOM) and batch.sjis.csv
 * (CP932) with batch.expected.jsonl, other-system.csv (CP932) with other-system.expected.jsonl.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'mailing');
let seed = 21_2026;
const rand = () => {
  // mulberry32: small, fixed, the same on every Node
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];
const SURNAMES = [['青木', 'アオキ'], ['石田', 'イシダ'], ['上野', 'ウエノ'], ['大川', 'オオカワ'], ['北村', 'キタムラ'], ['小池', 'コイケ'], ['杉本', 'スギモト'], ['高野', 'タカノ'], ['西川', 'ニシカワ'], ['平野', 'ヒラノ']];
const GIVEN = [['美咲', 'ミサキ'], ['陽菜', 'ヒナ'], ['結衣', 'ユイ'], ['健太', 'ケンタ'], ['大輔', 'ダイスケ'], ['翔', 'ショウ'], ['彩', 'アヤ'], ['悠人', 'ユウト'], ['真央', 'マオ'], ['蓮', 'レン']];
// Residents who are not on the list come from their own surnames, so that no invented resident shares a
// protected person's name by chance (that would be a correct `review`, but not the row's intended code).
const OTHER_SURNAMES = [['今井', 'イマイ'], ['岡田', 'オカダ'], ['川口', 'カワグチ'], ['坂本', 'サカモト'], ['田村', 'タムラ'], ['中島', 'ナカジマ'], ['藤田', 'フジタ'], ['松井', 'マツイ']];
const AITEKATA_SURNAMES = [['宇田', 'ウダ'], ['菊地', 'キクチ'], ['野口', 'ノグチ'], ['堀', 'ホリ']];
const TOWNS = ['架空市本町', '架空市栄町', '架空市緑が丘', '架空市港南'];
const pad = (n) => String(n).padStart(2, '0');
const dob = (y0, span) => `${y0 + Math.floor(rand() * span)}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;
const address = () => `${pick(TOWNS)}${1 + Math.floor(rand() * 5)}丁目${1 + Math.floor(rand() * 30)}番${1 + Math.floor(rand() * 20)}号`;
const person = (y0 = 1975, span = 20, pool = SURNAMES) => {
  const [s, sk] = pick(pool);
  const [g, gk] = pick(GIVEN);
  return { name: `${s}　${g}`, kana: `${sk}　${gk}`, dob: dob(y0, span) };
};
/** 1丁目2番3号 written as a department's system writes it: 1-2-3 with full-width digits. */
const hyphenated = (a) => a.replace(/(\d+)丁目(\d+)番(\d+)号/, (_, x, y, z) => `${x}-${y}-${z}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))));
const csv = (rows) => `${rows.map((r) => r.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\r\n')}\r\n`;

// ── the protected list ──────────────────────────────────────────────────────────────────────────────
const N = 12;
const list = [];
for (let i = 1; i <= N; i++) {
  const p = person();
  const ait = person(1965, 20, AITEKATA_SURNAMES);
  list.push({ id: `M${String(i).padStart(4, '0')}`, atena: String(700000 + i * 37), ...p, address: address(), former: i % 2 === 0 ? address() : '', formerHonseki: i % 3 === 0 ? `${pick(TOWNS)}${100 + i}番地` : '', ait, child: person(2012, 10), start: '2026-01-15' });
}
const head = ['管理番号', '宛名番号', '氏名', '氏名カナ', '生年月日', '住所', '前住所', '前本籍', '開始日', '相手方1氏名', '相手方1カナ', '相手方1生年月日'];
const listRows = [head];
for (const p of list) listRows.push([p.id, p.atena, p.name, p.kana, p.dob, p.address, p.former, p.formerHonseki, p.start, p.ait.name, p.ait.kana, p.ait.dob]);
// The child of person 1 is protected too (児童手当: the notice concerns the child).
const c1 = list[0].child;
listRows.push(['M0099', '799999', c1.name, c1.kana, c1.dob, list[0].address, '', '', '2026-01-15', list[0].ait.name, list[0].ait.kana, list[0].ait.dob]);

// ── the outgoing batch ──────────────────────────────────────────────────────────────────────────────
const batchHead = ['通知番号', '宛名氏名', '宛名カナ', '宛名生年月日', '送付先住所', '児童1氏名', '児童1生年月日'];
const batch = [batchHead];
const expected = [];
const add = (code, r) => {
  batch.push([`N${batch.length}`, ...r]);
  expected.push({ row: batch.length, code });
};
const [p1, p2, p3, p4, p5, p6] = list;
const fresh = () => person(1950, 50, OTHER_SURNAMES);
for (let i = 0; i < 5; i++) {
  const f = fresh();
  add('OK', [f.name, f.kana, f.dob, address(), '', '']);
}
add('OK', [p2.name, p2.kana, p2.dob, hyphenated(p2.address), '', '']);
// The child is named without a birth date here (possible) so that no address comparison is spent on it.
add('RECIPIENT_AITEKATA', [p1.ait.name, p1.ait.kana, p1.ait.dob, address(), c1.name, '']);
add('ADDRESS_NOT_PROTECTED', [p4.name, p4.kana, p4.dob, p4.former, '', '']);
add('ADDRESS_NOT_PROTECTED', [fresh().name, '', '', address(), p6.name, p6.dob]);
add('ADDRESS_CONFLICT', [p3.name, p3.kana, p3.dob, p3.address, '', '']);
add('ADDRESS_CONFLICT', [p3.name, p3.kana, p3.dob, address(), '', '']);
add('POSSIBLE_PROTECTED', [p5.name, p5.kana, '', p5.address, '', '']);
add('POSSIBLE_AITEKATA', [list[0].ait.name, '', '', p1.address, c1.name, c1.dob]);
add('ROW_INCOMPLETE', ['', '', '', address(), '', '']);
for (let i = 0; i < 5; i++) {
  const f = fresh();
  add('OK', [f.name, f.kana, f.dob, address(), '', '']);
}

// ── another system's suppression list (附票 system): numbers or name + birth date ─────────────────────
const otherHead = ['宛名番号', '氏名', '生年月日', '制限開始日', '制限終了日'];
const other = [otherHead];
const otherExpected = [];
// Persons 1–8 are suppressed there; 9–12 and M0099 are not (PROTECTED_NOT_SUPPRESSED, by 管理番号).
for (const [i, p] of list.slice(0, 8).entries()) {
  if (i === 2) other.push(['', p.name, p.dob, '2026-01-15', '2027-01-14']); // matched by name + birth date
  else if (i === 5) {
    other.push([p.atena, '', '', '2026-03-01', '2026-09-30']);
    otherExpected.push({ row: other.length, code: 'PERIOD_MISMATCH' });
  }
  else other.push([p.atena, '', '', '2026-01-15', '2027-01-14']);
}
const stranger = fresh();
other.push(['', stranger.name, stranger.dob, '2026-02-01', '2027-01-31']);
otherExpected.push({ row: other.length, code: 'SUPPRESSED_NOT_PROTECTED' });
other.push(['', '', '', '', '']);
otherExpected.push({ row: other.length, code: 'ROW_INCOMPLETE' });
for (const p of [...list.slice(8), { id: 'M0099' }]) otherExpected.push({ recordId: p.id, code: 'PROTECTED_NOT_SUPPRESSED' });

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'list.csv'), `\ufeff${csv(listRows)}`);
writeFileSync(join(out, 'batch.csv'), `\ufeff${csv(batch)}`);
writeFileSync(join(out, 'batch.sjis.csv'), iconv.encode(csv(batch), 'cp932'));
writeFileSync(join(out, 'batch.expected.jsonl'), expected.map((e) => JSON.stringify(e)).join('\n') + '\n');
writeFileSync(join(out, 'other-system.csv'), iconv.encode(csv(other), 'cp932'));
writeFileSync(join(out, 'other-system.expected.jsonl'), otherExpected.map((e) => JSON.stringify(e)).join('\n') + '\n');
console.log(`wrote ${out}`);
