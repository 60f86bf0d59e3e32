/**
 * One CSV record → one ProtectedPerson, or every problem found in it. All problems of a row are reported
 * at once so that IT can fix the export in one pass.
 */
import { MEASURE_KINDS, MEASURE_STATES, type Aitekata, type MeasureKind, type MeasureState, type ProtectedPerson } from '../../../shared/domain/person';
import { parseDate } from '../../../shared/text/date';
import { COLUMN_LABEL, type ColumnKey, type HeaderMap } from './columns';
import { issue, type ImportIssue } from './issues';
import { charLength, textProblem, trimBlanks } from './textRules';

/** Generous for real names and addresses, tight enough that a glued or garbage field stands out. */
const MAX_CHARS: Record<ColumnKey, number> = {
  id: 32, atenaNo: 20, name: 60, kana: 120, formerSurnames: 200, aliases: 200, aliasKana: 300, dob: 30, sex: 8, address: 200, katagaki: 120,
  honseki: 200, kind: 20, state: 20, startDate: 30, endDate: 30, note: 1000, formerAddress: 200, formerHonseki: 200,
  aitekata1Name: 60, aitekata1Kana: 120, aitekata1Dob: 30,
  aitekata2Name: 60, aitekata2Kana: 120, aitekata2Dob: 30,
  aitekata3Name: 60, aitekata3Kana: 120, aitekata3Dob: 30,
};
const MAX_FORMER_SURNAMES = 10;
const MAX_ALIASES = 10;

export type RowResult = { ok: true; person: ProtectedPerson } | { ok: false; errors: ImportIssue[] };

export function oneYearLessADay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + 1, m - 1, d) - 86_400_000);
  return t.toISOString().slice(0, 10);
}

export function rowToPerson(line: number, fields: readonly string[], header: HeaderMap): RowResult {
  const errors: ImportIssue[] = [];
  const raw = new Map<ColumnKey, string>();
  header.byIndex.forEach((key, i) => {
    if (key === undefined) return;
    const value = trimBlanks(fields[i] ?? '');
    const label = COLUMN_LABEL[key];
    const bad = textProblem(value);
    if (bad) {
      errors.push(issue(line, label, bad.code, bad.ja, bad.en));
      return;
    }
    if (charLength(value) > MAX_CHARS[key]) {
      errors.push(issue(line, label, 'E_IMPORT_TOO_LONG', `${MAX_CHARS[key]}文字を超えています。`, `Longer than ${MAX_CHARS[key]} characters.`));
      return;
    }
    raw.set(key, value);
  });
  const err = (key: ColumnKey, code: string, ja: string, en: string): undefined => {
    errors.push(issue(line, COLUMN_LABEL[key], code, ja, en));
    return undefined;
  };
  const text = (key: ColumnKey): string | undefined => {
    const v = raw.get(key);
    return v === undefined || v === '' ? undefined : v;
  };
  const required = (key: ColumnKey): string | undefined => {
    const v = text(key);
    if (v === undefined && !errors.some((e) => e.column === COLUMN_LABEL[key])) {
      err(key, 'E_IMPORT_REQUIRED', '必須項目が空です。', 'A required field is empty.');
    }
    return v;
  };
  const date = (key: ColumnKey, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const p = parseDate(value);
    if (p.ok) return p.iso;
    // parseDate's own message quotes the value; a birth date must not reach a screen or a log, so restate it.
    if (p.code === 'E_DATE_ERA_RANGE') {
      return err(key, 'E_IMPORT_ERA', '和暦の年が元号の期間外です（例：昭和65年、平成32年は存在しません）。', 'The Japanese-era year is outside its era (e.g. Showa 65 does not exist).');
    }
    return err(key, 'E_IMPORT_DATE', '存在しない日付か、日付として読み取れません。和暦か西暦で入力し直してください（例：昭和60年1月2日、S60.1.2、1985年1月2日）。', 'Not a calendar date or not readable as a date. Type it again as a Japanese era or Western date (e.g. 昭和60年1月2日, S60.1.2, 1985/1/2).');
  };

  const idRaw = required('id');
  const id = idRaw?.normalize('NFKC');
  if (id !== undefined && !/^[0-9A-Za-z][0-9A-Za-z_-]*$/.test(id)) {
    err('id', 'E_IMPORT_ID_FORMAT', '管理番号は英数字・ハイフン・下線のみで入力してください。', 'The id may hold only letters, digits, hyphen and underscore.');
  }
  const atenaNo = text('atenaNo')?.normalize('NFKC');
  if (atenaNo !== undefined && !/^\d+$/.test(atenaNo)) {
    err('atenaNo', 'E_IMPORT_ATENA_FORMAT', '宛名番号は数字のみで入力してください。', 'The atena number must be digits only.');
  }
  const name = required('name');
  const dob = date('dob', required('dob'));
  const address = required('address');
  const startDate = date('startDate', required('startDate'));
  const endGiven = date('endDate', text('endDate'));
  const endDate = endGiven ?? (startDate ? oneYearLessADay(startDate) : undefined);
  if (startDate && endDate && endDate < startDate) {
    err('endDate', 'E_IMPORT_PERIOD', '終了日が開始日より前です。', 'The end date is before the start date.');
  }
  if (dob && startDate && dob > startDate) {
    err('dob', 'E_IMPORT_DOB_AFTER_START', '生年月日が開始日より後です。', 'The date of birth is after the start date.');
  }

  let kind: MeasureKind | undefined;
  const kindRaw = text('kind')?.normalize('NFKC');
  if (kindRaw !== undefined) {
    kind = MEASURE_KINDS.find((k) => k === kindRaw);
    if (!kind) err('kind', 'E_IMPORT_KIND', `措置区分が不明です（${MEASURE_KINDS.join('・')} のいずれか）。`, `Unknown measure kind (one of ${MEASURE_KINDS.join(', ')}).`);
  }
  let state: MeasureState = '本措置';
  const stateRaw = text('state')?.normalize('NFKC');
  if (stateRaw !== undefined) {
    const s = MEASURE_STATES.find((k) => k === stateRaw);
    if (s) state = s;
    else err('state', 'E_IMPORT_STATE', `措置状態が不明です（${MEASURE_STATES.join('・')} のいずれか）。`, `Unknown measure state (one of ${MEASURE_STATES.join(', ')}).`);
  }

  const formerSurnames = (text('formerSurnames') ?? '').split(/[、，]/).map(trimBlanks).filter((s) => s !== '');
  if (formerSurnames.length > MAX_FORMER_SURNAMES) {
    err('formerSurnames', 'E_IMPORT_TOO_MANY', `旧氏が多すぎます（${MAX_FORMER_SURNAMES}件まで）。`, `Too many former surnames (max ${MAX_FORMER_SURNAMES}).`);
  }
  if (formerSurnames.some((s) => charLength(s) > 30)) {
    err('formerSurnames', 'E_IMPORT_TOO_LONG', '旧氏の1件が30文字を超えています。', 'A former surname is longer than 30 characters.');
  }

  // 通称 / 通称カナ: several separated by 、 like 旧氏; each a full name (or its reading) of its own.
  const several = (key: 'aliases' | 'aliasKana', label: string, maxChars: number): string[] => {
    const list = (text(key) ?? '').split(/[、，]/).map(trimBlanks).filter((s) => s !== '');
    if (list.length > MAX_ALIASES) err(key, 'E_IMPORT_TOO_MANY', `${label}が多すぎます（${MAX_ALIASES}件まで）。`, `Too many entries (max ${MAX_ALIASES}).`);
    if (list.some((s) => charLength(s) > maxChars)) err(key, 'E_IMPORT_TOO_LONG', `${label}の1件が${maxChars}文字を超えています。`, `An entry is longer than ${maxChars} characters.`);
    return list;
  };
  const aliases = several('aliases', '通称', 60);
  const aliasKana = several('aliasKana', '通称カナ', 120);

  const aitekata: Aitekata[] = [];
  for (const n of [1, 2, 3] as const) {
    const aName = text(`aitekata${n}Name`);
    const aKana = text(`aitekata${n}Kana`);
    const aDob = date(`aitekata${n}Dob`, text(`aitekata${n}Dob`));
    if (aName === undefined && aKana === undefined && aDob === undefined) continue;
    aitekata.push({ ...(aName && { name: aName }), ...(aKana && { kana: aKana }), ...(aDob && { dob: aDob }) });
  }

  if (errors.length > 0 || !id || !name || !dob || !address || !startDate || !endDate) return { ok: false, errors };
  const opt = <K extends string, V>(k: K, v: V | undefined): Partial<Record<K, V>> =>
    (v === undefined ? {} : { [k]: v }) as Partial<Record<K, V>>;
  const person: ProtectedPerson = {
    id,
    ...opt('atenaNo', atenaNo),
    name,
    ...opt('kana', text('kana')),
    formerSurnames,
    ...(aliases.length > 0 && { aliases }),
    ...(aliasKana.length > 0 && { aliasKana }),
    dob,
    ...opt('sex', text('sex')),
    address,
    ...opt('katagaki', text('katagaki')),
    ...opt('honseki', text('honseki')),
    ...opt('kind', kind),
    state,
    startDate,
    endDate,
    aitekata,
    ...opt('note', text('note')),
    ...opt('formerAddress', text('formerAddress')),
    ...opt('formerHonseki', text('formerHonseki')),
  };
  return { ok: true, person };
}
