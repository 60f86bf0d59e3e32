/**
 * Synthetic protected lists for load tests and benches — invented names and places only, never real data.
 * Deterministic (seeded) so that a failure can be reproduced.
 */
const SURNAMES = [['山田', 'ヤマダ'], ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['渡辺', 'ワタナベ'], ['伊藤', 'イトウ'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['齋藤', 'サイトウ'], ['髙橋', 'タカハシ'], ['山﨑', 'ヤマザキ']] as const;
const MORE_SURNAMES = [['清水', 'シミズ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'], ['石川', 'イシカワ'], ['前田', 'マエダ'], ['藤田', 'フジタ'], ['後藤', 'ゴトウ'], ['岡田', 'オカダ'], ['長谷川', 'ハセガワ'], ['村上', 'ムラカミ'], ['近藤', 'コンドウ'], ['石井', 'イシイ'], ['坂本', 'サカモト'], ['遠藤', 'エンドウ'], ['青木', 'アオキ'], ['藤井', 'フジイ'], ['西村', 'ニシムラ'], ['福田', 'フクダ'], ['太田', 'オオタ'], ['三浦', 'ミウラ']] as const;
// Given names are built from two parts so that 100,000 synthetic people have realistic name diversity
// (a handful of namesakes each), not hundreds of people per name.
const GIVEN_HEAD = [['美', 'ミ'], ['和', 'カズ'], ['真', 'マ'], ['智', 'トモ'], ['由', 'ユ'], ['恵', 'メグ'], ['千', 'チ'], ['明', 'アキ'], ['幸', 'ユキ'], ['直', 'ナオ'], ['春', 'ハル'], ['夏', 'ナツ'], ['秋', 'アキ'], ['冬', 'フユ'], ['正', 'マサ'], ['康', 'ヤス'], ['健', 'ケン'], ['大', 'ダイ'], ['信', 'ノブ'], ['隆', 'タカ']] as const;
const GIVEN_TAIL = [['子', 'コ'], ['美', 'ミ'], ['恵', 'エ'], ['香', 'カ'], ['代', 'ヨ'], ['江', 'エ'], ['夫', 'オ'], ['男', 'オ'], ['彦', 'ヒコ'], ['司', 'ジ'], ['人', 'ト'], ['也', 'ヤ'], ['介', 'スケ'], ['樹', 'キ'], ['奈', 'ナ'], ['帆', 'ホ'], ['乃', 'ノ'], ['菜', 'ナ'], ['斗', 'ト'], ['郎', 'ロウ']] as const;
const GIVEN = GIVEN_HEAD.flatMap(([h, hk]) => GIVEN_TAIL.map(([t, tk]) => [h + t, hk + tk] as const));
const ALL_SURNAMES = [...SURNAMES, ...MORE_SURNAMES];
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
    const [sn, sk] = pick(ALL_SURNAMES);
    const [gn, gk] = pick(GIVEN);
    const [an, ak] = pick(ALL_SURNAMES);
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
