/**
 * `npm run -s cli -- mailing --list LIST.csv --batch BATCH.csv --mapping MAPPING.json [--report OUT.csv] [--stats]`
 * (issue 21): IT's scripted mailing check — the app's own reader, rules and report, against a list file read
 * with the app's importer (like `match`). Prints one line per row `{"row","decision","code"}` and nothing else
 * from either file; `--report` writes the department's report file; `--stats` prints counts and time to stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseProtectedList } from '../../core/import/parseList';
import { MailingService, mailMappingSchema, type MailMapping } from '../../core/mailing';
import { MemoryProbeCounters } from '../../core/mailing/probeStore';
import { directoryFromPersons } from '../../core/mailing/listDirectory';
import { mailingReportCsv } from '../../core/mailing/report';

export const summary = 'mailing --list LIST.csv --batch BATCH.csv --mapping MAPPING.json [--report OUT.csv] [--stats] — 発送前の確認（行番号・判定・理由コード）';

const USAGE =
  '使い方: npm run -s cli -- mailing --list 保護リスト.csv --batch 発送データ.csv --mapping 列の対応.json [--report 結果.csv] [--stats]\n' +
  'usage: npm run -s cli -- mailing --list LIST.csv --batch BATCH.csv --mapping MAPPING.json [--report OUT.csv] [--stats]\n';

const say = (ja: string, en: string) => process.stderr.write(`${ja}\n${en}\n`);

function parseArgs(argv: string[]): { list: string; batch: string; mapping: string; report?: string; stats: boolean } | undefined {
  const v: Record<string, string> = {};
  let stats = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--stats') stats = true;
    else if (['--list', '--batch', '--mapping', '--report'].includes(a) && argv[i + 1]) v[a.slice(2)] = argv[++i]!;
    else return undefined;
  }
  if (!v.list || !v.batch || !v.mapping) return undefined;
  return { list: v.list, batch: v.batch, mapping: v.mapping, ...(v.report && { report: v.report }), stats };
}

function read(path: string, ja: string, en: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    say(`${ja}を読めません: ${path}`, `Cannot read the ${en}: ${path}`);
    return undefined;
  }
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    process.stderr.write(USAGE);
    return 2;
  }
  const list = read(args.list, '保護リスト', 'list file');
  const batch = read(args.batch, '発送データ', 'batch file');
  const mappingText = read(args.mapping, '列の対応', 'mapping file');
  if (!list || !batch || !mappingText) return 1;
  let mapping: MailMapping;
  try {
    mapping = mailMappingSchema.parse(JSON.parse(mappingText.toString('utf8'))) as MailMapping;
  } catch {
    say('列の対応（JSON）が正しくありません。宛先の氏名（recipientName）と送付先住所（address）を必ず指定してください。', 'The mapping JSON is invalid: recipientName and address are required.');
    return 1;
  }
  const t0 = performance.now();
  const parsed = parseProtectedList(list);
  if (!parsed.ok) {
    for (const e of parsed.errors.slice(0, 20)) say(`[${e.code}] ${e.ja}`, `[${e.code}] ${e.en}`);
    return 1;
  }
  const directory = directoryFromPersons(parsed.persons);
  const loadMs = performance.now() - t0;
  const events: string[] = [];
  const clock = () => new Date();
  const service = new MailingService({ directory: () => directory, clock, counters: new MemoryProbeCounters({ append: async (e) => void events.push(e.action) }, clock) });
  const t1 = performance.now();
  const r = await service.check({ staffId: 'cli', department: 'cli', mapping, bytes: batch });
  const checkMs = performance.now() - t1;
  if (!r.ok) {
    say(`[${r.error.code}] ${r.error.ja}`, `[${r.error.code}] ${r.error.en}`);
    for (const e of r.issues.slice(0, 20)) say(`[${e.code}] ${e.ja}`, `[${e.code}] ${e.en}`);
    return 1;
  }
  process.stdout.write(r.results.map((x) => JSON.stringify(x)).join('\n') + '\n');
  if (args.report) writeFileSync(args.report, mailingReportCsv(r.results, r.summary), 'utf8');
  if (args.stats) {
    const { rows, stop, review, ok } = r.summary;
    process.stderr.write(`${JSON.stringify({ loadMs: Math.round(loadMs), checkMs: Math.round(checkMs), rows, stop, review, ok, encoding: r.encoding })}\n`);
  }
  return r.summary.stop > 0 ? 3 : 0;
}
