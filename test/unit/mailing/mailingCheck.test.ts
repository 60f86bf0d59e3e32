import { describe, expect, it } from 'vitest';
import { checkBatch, MAIL_CODES, mailingReportCsv, MailingService, type MailCode, type MailingDirectory } from '../../../electron/core/mailing';
import { directoryFromPersons } from '../../../electron/core/mailing/listDirectory';
import { AddressProbeLedger } from '../../../electron/core/mailing/probeLedger';
import { MemoryProbeCounters } from '../../../electron/core/mailing/probeStore';
import { readTable } from '../../../electron/core/mailing/table';
import type { MailField } from '../../../electron/core/mailing/mapping';
import { testNow } from '../../clock';
import { fixture, jsonl, KODOMO_MAPPING, listPersons, MemoryAudit, utf8 } from './helpers';

const persons = listPersons();
const directory = () => directoryFromPersons(persons, Buffer.alloc(32, 7));
const HEAD = '宛名氏名,宛名カナ,宛名生年月日,送付先住所,児童1氏名,児童1生年月日';
const line = (...v: string[]) => v.join(',');

function service(dir: MailingDirectory | null = directory(), clock = testNow) {
  const audit = new MemoryAudit();
  const s = new MailingService({ directory: () => dir, clock, counters: new MemoryProbeCounters(audit, clock) });
  return { s, audit };
}

async function codesOf(csv: string, svc = service()): Promise<MailCode[]> {
  const r = await svc.s.check({ staffId: 'S100', department: 'kodomo-teate', mapping: KODOMO_MAPPING, bytes: utf8(csv) });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.results.map((x) => x.code);
}

const p = (id: string) => persons.find((x) => x.id === id)!;

describe('the fixture batch, row by row', () => {
  const expected = jsonl<{ row: number; code: MailCode }>('batch.expected.jsonl');

  it.each([['UTF-8', 'batch.csv'], ['Shift_JIS', 'batch.sjis.csv']])('gives every row its expected code (%s)', async (_, file) => {
    const { s } = service();
    const r = await s.check({ staffId: 'S100', department: 'kodomo-teate', mapping: KODOMO_MAPPING, bytes: fixture(file) });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.results.map(({ row, code }) => ({ row, code }))).toEqual(expected);
    for (const x of r.results) expect(x.decision).toBe(MAIL_CODES[x.code].decision);
  });

  it('covers every reason code but the two that need state (limit, no address index) — those are tested below', () => {
    const covered = new Set(expected.map((e) => e.code));
    expect([...Object.keys(MAIL_CODES)].filter((c) => !covered.has(c as MailCode)).sort()).toEqual(['ADDRESS_UNVERIFIED', 'CHECK_LIMIT']);
  });
});

describe('stop rules', () => {
  it('stops a notice about a protected child addressed to the 相手方, whatever the recipient address', async () => {
    const child = p('M0099');
    const ait = p('M0001').aitekata[0]!;
    expect(await codesOf([HEAD, line(ait.name!, ait.kana!, ait.dob!, '別市1丁目1番1号', child.name, child.dob)].join('\n'))).toEqual(['RECIPIENT_AITEKATA']);
  });

  it('lets the 相手方 receive his own mail when the item concerns nobody protected', async () => {
    const ait = p('M0001').aitekata[0]!;
    expect(await codesOf([HEAD, line(ait.name!, ait.kana!, ait.dob!, '別市1丁目1番1号', '', '')].join('\n'))).toEqual(['OK']);
  });

  it('stops mail to a protected recipient at the old address (前住所) with the same code as any other address', async () => {
    const m = p('M0004');
    expect(m.formerAddress).toBeTruthy();
    const codes = await codesOf([HEAD, line(m.name, m.kana!, m.dob, m.formerAddress!, '', '')].join('\n'));
    const other = await codesOf([HEAD, line(m.name, m.kana!, m.dob, '架空市本町9丁目99番99号', '', '')].join('\n'));
    expect(codes).toEqual(['ADDRESS_NOT_PROTECTED']);
    expect(other).toEqual(codes);
  });

  it('accepts the protected address however the department writes it (kanji numerals, 1-2-3, full width, building name)', async () => {
    const m = p('M0002');
    const kanji = m.address.replace(/\d+/g, (d) => '〇一二三四五六七八九'.split('')[Number(d)] ?? d);
    const hyphen = m.address.replace(/(\d+)丁目(\d+)番(\d+)号/, '$1-$2-$3');
    for (const a of [m.address, hyphen, `${hyphen}　架空ハイツ201`, `架空県${m.address}`]) {
      expect(await codesOf([HEAD, line(m.name, m.kana!, m.dob, a, '', '')].join('\n')), a).toEqual(['OK']);
    }
    if (kanji !== m.address) expect(await codesOf([HEAD, line(m.name, m.kana!, m.dob, kanji, '', '')].join('\n'))).toEqual(['OK']);
  });

  it('stops a neighbouring address on the same 番 (no partial answer: the 号 decides)', async () => {
    const m = p('M0002');
    const next = m.address.replace(/(\d+)号$/, (_, n) => `${Number(n) + 1}号`);
    expect(await codesOf([HEAD, line(m.name, m.kana!, m.dob, next, '', '')].join('\n'))).toEqual(['ADDRESS_NOT_PROTECTED']);
  });

  it('stops every row of a person sent to two addresses in one batch, the right one included', async () => {
    const m = p('M0002');
    const codes = await codesOf([HEAD, line(m.name, m.kana!, m.dob, m.address, '', ''), line(m.name, m.kana!, m.dob, '架空市本町9丁目1番1号', '', '')].join('\n'));
    expect(codes).toEqual(['ADDRESS_CONFLICT', 'ADDRESS_CONFLICT']);
  });

  it('stops (ADDRESS_UNVERIFIED) rather than passes when the vault has no address for the person', async () => {
    const dir = directory();
    const blind: MailingDirectory = { ...dir, matchAddress: () => 'unknown' };
    const m = p('M0002');
    const t = readTable<MailField>(utf8([HEAD, line(m.name, m.kana!, m.dob, m.address, '', '')].join('\n')), KODOMO_MAPPING, ['recipientName', 'address']);
    if (!t.ok) throw new Error('unreadable');
    expect((await checkBatch(t.rows, blind, new AddressProbeLedger(testNow))).results[0]!.code).toBe('ADDRESS_UNVERIFIED');
  });
});

describe('an attacker walking addresses', () => {
  const m = p('M0002');
  const guess = (n: number) => `架空市本町${n}丁目1番1号`;

  it('gets CHECK_LIMIT after three distinct addresses in a day — even for the right one — across staff members', async () => {
    const audit = new MemoryAudit();
    const s = new MailingService({ directory: () => directory(), clock: testNow, counters: new MemoryProbeCounters(audit, testNow) });
    const one = async (staffId: string, address: string) => {
      const r = await s.check({ staffId, department: 'zeimu', mapping: KODOMO_MAPPING, bytes: utf8([HEAD, line(m.name, m.kana!, m.dob, address, '', '')].join('\n')) });
      return r.ok ? r.results[0]!.code : r.error.code;
    };
    expect(await one('S1', guess(1))).toBe('ADDRESS_NOT_PROTECTED');
    expect(await one('S2', guess(2))).toBe('ADDRESS_NOT_PROTECTED');
    expect(await one('S3', guess(3))).toBe('ADDRESS_NOT_PROTECTED');
    expect(await one('S4', m.address)).toBe('CHECK_LIMIT');
    expect(await one('S1', guess(1))).toBe('ADDRESS_NOT_PROTECTED'); // an address already compared costs nothing new
    expect(audit.events.filter((e) => e.action === 'mailing.check_limit')).toHaveLength(1);
  });

  it('the limit ends after a day, and a legitimate repeat of the right address never uses it up', async () => {
    let now = testNow().getTime();
    const { s } = service(directory(), () => new Date(now));
    const run = async (address: string) => {
      const r = await s.check({ staffId: 'S1', department: 'zeimu', mapping: KODOMO_MAPPING, bytes: utf8([HEAD, line(m.name, m.kana!, m.dob, address, '', '')].join('\n')) });
      return r.ok ? r.results[0]!.code : r.error.code;
    };
    for (let i = 0; i < 5; i++) expect(await run(m.address)).toBe('OK');
    for (const n of [1, 2]) await run(guess(n));
    expect(await run(guess(3))).toBe('CHECK_LIMIT');
    now += 86_400_001;
    expect(await run(guess(3))).toBe('ADDRESS_NOT_PROTECTED');
  });

  it('cannot get several comparisons for one person out of one batch', async () => {
    const rows = [HEAD, ...[1, 2, 3, 4, 5].map((n) => line(m.name, m.kana!, m.dob, guess(n), '', '')), line(m.name, m.kana!, m.dob, m.address, '', '')];
    expect(new Set(await codesOf(rows.join('\n')))).toEqual(new Set(['ADDRESS_CONFLICT']));
  });

  it('is refused past ten batches an hour, before the file is read, and the refusal is audited', async () => {
    const { s, audit } = service();
    const bytes = utf8([HEAD, line('今井　蓮', '', '', guess(1), '', '')].join('\n'));
    for (let i = 0; i < 10; i++) expect((await s.check({ staffId: 'S9', department: 'zeimu', mapping: KODOMO_MAPPING, bytes })).ok).toBe(true);
    const r = await s.check({ staffId: 'S9', department: 'zeimu', mapping: KODOMO_MAPPING, bytes });
    expect(r.ok ? 'ok' : r.error.code).toBe('E_MAILING_RATE');
    expect(audit.events.at(-1)).toMatchObject({ action: 'mailing.refused', detail: { code: 'E_MAILING_RATE' } });
  });

  it('raises an alarm for the lead when a batch names many protected persons at wrong addresses (the membership walk)', async () => {
    const { s, audit } = service();
    const rows = [HEAD, ...persons.slice(0, 8).map((x) => line(x.name, x.kana ?? '', x.dob, '架空市港南9丁目9番9号', '', ''))];
    const r = await s.check({ staffId: 'S7', department: 'zeimu', mapping: KODOMO_MAPPING, bytes: utf8(rows.join('\n')) });
    expect(r.ok && r.summary.stop).toBe(8);
    expect(audit.events.find((e) => e.action === 'mailing.many_stops')).toMatchObject({ actors: ['S7'], detail: { stop: 8, rows: 8 } });
    // The fixture batch (5 stops in 19 rows, all genuine mistakes) raises none.
    const { s: s2, audit: a2 } = service();
    await s2.check({ staffId: 'S7', department: 'zeimu', mapping: KODOMO_MAPPING, bytes: fixture('batch.csv') });
    expect(a2.events.some((e) => e.action === 'mailing.many_stops')).toBe(false);
  });

  it('raises the alarm too when the same walk is split into small batches over the day', async () => {
    const { s, audit } = service();
    const small = (from: number) => utf8([HEAD, ...persons.slice(from, from + 3).map((x) => line(x.name, x.kana ?? '', x.dob, '架空市港南9丁目9番9号', '', ''))].join('\n'));
    const r1 = await s.check({ staffId: 'S8', department: 'zeimu', mapping: KODOMO_MAPPING, bytes: small(0) });
    expect(r1.ok && r1.summary.stop).toBe(3);
    expect(audit.events.some((e) => e.action === 'mailing.many_stops')).toBe(false);
    await s.check({ staffId: 'S8', department: 'zeimu', mapping: KODOMO_MAPPING, bytes: small(3) });
    expect(audit.events.find((e) => e.action === 'mailing.many_stops')).toMatchObject({ actors: ['S8'], detail: { stop: 3, dayStops: 6, dayRows: 6 } });
  });

  it('gets the same `ok` for a protected person at the right address as for anyone else (ok never tells membership)', async () => {
    const codes = await codesOf([HEAD, line(m.name, m.kana!, m.dob, m.address, '', ''), line('今井　蓮', 'イマイ　レン', '1980-01-01', guess(1), '', '')].join('\n'));
    expect(codes).toEqual(['OK', 'OK']);
  });
});

describe('what leaves the check', () => {
  it('holds no registered value, 管理番号 or name — in the results, the report file and the audit trail', async () => {
    const { s, audit } = service();
    const r = await s.check({ staffId: 'S100', department: 'kodomo-teate', mapping: KODOMO_MAPPING, bytes: fixture('batch.csv') });
    if (!r.ok) throw new Error('refused');
    const outputs = [JSON.stringify(r), mailingReportCsv(r.results, r.summary), JSON.stringify(audit.events)];
    const secrets = persons.flatMap((x) => [x.id, x.name, x.dob, x.address, x.atenaNo ?? '', x.formerAddress ?? '', ...x.aitekata.flatMap((a) => [a.name ?? '', a.dob ?? ''])]).filter((v) => v.length > 0);
    for (const out of outputs) for (const v of secrets) expect(out.includes(v), v).toBe(false);
    expect(Object.keys(r.results[0]!).sort()).toEqual(['code', 'decision', 'row']);
  });

  it('audits the batch with counts only and tells the department nothing about old addresses', async () => {
    const { s, audit } = service();
    const r = await s.check({ staffId: 'S100', department: 'kodomo-teate', mapping: KODOMO_MAPPING, bytes: fixture('batch.csv') });
    if (!r.ok) throw new Error('refused');
    const e = audit.events.find((x) => x.action === 'mailing.checked')!;
    expect(e.detail).toMatchObject({ department: 'kodomo-teate', rows: 19, stop: 5, review: 3, ok: 11, oldAddress: 1 });
    expect(e.targets).toBeUndefined();
    expect(mailingReportCsv(r.results, r.summary)).not.toContain('前住所');
  });

  it('writes a report with one line per row plus the counts, readable in Excel (BOM)', async () => {
    const { s } = service();
    const r = await s.check({ staffId: 'S100', department: 'kodomo-teate', mapping: KODOMO_MAPPING, bytes: fixture('batch.csv') });
    if (!r.ok) throw new Error('refused');
    const text = mailingReportCsv(r.results, r.summary);
    expect(text.startsWith('\ufeff行番号,判定,理由コード,説明')).toBe(true);
    expect(text).toContain('8,発送停止,RECIPIENT_AITEKATA,');
    expect(text).toContain('発送停止,5');
  });
});

describe('bad input, in Japanese', () => {
  it.each([
    ['a mapped column missing from the file', '氏名,住所\nA,B', 'E_TABLE_COLUMN_MISSING'],
    ['a file with no data rows', HEAD, 'E_TABLE_NO_ROWS'],
    ['an unbalanced quote', `${HEAD}\n"今井,,,,,`, 'E_IMPORT_QUOTE'],
  ])('refuses %s with row-level messages', async (_, csv, code) => {
    const { s } = service();
    const r = await s.check({ staffId: 'S1', department: 'zeimu', mapping: KODOMO_MAPPING, bytes: utf8(csv) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('E_MAILING_FILE');
    expect(r.issues[0]!.code).toBe(code);
    expect(r.issues[0]!.ja).toMatch(/[ぁ-ん]/);
  });

  it('refuses a mapping without an address column', async () => {
    const { s } = service();
    const r = await s.check({ staffId: 'S1', department: 'zeimu', mapping: { recipientName: '宛名氏名' }, bytes: fixture('batch.csv') });
    expect(r.ok ? 'ok' : r.error.code).toBe('E_MAILING_MAPPING');
  });

  it('reviews (never passes) a row with an invisible character in a name', async () => {
    const m = p('M0002');
    expect(await codesOf([HEAD, line(`${m.name}\u200b`, '', m.dob, '架空市本町9丁目1番1号', '', '')].join('\n'))).toEqual(['ROW_INCOMPLETE']);
  });

  it('refuses when the list is not open', async () => {
    const { s } = service(null);
    const r = await s.check({ staffId: 'S1', department: 'zeimu', mapping: KODOMO_MAPPING, bytes: fixture('batch.csv') });
    expect(r.ok ? 'ok' : r.error.code).toBe('E_MAILING_NOT_READY');
  });
});
