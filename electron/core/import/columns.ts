/**
 * Japanese header names of the 住基 export → the fields of ProtectedPerson. Column order is free (SPEC
 * "Import CSV"); a few spellings that vendors' exports are known to use are accepted as aliases.
 */
import { issue, type ImportIssue } from './issues';

export type ColumnKey =
  | 'id' | 'atenaNo' | 'name' | 'kana' | 'formerSurnames' | 'aliases' | 'aliasKana' | 'dob' | 'sex' | 'address' | 'katagaki'
  | 'honseki' | 'kind' | 'state' | 'startDate' | 'endDate' | 'note' | 'formerAddress' | 'formerHonseki'
  | `aitekata${1 | 2 | 3}${'Name' | 'Kana' | 'Dob'}`;

/** The canonical Japanese header of each column; messages name columns by it. */
export const COLUMN_LABEL: Record<ColumnKey, string> = {
  id: '管理番号', atenaNo: '宛名番号', name: '氏名', kana: '氏名カナ', formerSurnames: '旧氏', aliases: '通称', aliasKana: '通称カナ', dob: '生年月日',
  sex: '性別', address: '住所', katagaki: '方書', honseki: '本籍', kind: '措置区分', state: '措置状態',
  startDate: '開始日', endDate: '終了日', note: '備考', formerAddress: '前住所', formerHonseki: '前本籍',
  aitekata1Name: '相手方1氏名', aitekata1Kana: '相手方1カナ', aitekata1Dob: '相手方1生年月日',
  aitekata2Name: '相手方2氏名', aitekata2Kana: '相手方2カナ', aitekata2Dob: '相手方2生年月日',
  aitekata3Name: '相手方3氏名', aitekata3Kana: '相手方3カナ', aitekata3Dob: '相手方3生年月日',
};

export const REQUIRED_COLUMNS: readonly ColumnKey[] = ['id', 'name', 'dob', 'address', 'startDate'];

const ALIASES: Record<string, ColumnKey> = {
  カナ氏名: 'kana', フリガナ: 'kana', 氏名フリガナ: 'kana', 旧姓: 'formerSurnames', 本籍地: 'honseki',
  通称名: 'aliases', 通称フリガナ: 'aliasKana', 通称名カナ: 'aliasKana',
  支援措置区分: 'kind', 支援措置状態: 'state', 措置開始日: 'startDate', 支援開始日: 'startDate',
  措置終了日: 'endDate', 支援終了日: 'endDate', 旧住所: 'formerAddress', 前本籍地: 'formerHonseki',
};
for (const n of [1, 2, 3] as const) {
  ALIASES[`相手方${n}氏名カナ`] = `aitekata${n}Kana`;
  ALIASES[`相手方${n}フリガナ`] = `aitekata${n}Kana`;
}

const BY_NAME = new Map<string, ColumnKey>([
  ...(Object.entries(COLUMN_LABEL) as [ColumnKey, string][]).map(([k, v]) => [v, k] as [string, ColumnKey]),
  ...(Object.entries(ALIASES) as [string, ColumnKey][]),
]);

/** Full-width digits and spaces, brackets like 氏名（カナ） and stray blanks are all spellings of the same header. */
function canonicalHeader(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s()（）]/g, '');
}

export interface HeaderMap {
  /** Column index → field, or undefined for an unknown column that the caller allowed. */
  byIndex: (ColumnKey | undefined)[];
  present: Set<ColumnKey>;
}

export function mapHeader(
  fields: readonly string[],
  allowUnknown: boolean,
): { ok: true; map: HeaderMap; warnings: ImportIssue[] } | { ok: false; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const byIndex: (ColumnKey | undefined)[] = [];
  const present = new Set<ColumnKey>();
  fields.forEach((raw, i) => {
    const shown = `${i + 1}列目`;
    const name = canonicalHeader(raw);
    const key = BY_NAME.get(name);
    if (key === undefined) {
      byIndex.push(undefined);
      const label = name.length === 0 ? `${shown}（見出しなし）` : name.slice(0, 40);
      if (name.length === 0 || !allowUnknown) {
        errors.push(issue(1, label, 'E_IMPORT_HEADER_UNKNOWN', '未知の列名です。列名を確認してください。', 'Unknown column name.'));
      } else {
        warnings.push(issue(1, label, 'W_IMPORT_COLUMN_IGNORED', '未知の列のため読み飛ばしました。', 'Unknown column ignored.'));
      }
      return;
    }
    if (present.has(key)) {
      errors.push(issue(1, COLUMN_LABEL[key], 'E_IMPORT_HEADER_DUPLICATE', '同じ列が2回以上あります。', 'The column appears more than once.'));
    }
    present.add(key);
    byIndex.push(key);
  });
  for (const key of REQUIRED_COLUMNS) {
    if (!present.has(key)) {
      errors.push(issue(1, COLUMN_LABEL[key], 'E_IMPORT_HEADER_MISSING', '必須の列がありません。', 'A required column is missing.'));
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, map: { byIndex, present }, warnings };
}
