/**
 * Synthetic protected lists for load tests and benches — invented names and places only, never real data.
 * Deterministic (seeded) so that a failure can be reproduced.
 */
const SURNAMES = [['山田', 'ヤマダ'], ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['渡辺', 'ワタナベ'], ['伊藤', 'イトウ'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['齋藤', 'サイトウ'], ['髙橋', 'タカハシ'], ['山﨑', 'ヤマザキ']] as const;
const GIVEN = [['花子', 'ハナコ'], ['太郎', 'タロウ'], ['陽子', 'ヨウコ'], ['翔太', 'ショウタ'], ['愛', 'アイ'], ['蒼', 'アオイ'], ['直美', 'ナオミ'], ['健', 'ケン'], ['結衣', 'ユイ'], ['大輔', 'ダイスケ'], ['美咲', 'ミサキ'], ['拓也', 'タクヤ']] as const;
const KINDS = ['DV', 'ストーカー', '児童虐待', 'その他'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const SYNTHETIC_HEADER = '管理番号,氏名,氏名カナ,旧氏,生年月日,住所,方書,本籍,措置区分,措置状態,開始日,終了日,相手方1氏名,相手方1カナ,相手方1生年月日,備考';

export function syntheticCsv(rows: number, seed = 1, idPrefix = 'S'): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const out: string[] = [SYNTHETIC_HEADER];
  for (let i = 1; i <= rows; i++) {
    const [sn, sk] = pick(SURNAMES);
    const [gn, gk] = pick(GIVEN);
    const [an, ak] = pick(SURNAMES);
    const [agn, agk] = pick(GIVEN);
    const dob = `${1930 + Math.floor(r() * 80)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
    const start = `2026-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
    out.push([
      `${idPrefix}${pad(i, 7)}`, `${sn}　${gn}`, `${sk}　${gk}`, r() < 0.1 ? pick(SURNAMES)[0] : '', dob,
      `架空県試験市見本町${1 + Math.floor(r() * 9)}丁目${1 + Math.floor(r() * 30)}番${1 + Math.floor(r() * 20)}号`,
      r() < 0.2 ? `見本荘${100 + Math.floor(r() * 400)}号室` : '', `架空県試験市本町${1 + Math.floor(r() * 3000)}番地`,
      pick(KINDS), r() < 0.05 ? '仮支援措置' : '本措置', start, '', `${an}${agn}`, `${ak} ${agk}`, '', r() < 0.1 ? '転居予定あり' : '',
    ].join(','));
  }
  return `${out.join('\r\n')}\r\n`;
}
