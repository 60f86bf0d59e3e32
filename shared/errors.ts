/**
 * Errors are values with a code, a Japanese message for the clerk and an English one for IT.
 * No stack trace ever reaches a clerk: anything thrown that is not an AppError is turned into
 * E_INTERNAL at the boundary (IPC handler, CLI).
 */
export interface AppErrorInfo {
  readonly code: string;
  readonly ja: string;
  readonly en: string;
  /** Optional structured detail safe to show (row numbers, column names, field names — never a protected value). */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

export class AppError extends Error implements AppErrorInfo {
  readonly code: string;
  readonly ja: string;
  readonly en: string;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
  constructor(info: AppErrorInfo) {
    super(`${info.code}: ${info.en}`);
    this.name = 'AppError';
    this.code = info.code;
    this.ja = info.ja;
    this.en = info.en;
    if (info.detail) this.detail = info.detail;
  }
  toInfo(): AppErrorInfo {
    return this.detail
      ? { code: this.code, ja: this.ja, en: this.en, detail: this.detail }
      : { code: this.code, ja: this.ja, en: this.en };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The error a boundary reports for anything unexpected; the original is never shown to a clerk. */
export const INTERNAL_ERROR: AppErrorInfo = {
  code: 'E_INTERNAL',
  ja: '内部エラーが発生しました。操作は行われていません。管理者に連絡してください。',
  en: 'Internal error. Nothing was changed. Contact the administrator.',
};

export function toErrorInfo(e: unknown): AppErrorInfo {
  return isAppError(e) ? e.toInfo() : INTERNAL_ERROR;
}

/** A result type for operations whose failure is an expected outcome (bad input, locked, expired). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppErrorInfo): Result<T> => ({ ok: false, error });
