/**
 * Encoding detection for the 住基 export. Only UTF-8 (with or without BOM) and CP932 are accepted
 * (SPEC F8). Anything else is refused by name where we can tell (UTF-16, EUC-JP), because a file read in
 * the wrong encoding gives mojibake names that would never match — a silent miss, the worst outcome.
 */
import iconv from 'iconv-lite';
import { issue, type ImportIssue } from './issues';

export type Decoded =
  | { ok: true; text: string; encoding: 'utf-8' | 'cp932' }
  | { ok: false; error: ImportIssue };

// Header words every genuine export carries; used to tell CP932 from EUC-JP, whose byte ranges overlap.
const HEADER_WORDS = ['管理番号', '氏名', '生年月日', '住所', '開始日', '終了日', '本籍', '措置'];

const refuse = (ja: string, en: string): Decoded => ({ ok: false, error: issue(0, undefined, 'E_IMPORT_ENCODING', ja, en) });

const SUPPORTED_JA = 'UTF-8 または Shift_JIS（CP932）で保存し直してください。';
const SUPPORTED_EN = 'Save it again as UTF-8 or Shift_JIS (CP932).';

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isCp932Structure(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c <= 0x7f || (c >= 0xa1 && c <= 0xdf)) continue;
    if ((c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc)) {
      const t = b[++i];
      if (t === undefined || t < 0x40 || t === 0x7f || t > 0xfc) return false;
      continue;
    }
    return false;
  }
  return true;
}

function isEucJpStructure(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c <= 0x7f) continue;
    const need = c === 0x8f ? 2 : c === 0x8e || (c >= 0xa1 && c <= 0xfe) ? 1 : -1;
    if (need < 0) return false;
    for (let k = 0; k < need; k++) {
      const t = b[++i];
      if (t === undefined || t < 0xa1 || t > 0xfe) return false;
    }
  }
  return true;
}

/** A lone NUL is a control character in a field (reported per row); many of them mean UTF-16 or binary. */
function looksLikeUtf16(b: Uint8Array): boolean {
  const sample = b.subarray(0, 4096);
  let nul = 0;
  for (const c of sample) if (c === 0) nul++;
  return nul * 8 > sample.length;
}

function headerScore(text: string, words: readonly string[]): number {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return words.filter((w) => firstLine.includes(w)).length;
}

/**
 * `headerWords`: words the first line of a genuine file carries. Other files than the 住基 export (a
 * department's mailing batch, another system's suppression list — issue 21) pass their own mapped names.
 */
export function decodeList(bytes: Uint8Array, headerWords: readonly string[] = HEADER_WORDS): Decoded {
  if (bytes.length === 0) {
    return { ok: false, error: issue(0, undefined, 'E_IMPORT_EMPTY', 'ファイルが空です。', 'The file is empty.') };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse(`UTF-16 のファイルは読み込めません。${SUPPORTED_JA}`, `UTF-16 files are not accepted. ${SUPPORTED_EN}`);
  }
  if (looksLikeUtf16(bytes)) {
    return refuse(
      `NUL バイトを含むため CSV として読めません（UTF-16 かバイナリの可能性）。${SUPPORTED_JA}`,
      `The file contains NUL bytes (UTF-16 or binary?). ${SUPPORTED_EN}`,
    );
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = strictUtf8(hasBom ? bytes.subarray(3) : bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8' };
  if (hasBom) {
    return refuse(
      `UTF-8 の BOM がありますが、UTF-8 として正しくないバイト列を含みます。${SUPPORTED_JA}`,
      `The file starts with a UTF-8 BOM but holds invalid UTF-8. ${SUPPORTED_EN}`,
    );
  }
  const sjis = isCp932Structure(bytes) ? iconv.decode(Buffer.from(bytes), 'cp932') : undefined;
  const sjisScore = sjis !== undefined && !sjis.includes('\ufffd') ? headerScore(sjis, headerWords) : 0;
  const euc = isEucJpStructure(bytes) ? iconv.decode(Buffer.from(bytes), 'euc-jp') : undefined;
  const eucScore = euc !== undefined && !euc.includes('\ufffd') ? headerScore(euc, headerWords) : 0;
  if (sjis !== undefined && sjisScore > 0 && sjisScore >= eucScore) {
    if (sjis.includes('\ufffd')) {
      return refuse(`Shift_JIS として変換できない文字を含みます。${SUPPORTED_JA}`, `The file holds bytes CP932 cannot map. ${SUPPORTED_EN}`);
    }
    return { ok: true, text: sjis, encoding: 'cp932' };
  }
  if (eucScore > 0) {
    return refuse(
      `このファイルは EUC-JP で保存されています。EUC-JP は読み込めません。${SUPPORTED_JA}`,
      `The file is EUC-JP, which is not accepted. ${SUPPORTED_EN}`,
    );
  }
  return refuse(
    `文字コードを判別できません（UTF-8 でも Shift_JIS でもありません）。${SUPPORTED_JA}`,
    `The encoding is neither UTF-8 nor Shift_JIS/CP932. ${SUPPORTED_EN}`,
  );
}
