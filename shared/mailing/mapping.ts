/**
 * What a department's outgoing batch holds, and which of its columns is which (issue 21). Departments export
 * from their own systems with their own headers, so the mapping is set once per department and remembered
 * (mappingStore.ts). It holds column names only — never a value from a file.
 */
import { z } from 'zod';

export const MAX_CONCERNED = 5;

const PERSON = ['Name', 'Kana', 'Dob'] as const;
export const MAIL_FIELDS = [
  'recipientName', 'recipientKana', 'recipientDob', 'address',
  ...[1, 2, 3, 4, 5].flatMap((n) => PERSON.map((k) => `concerned${n}${k}` as const)),
] as const;
export type MailField = (typeof MAIL_FIELDS)[number];
export const REQUIRED_MAIL_FIELDS: readonly MailField[] = ['recipientName', 'address'];

/** Japanese labels for the mapping screen and messages. */
export const MAIL_FIELD_LABEL: Record<MailField, string> = Object.fromEntries(
  MAIL_FIELDS.map((f) => {
    const m = f.match(/^concerned(\d)(Name|Kana|Dob)$/);
    const part = (k: string) => ({ Name: '氏名', Kana: 'カナ', Dob: '生年月日' })[k]!;
    if (m) return [f, `関係する人${m[1]}の${part(m[2]!)}`];
    return [f, { recipientName: '宛先の氏名', recipientKana: '宛先のカナ', recipientDob: '宛先の生年月日', address: '送付先住所' }[f as 'address']];
  }),
) as Record<MailField, string>;

const column = z.string().min(1).max(60).regex(/^[^\u0000-\u001f\u007f]+$/);
export const departmentCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);

export const mailMappingSchema = z
  .object(Object.fromEntries(MAIL_FIELDS.map((f) => [f, column.optional()])) as Record<MailField, z.ZodOptional<typeof column>>)
  .strict()
  .refine((m) => REQUIRED_MAIL_FIELDS.every((f) => m[f] !== undefined), { message: 'required field unmapped' })
  .refine((m) => new Set(Object.values(m)).size === Object.values(m).length, { message: 'one column mapped twice' });

export type MailMapping = Partial<Record<MailField, string>>;

/** Departments that send mail and check it first (the code is stored with the mapping; the label is shown). */
export const DEPARTMENTS = {
  'kodomo-teate': '子ども家庭課（児童手当・子ども給付）',
  zeimu: '税務課',
  fukushi: '福祉課',
  kokuho: '保険年金課',
  kyoiku: '教育委員会（就学通知）',
} as const;
export type Department = keyof typeof DEPARTMENTS;
