/**
 * A person under 支援措置 as the 住基 export describes them (SPEC "Import CSV").
 * This shape exists only inside the main process; the renderer never receives it.
 * Dates are ISO `YYYY-MM-DD` strings after parsing (the CSV may hold any form F2 accepts).
 */
export const MEASURE_KINDS = ['DV', 'ストーカー', '児童虐待', 'その他'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** 本措置 (the full measure) or 仮支援措置 (provisional, while the application is examined). */
export const MEASURE_STATES = ['本措置', '仮支援措置'] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];

/** 相手方: the registered perpetrator whose requests must never reach the protected person's data. */
export interface Aitekata {
  readonly name?: string;
  readonly kana?: string;
  readonly dob?: string;
}

export interface ProtectedPerson {
  /** 管理番号: unique key of the list, also the record id used in audit rows. */
  readonly id: string;
  /** 宛名番号 */
  readonly atenaNo?: string;
  /** 氏名 as registered (may hold register variant kanji; for a foreign resident it may be in the alphabet). */
  readonly name: string;
  /** 氏名カナ */
  readonly kana?: string;
  /** 旧氏: former surnames. */
  readonly formerSurnames: readonly string[];
  /** 通称: names a foreign resident is registered as living under (full names, matched like a 旧氏 name). */
  readonly aliases?: readonly string[];
  /** 通称カナ: readings of the 通称 (not paired with them one to one; each is a reading of this person). */
  readonly aliasKana?: readonly string[];
  readonly dob: string;
  readonly sex?: string;
  /** Sealed fields (F1): address, 方書, 本籍 — openable only with an approver's PIN. */
  readonly address: string;
  readonly katagaki?: string;
  readonly honseki?: string;
  readonly kind?: MeasureKind;
  readonly state: MeasureState;
  readonly startDate: string;
  /** 終了日; defaults to 開始日 + 1 year − 1 day. */
  readonly endDate: string;
  readonly aitekata: readonly Aitekata[];
  /** 備考 — sealed like the address (it often names places). */
  readonly note?: string;
  /**
   * 前住所 / 前本籍 (issue 21): what the 標準仕様書 suppresses besides the current address. Kept by the vault only
   * as keyed tokens (the address and lot indexes), never as text — stricter than sealing, since nothing shows them.
   */
  readonly formerAddress?: string;
  readonly formerHonseki?: string;
}

/** Fields that are sealed to the vault public key (F1, F4). */
export const SEALED_FIELDS = ['address', 'katagaki', 'honseki', 'note'] as const;
export type SealedField = (typeof SEALED_FIELDS)[number];
