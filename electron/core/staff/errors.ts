/**
 * Every way staff and PIN handling refuses (STYLE: errors are values). No message or detail ever holds a
 * PIN, a digit of one, or a display name: staff ids, counts, seconds and rule names only.
 */
import { AppError } from '../../../shared/errors';

type Detail = Readonly<Record<string, string | number | boolean>>;
const make = (code: string, ja: string, en: string, detail?: Detail): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

/** Why a PIN was refused by the policy; the rule name goes into detail, the PIN never does. */
export type PinRule = 'digits' | 'length' | 'same-digit' | 'run' | 'repeat' | 'date' | 'common' | 'staff-id';

const PIN_RULE_JA: Record<PinRule, string> = {
  digits: '暗証番号は数字だけで入力してください。',
  length: '暗証番号は6桁以上12桁以下にしてください。',
  'same-digit': '同じ数字だけの暗証番号は使えません。',
  run: '連続した数字（123456、987654 など）は使えません。',
  repeat: '同じ並びの繰り返し（123123、121212 など）は使えません。',
  date: '生年月日や年月のような数字（19xx、20xx、年月日）は使えません。',
  common: 'よく使われる暗証番号のため使えません。',
  'staff-id': '職員番号を含む暗証番号は使えません。',
};

/** The same rules in plain English, for a clerk who reads the screen in English (the rule name stays in detail). */
const PIN_RULE_EN: Record<PinRule, string> = {
  digits: 'A PIN may contain digits only.',
  length: 'A PIN must be 6 to 12 digits long.',
  'same-digit': 'A PIN of one repeated digit is not allowed.',
  run: 'A run of digits (123456, 987654 …) is not allowed.',
  repeat: 'A repeated pattern (123123, 121212 …) is not allowed.',
  date: 'Numbers that look like a birth date, year or month (19xx, 20xx, dates) are not allowed.',
  common: 'This PIN is too common to be allowed.',
  'staff-id': 'A PIN may not contain the staff ID.',
};

export const staffErrors = {
  pinWrong: () =>
    make('E_PIN_WRONG', '職員番号または暗証番号が違います。', 'Wrong staff id or PIN.'),
  pinLocked: (staffId: string) =>
    make('E_PIN_LOCKED', '暗証番号の誤りが続いたため、この職員番号はロックされています。管理者ともう一人の職員による解除が必要です。', 'This staff id is locked after repeated wrong PINs. An administrator and a second person must unlock it.', { staffId }),
  pinDelay: (waitSeconds: number) =>
    make('E_PIN_DELAY', `暗証番号の誤りが続いています。あと${waitSeconds}秒待ってから入力してください。`, `Too many wrong PINs. Wait ${waitSeconds} s before trying again.`, { waitSeconds }),
  pinPolicy: (rule: PinRule) =>
    make('E_PIN_POLICY', PIN_RULE_JA[rule], PIN_RULE_EN[rule], { rule }),
  alreadySetUp: () =>
    make('E_STAFF_EXISTS', '職員は既に登録されています。初期設定（管理者2名の登録）はやり直せません。', 'Staff already exist; the first-run administrator setup cannot be repeated.'),
  bootstrapInput: () =>
    make('E_STAFF_BOOTSTRAP_INPUT', '初期設定には、異なる2名の管理者が必要です。', 'First-run setup needs two different administrators.'),
  duplicate: (staffId: string) =>
    make('E_STAFF_DUPLICATE', `職員番号 ${staffId} は既に使われています。`, `Staff id ${staffId} is already in use.`, { staffId }),
  unknown: (staffId: string) =>
    make('E_STAFF_UNKNOWN', `職員番号 ${staffId} は登録されていないか、退職済みです。`, `No active staff member ${staffId}.`, { staffId }),
  input: (what: string) =>
    make('E_STAFF_INPUT', '職員の情報の形式が正しくありません（職員番号は英数字、表示名は1〜40文字、役割は1つ以上）。', `Invalid staff data (${what}).`, { what }),
  notAdmin: () =>
    make('E_STAFF_NOT_ADMIN', '職員の登録・変更は管理者だけが提案できます。', 'Only an administrator can propose a staff change.'),
  confirmerRole: () =>
    make('E_STAFF_CONFIRMER_ROLE', '確認者は管理者または班長である必要があります。', 'The confirming person must hold the admin or lead role.'),
  samePerson: () =>
    make('E_STAFF_SAME_PERSON', '提案者・確認者・変更される職員は、それぞれ別の職員である必要があります。自分自身の変更はできません。', 'Proposer, confirmer and subject must be three different people; nobody changes their own record.'),
  changeUnknown: () =>
    make('E_STAFF_CHANGE_UNKNOWN', 'この変更提案は存在しないか、既に処理されました。', 'No such pending staff change (already applied, cancelled or expired).'),
  changeHash: () =>
    make('E_STAFF_CHANGE_HASH', '確認しようとした内容が提案と一致しません。提案をもう一度確認してください。', 'The confirmation does not match the change as it was proposed. Review the proposal again.'),
  changeExpired: () =>
    make('E_STAFF_CHANGE_EXPIRED', '変更提案の有効期限が切れました。もう一度提案してください。', 'The staff change expired; propose it again.'),
  changeStale: () =>
    make('E_STAFF_CHANGE_STALE', '提案の後に職員情報が変更されました。もう一度提案してください。', 'The staff record changed after the proposal; propose again.'),
  lastAdmins: () =>
    make('E_STAFF_LAST_ADMINS', '管理者が2名未満になる変更はできません（職員管理に2名の管理者が必要です）。', 'At least two active administrators must remain.'),
  subjectPinRequired: () =>
    make('E_STAFF_SUBJECT_PIN_REQUIRED', '対象の職員本人が、新しい暗証番号を入力してください。', 'The staff member concerned must enter their new PIN.'),
  sealAuthority: () =>
    make('E_STAFF_SEAL_AUTHORITY', '班長の権限を付与するには、確認者が班長であるか、回復キーが必要です。', 'Granting the lead role needs a confirming lead (their PIN) or the recovery key.'),
  pepperMissing: () =>
    make('E_PEPPER_MISSING', 'この端末・アカウントでは暗証番号を確認できません。管理者が回復キーで端末登録を行ってください。', 'PINs cannot be checked on this PC or OS account (its PIN check key is missing). an administrator must enrol it with the recovery key.'),
  pepperMismatch: () =>
    make('E_PEPPER_MISMATCH', '暗証番号の確認用の鍵がこの保護リストと一致しません。誰の暗証番号も確認しません。管理者に連絡してください。', 'The PIN check key does not belong to this vault. No PIN is checked (nobody is locked out by it). Contact your administrator.'),
  pepperExists: () =>
    make('E_PEPPER_EXISTS', '暗証番号の確認用の鍵は既に作成されています。上書きはしません。', 'A PIN check key already exists; it is never overwritten.'),
  paramsTooWeak: () =>
    make('E_PIN_HASH_PARAMS', '暗証番号のハッシュ設定が基準（OWASP）を下回っています。', 'Argon2id parameters below the OWASP minimum (m=19 MiB, t=2, p=1) are refused.'),
};
