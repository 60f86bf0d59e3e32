import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, toPrintableHtml, type AuditRow } from '../../../electron/core/audit';

const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  seq: 1, at: '2026-04-06T01:02:03.000Z', terminal: 'T01', actors: ['S0001', 'L0001'], action: 'unmask.approved', actionJa: '表示の承認', actionEn: 'Unmask approved',
  targets: [{ recordId: 'D0001', field: 'address' }], detail: { grant: 'g1', ttlSeconds: 60 }, ...over,
});

describe('exports for leads', () => {
  it('CSV: UTF-8 with BOM, Japanese headers, JST times, CRLF', () => {
    const csv = toCsv([row()]);
    expect(csv.startsWith('\uFEFF通し番号,日時（日本時間）,端末,職員,操作,')).toBe(true);
    expect(csv).toContain('1,2026-04-06 10:02:03,T01,S0001 L0001,表示の承認,unmask.approved,D0001:address,grant=g1 ttlSeconds=60\r\n');
  });

  it('CSV: a cell a spreadsheet would run as a formula is prefixed with a quote (= + - @ TAB CR)', () => {
    for (const v of ['=HYPERLINK("http://x","a")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      const c = csvCell(v);
      expect(c.replace(/^"/, '').startsWith("'"), JSON.stringify(v)).toBe(true);
    }
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    const csv = toCsv([row({ terminal: '=cmd|calc' })]);
    expect(csv).toContain(",'=cmd|calc,");
  });

  it('HTML: every value escaped, no script, a CSP that loads nothing', () => {
    const html = toPrintableHtml([row({ terminal: '<img src=x onerror=alert(1)>' })], { title: '監査記録', generatedAt: '2026-04-06T01:00:00Z', filter: '<b>' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<th>通し番号</th>');
  });
});
