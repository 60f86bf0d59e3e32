/**
 * Readings (氏名カナ) folded so that every way a clerk can type the same reading gives the same key (SPEC F2):
 * hiragana, half-width and NFD (decomposed 濁点) input; small kana typed large (ショウ/シヨウ); the kana the
 * 1986 現代仮名遣い treats as the same sound (ヂ/ジ, ヅ/ズ, ヲ/オ, ヰ/イ, ヱ/エ) and ヴ/ブ; and long vowels
 * written ー, ウ or イ (ユーコ/ユウコ, コーイチ/コウイチ, ケーコ/ケイコ), because registers write the vowel and
 * keyboards the bar. The fold only ever merges spellings; it never drops a mora, so different readings stay apart.
 */

const SMALL_TO_LARGE: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  ㇰ: 'ク', ㇱ: 'シ', ㇲ: 'ス', ㇳ: 'ト', ㇴ: 'ヌ', ㇵ: 'ハ', ㇶ: 'ヒ', ㇷ: 'フ', ㇸ: 'ヘ', ㇹ: 'ホ', ㇺ: 'ム', ㇻ: 'ラ', ㇼ: 'リ', ㇽ: 'ル', ㇾ: 'レ', ㇿ: 'ロ',
};
const SAME_SOUND: Record<string, string> = {
  ヂ: 'ジ', ヅ: 'ズ', ヲ: 'オ', ヰ: 'イ', ヱ: 'エ', ヴ: 'ブ', ヷ: 'バ', ヸ: 'ビ', ヹ: 'ベ', ヺ: 'ボ',
};
/**
 * ヴァイオリン is バイオリン: the small vowel belongs to the ヴ, not a mora of its own. ブァ is the same sound
 * written without ヴ (シルヴァ / シルブァ, グエン ヴァン / ブァン — foreign residents' readings vary so).
 */
const VU: Record<string, string> = { ァ: 'バ', ィ: 'ビ', ゥ: 'ブ', ェ: 'ベ', ォ: 'ボ' };
const ROWS: Record<string, string> = {
  ア: 'アカサタナハマヤラワガザダバパ',
  イ: 'イキシチニヒミリギジビピ',
  ウ: 'ウクスツヌフムユルグズブプ',
  エ: 'エケセテネヘメレゲゼデベペ',
  オ: 'オコソトノホモヨロゴゾドボポ',
};
const VOWEL = new Map<string, string>();
for (const [v, row] of Object.entries(ROWS)) for (const c of row) VOWEL.set(c, v);

const LONG_BAR = /[ー〜～‐－−-]/;

/** Katakana (and the few kana-like marks) only; anything else passes through NFKC unchanged. */
export function isKana(c: string): boolean {
  return /[\u3041-\u309F\u30A0-\u30FF\u31F0-\u31FF]/.test(c);
}

function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** Folds the kana of `s` (which must already be NFKC and space-free) to the matching key form. */
export function foldKana(s: string): string {
  let out = '';
  let prevVowel: string | undefined;
  const katakana = toKatakana(s).replace(/[ヴブ]([ァィゥェォ])/g, (_, v: string) => VU[v] ?? 'ブ');
  for (const raw of katakana) {
    let c = SMALL_TO_LARGE[raw] ?? raw;
    c = SAME_SOUND[c] ?? c;
    if (LONG_BAR.test(c) && prevVowel) c = prevVowel;
    else if (c === 'ウ' && prevVowel === 'オ') c = 'オ';
    else if (c === 'イ' && prevVowel === 'エ') c = 'エ';
    out += c;
    prevVowel = VOWEL.get(c);
  }
  return out;
}

/** Stand-alone 濁点/半濁点 (゛゜ﾞﾟ) become combining marks so that NFKC composes them onto the kana before. */
export function composeSoundMarks(s: string): string {
  return s.replace(/[\u309B\uFF9E]/g, '\u3099').replace(/[\u309C\uFF9F]/g, '\u309A').normalize('NFKC');
}

const SEPARATORS = /[\s\u3000・･=＝.,、。]+/g;

/** The key form of a reading: `はまだ ゆうこ`, `ﾊﾏﾀﾞﾕｰｺ` and `ハマダユウコ` all give the same string. */
export function normalizeKana(input: string): string {
  return foldKana(composeSoundMarks(input).replace(SEPARATORS, '').toUpperCase().normalize('NFKC'));
}

const VOICED = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ';
const UNVOICED = 'カキクケコサシスセソタチツテトハヒフヘホハヒフヘホ';
const SEION = new Map([...VOICED].map((c, i) => [c, UNVOICED[i]!]));

/**
 * The key of a reading with every 濁点/半濁点 dropped (ヤマザキ → ヤマサキ, タカダ → タカタ, マヅモト → マツモト).
 * Readings of one name really vary so (山崎 is ヤマサキ in one register and ヤマザキ in the next), and a clerk
 * hears the reading; the matcher uses this key only together with an agreeing birth date. ヂ and ヅ lose their
 * mark before the ジ/ズ fold, so that マヅモト meets マツモト rather than マスモト.
 */
export function nearKanaKey(input: string): string {
  const s = toKatakana(composeSoundMarks(input).replace(SEPARATORS, '').toUpperCase().normalize('NFKC')).replace(/ヂ/g, 'チ').replace(/ヅ/g, 'ツ');
  let out = '';
  for (const c of foldKana(s)) out += SEION.get(c) ?? c;
  return out;
}
