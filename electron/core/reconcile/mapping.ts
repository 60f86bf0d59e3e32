/**
 * Columns of another system's suppression list (issue 21): 宛名番号 or 管理番号 and/or name + birth date, and
 * optionally the period and the address the other system holds. Each system exports its own headers; the
 * guess below knows the usual spellings, and the screen lets the lead correct it (column names only).
 */
import { readCsv } from '../import/csv';
import { decodeList } from '../import/encoding';

import { RECONCILE_FIELDS, type ReconcileField, type ReconcileMapping } from '../../../shared/mailing/reconcileCodes';

export { RECONCILE_FIELDS, type ReconcileField, type ReconcileMapping };

const KNOWN: Record<ReconcileField, readonly string[]> = {
  recordId: ['管理番号'],
  atenaNo: ['宛名番号', '住民番号', '個人番号（宛名）', '宛名コード'],
  name: ['氏名', '漢字氏名', '対象者氏名'],
  kana: ['氏名カナ', 'カナ氏名', 'フリガナ'],
  dob: ['生年月日'],
  startDate: ['開始日', '制限開始日', '設定開始日', '支援開始日'],
  endDate: ['終了日', '制限終了日', '設定終了日', '支援終了日'],
  address: ['住所', '現住所'],
};

const canonical = (raw: string) => raw.normalize('NFKC').replace(/[\s()（）]/g, '');

/** The mapping the usual headers give; a field whose column is not found is left out. */
export function guessReconcileMapping(bytes: Uint8Array): ReconcileMapping {
  const decoded = decodeList(bytes, Object.values(KNOWN).flat());
  if (!decoded.ok) return {};
  const csv = readCsv(decoded.text.slice(0, 4096).split(/\r?\n/)[0] ?? '');
  const head = csv.ok ? (csv.records[0]?.fields ?? []) : [];
  const out: ReconcileMapping = {};
  for (const f of RECONCILE_FIELDS) {
    const hit = head.find((h) => KNOWN[f].some((k) => canonical(k) === canonical(h)));
    if (hit) out[f] = hit;
  }
  return out;
}
