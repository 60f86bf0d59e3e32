/**
 * Mailing-check bench (issue 21: 10,000 rows in under 10 s): a synthetic list of 2,000 protected persons and a
 * 児童手当-style batch of 10,000 rows (one concerned child each), 2% of them naming a protected person, read from
 * Shift_JIS bytes through the app's own MailingService — decode, CSV, column mapping, blind-index matching of the
 * recipient and the child, address comparison, codes. Synthetic names only. Run alone:
 * `nice -n 10 npx tsx test/bench/run.mts mailing`.
 */
import iconv from 'iconv-lite';
import type { ProtectedPerson } from '../../shared/domain/person';
import { MailingService } from '../../electron/core/mailing';
import { directoryFromPersons } from '../../electron/core/mailing/listDirectory';
import { MemoryProbeCounters } from '../../electron/core/mailing/probeStore';
import type { Report } from './run.mjs';
import { testClock } from '../clock';

export const name = 'mailing';

const SURNAMES = [['青木', 'アオキ'], ['石田', 'イシダ'], ['上野', 'ウエノ'], ['大川', 'オオカワ'], ['北村', 'キタムラ'], ['小池', 'コイケ'], ['杉本', 'スギモト'], ['高野', 'タカノ'], ['西川', 'ニシカワ'], ['平野', 'ヒラノ'], ['今井', 'イマイ'], ['岡田', 'オカダ']] as const;
// Residents who are not on the list: their own surnames, as in a town where 2% of the mail concerns the list.
const RESIDENT_SURNAMES = [['宇田', 'ウダ'], ['菊地', 'キクチ'], ['野口', 'ノグチ'], ['堀', 'ホリ'], ['坂本', 'サカモト'], ['田村', 'タムラ'], ['中島', 'ナカジマ'], ['藤田', 'フジタ'], ['松井', 'マツイ'], ['川口', 'カワグチ']] as const;
const GIVEN = [['美咲', 'ミサキ'], ['陽菜', 'ヒナ'], ['結衣', 'ユイ'], ['健太', 'ケンタ'], ['大輔', 'ダイスケ'], ['翔', 'ショウ'], ['彩', 'アヤ'], ['悠人', 'ユウト'], ['真央', 'マオ'], ['蓮', 'レン'], ['葵', 'アオイ'], ['湊', 'ミナト']] as const;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function run(report: Report): Promise<void> {
  const r = rng(21);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = (y0: number) => `${y0 + Math.floor(r() * 20)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
  const address = () => `架空市本町${1 + Math.floor(r() * 9)}丁目${1 + Math.floor(r() * 40)}番${1 + Math.floor(r() * 30)}号`;
  const person = (pool: readonly (readonly [string, string])[] = SURNAMES) => {
    const [s, sk] = pick(pool);
    const [g, gk] = pick(GIVEN);
    return { name: `${s}　${g}`, kana: `${sk}　${gk}` };
  };
  const persons: ProtectedPerson[] = Array.from({ length: 2000 }, (_, i) => {
    const p = person();
    return { id: `B${i}`, ...p, dob: date(1970), formerSurnames: [], address: address(), state: '本措置', startDate: '2026-01-01', endDate: '2026-12-31', aitekata: [{ ...person(), dob: date(1960) }] };
  });
  const lines = ['宛名氏名,宛名カナ,宛名生年月日,送付先住所,児童1氏名,児童1生年月日'];
  for (let i = 0; i < 10_000; i++) {
    if (i % 50 === 0) {
      const p = persons[i / 50]!; // 200 distinct protected persons, each once
      lines.push([p.name, p.kana, p.dob, i % 100 === 0 ? p.address : address(), '', ''].join(','));
    } else {
      const a = person(RESIDENT_SURNAMES);
      const c = person(RESIDENT_SURNAMES);
      lines.push([a.name, a.kana, date(1975), address(), c.name, date(2012)].join(','));
    }
  }
  const bytes = iconv.encode(lines.join('\r\n'), 'cp932');
  const t0 = performance.now();
  const directory = directoryFromPersons(persons);
  report('index build (2,000 persons)', performance.now() - t0, 'ms');
  const clock = testClock;
  const service = new MailingService({ directory: () => directory, clock, counters: new MemoryProbeCounters({ append: async () => undefined }, clock, { addressesPerPersonDay: 1_000_000 }) });
  const t1 = performance.now();
  const out = await service.check({ staffId: 'bench', department: 'bench', bytes, mapping: { recipientName: '宛名氏名', recipientKana: '宛名カナ', recipientDob: '宛名生年月日', address: '送付先住所', concerned1Name: '児童1氏名', concerned1Dob: '児童1生年月日' } });
  const ms = performance.now() - t1;
  if (!out.ok) throw new Error(`bench batch refused: ${out.error.code}`);
  report('check 10,000 rows (Shift_JIS)', ms / 1000, 's', { max: 10 });
  // Half of them elsewhere (stop); the other half at their registered address, which is ok — or review when a
  // namesake on the list (same name and reading, other birth date) makes another person possible. No resident stops.
  if (out.summary.stop !== 100 || out.summary.stop + out.summary.review > 200) throw new Error(`unexpected result: ${JSON.stringify(out.summary)}`);
  report('rows stopped', out.summary.stop, 'rows');
}
