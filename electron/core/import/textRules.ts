/**
 * What a field of the protected list may contain. Invisible characters are refused because they defeat
 * matching (a name with a bidi override or a zero-width space looks identical on screen but never matches)
 * and they are the classic way to make a log or a review screen lie about what it shows.
 */
export type TextProblem = { code: string; ja: string; en: string };

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const FORMAT = /\p{Cf}/u;
const PRIVATE_USE = /\p{Co}/u;
const UNASSIGNED = /[\p{Cn}\p{Cs}\ufffd]/u;

export function textProblem(value: string): TextProblem | undefined {
  const at = (re: RegExp): { pos: number; cp: string } | undefined => {
    const m = re.exec(value);
    return m ? { pos: [...value.slice(0, m.index)].length + 1, cp: codePoint(m[0]) } : undefined;
  };
  let hit = at(BIDI);
  if (hit) {
    return {
      code: 'E_IMPORT_BIDI',
      ja: `${hit.pos}文字目に文字の向きを変える不可視の制御文字（${hit.cp}）があります。`,
      en: `Bidirectional override character ${hit.cp} at position ${hit.pos}.`,
    };
  }
  if ((hit = at(CONTROL))) {
    return {
      code: 'E_IMPORT_CONTROL_CHAR',
      ja: `${hit.pos}文字目に制御文字（${hit.cp}、改行・タブを含む）があります。`,
      en: `Control character ${hit.cp} (line breaks and tabs included) at position ${hit.pos}.`,
    };
  }
  if ((hit = at(FORMAT))) {
    return {
      code: 'E_IMPORT_INVISIBLE_CHAR',
      ja: `${hit.pos}文字目に不可視の書式文字（${hit.cp}）があります。`,
      en: `Invisible format character ${hit.cp} at position ${hit.pos}.`,
    };
  }
  if ((hit = at(PRIVATE_USE))) {
    return {
      code: 'E_IMPORT_GAIJI',
      ja: `${hit.pos}文字目に外字（私用領域の文字 ${hit.cp}）があります。照合できないため標準の文字に置き換えてください。`,
      en: `Private-use (gaiji) character ${hit.cp} at position ${hit.pos}; it cannot be matched — replace it with a standard character.`,
    };
  }
  if ((hit = at(UNASSIGNED))) {
    return {
      code: 'E_IMPORT_BAD_CHAR',
      ja: `${hit.pos}文字目に文字化けまたは未定義の文字（${hit.cp}）があります。`,
      en: `Replacement or unassigned character ${hit.cp} at position ${hit.pos}.`,
    };
  }
  return undefined;
}

/** Leading/trailing blanks, half- or full-width, are export artefacts, not part of a name. */
export function trimBlanks(value: string): string {
  return value.replace(/^[ \u3000]+|[ \u3000]+$/g, '');
}

export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}
