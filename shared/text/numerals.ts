/** Kanji numerals as clerks and registers write them (dates, 丁目, 番地). */
const KANJI_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 壱: 1, 二: 2, 弐: 2, 三: 3, 参: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const KANJI_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 千: 1000 };

export const KANJI_NUMERAL_RUN = /[〇零一壱二弐三参四五六七八九十拾百千]+/g;

/** 六十 → 60, 二十七 → 27, 一九八五 → 1985 (positional when there is no 十/百/千). */
export function kanjiNumber(run: string): string {
  if (![...run].some((c) => c in KANJI_UNIT)) return [...run].map((c) => String(KANJI_DIGIT[c] ?? '')).join('');
  let total = 0;
  let digit = -1;
  for (const c of run) {
    const unit = KANJI_UNIT[c];
    if (unit !== undefined) {
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else digit = (digit < 0 ? 0 : digit * 10) + (KANJI_DIGIT[c] ?? 0);
  }
  return String(total + (digit < 0 ? 0 : digit));
}
