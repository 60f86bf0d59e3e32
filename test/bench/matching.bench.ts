/**
 * Matching bench (issue 4): per-query latency at 1k / 10k / 100k synthetic persons, index build and open time,
 * and in the same run a naive baseline — decrypt every AES-256-GCM record and compare normalised fields — which
 * is what the blind index replaces. All names are synthetic; no real data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ProtectedPerson } from '../../shared/domain/person';
import { parseDate } from '../../shared/text/date';
import { normalizeKana } from '../../shared/text/kana';
import { nameCandidates, normalizeName } from '../../shared/text/name';
import { Matcher, createHmacKeyer, type MatchQuery } from '../../electron/core/matching';
import type { Report } from './run.mjs';

export const name = 'matching';

const SURNAMES: Array<[string, string]> = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['髙橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'], ['渡邊', 'ワタナベ'], ['渡邉', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'],
  ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['齋藤', 'サイトウ'], ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'], ['山﨑', 'ヤマザキ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'],
  ['石川', 'イシカワ'], ['浜田', 'ハマダ'], ['濱田', 'ハマダ'], ['長谷川', 'ハセガワ'], ['國分', 'コクブン'], ['澤田', 'サワダ'],
];
const GIVEN: Array<[string, string]> = [
  ['浩', 'ヒロシ'], ['宏', 'ヒロシ'], ['京子', 'キョウコ'], ['恭子', 'キョウコ'], ['翔太', 'ショウタ'], ['陽菜', 'ヒナ'],
  ['蒼', 'アオイ'], ['彩', 'アヤ'], ['直美', 'ナオミ'], ['裕子', 'ユウコ'], ['一郎', 'イチロウ'], ['大輔', 'ダイスケ'],
  ['美咲', 'ミサキ'], ['拓也', 'タクヤ'], ['千尋', 'チヒロ'], ['健太', 'ケンタ'], ['由美', 'ユミ'], ['智子', 'トモコ'],
  ['誠', 'マコト'], ['愛', 'アイ'], ['結衣', 'ユイ'], ['悠斗', 'ユウト'], ['さくら', 'サクラ'], ['吉男', 'ヨシオ'],
];

/** Deterministic so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function synth(n: number, seed: number): ProtectedPerson[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const date = () => {
    const t = Date.UTC(1930, 0, 1) + Math.floor(r() * 80 * 365.25) * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  };
  return Array.from({ length: n }, (_, i) => {
    const [s, sk] = pick(SURNAMES);
    const [g, gk] = pick(GIVEN);
    const aitekata = Array.from({ length: Math.floor(r() * 3) }, () => {
      const [as, ask] = r() < 0.6 ? [s, sk] : pick(SURNAMES);
      const [ag, agk] = pick(GIVEN);
      return r() < 0.5 ? { name: `${as} ${ag}`, kana: `${ask} ${agk}`, dob: date() } : { name: `${as}${ag}` };
    });
    return {
      id: `S${String(i).padStart(7, '0')}`, name: `${s}　${g}`, kana: `${sk}　${gk}`, dob: date(),
      formerSurnames: r() < 0.25 ? [pick(SURNAMES)[0]] : [], address: '（合成）', state: '本措置',
      startDate: '2025-04-01', endDate: '2026-03-31', aitekata,
    } satisfies ProtectedPerson;
  });
}

export function queriesFor(persons: ProtectedPerson[], n: number, seed: number): MatchQuery[] {
  const r = rng(seed);
  const out: MatchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const p = persons[Math.floor(r() * persons.length)]!;
    const k = i % 4;
    if (k === 0) out.push({ name: p.name.replace('　', ' '), dob: p.dob.replaceAll('-', '/') });
    else if (k === 1) out.push({ kana: p.kana!, dob: p.dob });
    else if (k === 2) out.push({ role: 'applicant', name: `${p.name}x`, kana: 'ヤマダタロウ' });
    else out.push({ name: '山田 花子', kana: 'やまだ はなこ', dob: '昭和50年5月5日' });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function timeQueries(m: Matcher, qs: MatchQuery[]): number[] {
  for (const q of qs.slice(0, 200)) m.query(q); // warm-up: JIT and lazy table load
  const lat = qs.map((q) => {
    const t = performance.now();
    m.query(q);
    return (performance.now() - t) * 1000;
  });
  return lat.sort((a, b) => a - b);
}

/** What the index replaces: every record sealed with AES-256-GCM, opened and compared field by field. */
function naiveBaseline(persons: ProtectedPerson[], qs: MatchQuery[]): number {
  const key = randomBytes(32);
  const sealed = persons.map((p) => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update(JSON.stringify({ name: p.name, kana: p.kana, dob: p.dob, formerSurnames: p.formerSurnames, aitekata: p.aitekata })), c.final()]);
    return { iv, body, tag: c.getAuthTag() };
  });
  const t = performance.now();
  for (const q of qs) {
    const qName = q.name ? normalizeName(q.name) : '';
    const qCands = nameCandidates(qName);
    const qKana = q.kana ? normalizeKana(q.kana) : '';
    const d = q.dob ? parseDate(q.dob) : undefined;
    const qDob = d?.ok ? d.iso : '';
    for (const s of sealed) {
      const dc = createDecipheriv('aes-256-gcm', key, s.iv);
      dc.setAuthTag(s.tag);
      const rec = JSON.parse(Buffer.concat([dc.update(s.body), dc.final()]).toString('utf8')) as ProtectedPerson;
      const cands = nameCandidates(normalizeName(rec.name));
      const nameHit = qName !== '' && cands.length === qCands.length && cands.every((c, i) => c.some((x) => qCands[i]!.includes(x)));
      const kanaHit = qKana !== '' && normalizeKana(rec.kana ?? '') === qKana;
      void ((nameHit || kanaHit) && rec.dob === qDob);
    }
  }
  return (performance.now() - t) / qs.length / 1000 * 1e6; // µs per query
}

export async function run(report: Report): Promise<void> {
  const keyer = createHmacKeyer(randomBytes(32));
  for (const n of [1_000, 10_000, 100_000]) {
    const persons = synth(n, n);
    let t = performance.now();
    const m = Matcher.build(persons, keyer);
    const buildMs = performance.now() - t;
    report(`build ms @${n}`, buildMs, 'ms', n === 100_000 ? { max: 20_000 } : undefined);
    const blob = m.serialize();
    report(`index size @${n}`, blob.byteLength / 2 ** 20, 'MiB');
    t = performance.now();
    const opened = Matcher.deserialize(blob, keyer);
    report(`deserialize ms @${n}`, performance.now() - t, 'ms', n === 100_000 ? { max: 300 } : undefined);
    const lat = timeQueries(opened, queriesFor(persons, 4_000, n + 1));
    const p50 = percentile(lat, 50);
    const p99 = percentile(lat, 99);
    report(`query p50 µs @${n}`, p50, 'µs');
    // Issue 20: p99 ≤ 200 µs at 100,000 persons (it was 140 µs before the slips, pairs and near readings).
    report(`query p99 µs @${n}`, p99, 'µs', n === 100_000 ? { max: 200 } : undefined);
    if (n === 100_000) {
      const naiveUs = naiveBaseline(persons, queriesFor(persons, 4, 7));
      const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
      report(`naive decrypt-and-compare µs/query @${n}`, naiveUs, 'µs');
      report(`speed-up vs naive (mean) @${n}`, naiveUs / mean, '×', { min: 1000 });
    }
  }
}
