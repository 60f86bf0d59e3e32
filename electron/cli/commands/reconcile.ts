/**
 * `npm run -s cli -- reconcile --list LIST.csv --other OTHER.csv [--mapping MAPPING.json] [--today YYYY-MM-DD]`
 * (issue 21): IT's scripted reconciliation — the app's comparison against a list file read with the app's
 * importer. Prints one line per finding `{"code","row","recordId"?}` (row 0: the person is missing there) and
 * the counts to stderr. Nothing is stored: findings to be resolved by two people live in the app.
 */
import { readFileSync } from 'node:fs';
import { parseProtectedList } from '../../core/import/parseList';
import { directoryFromPersons } from '../../core/mailing/listDirectory';
import { AddressProbeLedger } from '../../core/mailing/probeLedger';
import { readTable } from '../../core/mailing/table';
import { compareLists, guessReconcileMapping, type ReconcileField, type ReconcileMapping } from '../../core/reconcile';
import { localIsoDate } from '../../core/vault/expiry';

export const summary = 'reconcile --list LIST.csv --other OTHER.csv [--mapping MAPPING.json] [--today YYYY-MM-DD] — 他システムとの突合（理由コード・行番号・管理番号）';

const USAGE =
  '使い方: npm run -s cli -- reconcile --list 保護リスト.csv --other 他システム.csv [--mapping 列の対応.json] [--today 2026-12-01]\n' +
  'usage: npm run -s cli -- reconcile --list LIST.csv --other OTHER.csv [--mapping MAPPING.json] [--today YYYY-MM-DD]\n';

const say = (ja: string, en: string) => process.stderr.write(`${ja}\n${en}\n`);

export async function run(argv: string[]): Promise<number> {
  const v: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!['--list', '--other', '--mapping', '--today'].includes(a) || !argv[i + 1]) {
      process.stderr.write(USAGE);
      return 2;
    }
    v[a.slice(2)] = argv[++i]!;
  }
  if (!v.list || !v.other || (v.today && !/^\d{4}-\d{2}-\d{2}$/.test(v.today))) {
    process.stderr.write(USAGE);
    return 2;
  }
  let list: Buffer, other: Buffer, mapping: ReconcileMapping;
  try {
    list = readFileSync(v.list);
    other = readFileSync(v.other);
    mapping = v.mapping ? (JSON.parse(readFileSync(v.mapping, 'utf8')) as ReconcileMapping) : guessReconcileMapping(other);
  } catch {
    say('ファイルを読めません（保護リスト・他システムのファイル・列の対応）。パスと JSON を確認してください。', 'Cannot read the list, the other file or the mapping JSON.');
    return 1;
  }
  const parsed = parseProtectedList(list);
  if (!parsed.ok) {
    for (const e of parsed.errors.slice(0, 20)) say(`[${e.code}] ${e.ja}`, `[${e.code}] ${e.en}`);
    return 1;
  }
  if (!mapping.recordId && !mapping.atenaNo && !(mapping.name && mapping.dob)) {
    say('宛名番号・管理番号、または氏名と生年月日の列が見つかりません。--mapping で指定してください。', 'No 宛名番号, 管理番号 or name + birth date column; give --mapping.');
    return 1;
  }
  const table = readTable<ReconcileField>(other, mapping, []);
  if (!table.ok) {
    for (const e of table.errors.slice(0, 20)) say(`[${e.code}] ${e.ja}`, `[${e.code}] ${e.en}`);
    return 1;
  }
  const roster = parsed.persons.map((p) => ({ id: p.id, ...(p.atenaNo && { atenaNo: p.atenaNo }), startDate: p.startDate, endDate: p.endDate }));
  const clock = () => new Date();
  const c = await compareLists(table.rows, roster, directoryFromPersons(parsed.persons), v.today ?? localIsoDate(clock()), new AddressProbeLedger(clock));
  process.stdout.write(c.findings.map((f) => JSON.stringify(f)).join('\n') + (c.findings.length ? '\n' : ''));
  process.stderr.write(`${JSON.stringify({ ...c.counts, encoding: table.encoding })}\n`);
  return c.counts.red > 0 ? 3 : 0;
}
