/**
 * What a restore would end (issue 14): a backup is an older list, and putting it back silently removes everyone
 * added since and shortens every period extended since — exactly what an import may not do without two people
 * (SPEC F8). Counts and 管理番号 only; the CLI asks for --confirm-removals like `import`.
 */
import { AppError } from '../../../shared/errors';
import type { Vault } from './vault';

export interface RestorePlan { removed: string[]; shortened: string[] }

export async function restorePlan(current: Pick<Vault, 'expiries'> | null, candidate: Pick<Vault, 'expiries'>): Promise<RestorePlan> {
  if (!current) return { removed: [], shortened: [] };
  const before = new Map((await current.expiries()).map((e) => [e.id, e.endDate]));
  const after = new Map((await candidate.expiries()).map((e) => [e.id, e.endDate]));
  const removed = [...before.keys()].filter((id) => !after.has(id)).sort();
  const shortened = [...after].filter(([id, end]) => before.has(id) && end < before.get(id)!).map(([id]) => id).sort();
  return { removed, shortened };
}

export const endsProtection = (p: RestorePlan): boolean => p.removed.length + p.shortened.length > 0;

export function restoreConfirmRequired(p: RestorePlan): AppError {
  return new AppError({
    code: 'E_RESTORE_CONFIRM_REQUIRED',
    ja: `このバックアップを復元すると、${p.removed.length}名の支援措置がなくなり、${p.shortened.length}名の期間が短くなります。何も変更していません。内容を確認し、取込の削除と同じく --confirm-removals を付けて実行してください。`,
    en: `Restoring this backup would remove ${p.removed.length} protected person(s) and shorten ${p.shortened.length} period(s). Nothing was changed. Check, then run again with --confirm-removals, as for an import.`,
    detail: { removed: p.removed.length, shortened: p.shortened.length },
  });
}

/**
 * A backup made before the vault's keys were made again (issue 18) is sealed to the OLD recovery key and holds the
 * old data and sealing keys — the keys the re-key was done to retire (a photographed sheet, a stolen PC). Putting
 * it back would bring them into force again, so it is refused whoever asks; the administrator takes a new backup
 * after every re-key (IT guide 「保管庫の鍵の作り直し」). `live` is the generation of the vault in force; with no
 * vault in the folder there is nothing to compare with.
 */
export async function refuseOlderKeys(live: number | null, candidate: Pick<Vault, 'keyGeneration'>): Promise<void> {
  if (live === null) return;
  const backup = await candidate.keyGeneration();
  if (backup < live) {
    throw new AppError({
      code: 'E_RESTORE_OLDER_KEYS',
      ja: `このバックアップは、保管庫の鍵を作り直す前（作り直し${backup}回目の時点、現在は${live}回目）に作られたものです。作り直す前の鍵を元に戻すことになるため、復元しません。何も置き換えていません。作り直しの後に作ったバックアップを使ってください。`,
      en: `This backup was made before the vault's keys were made again (generation ${backup}; the vault is at ${live}). Restoring it would bring the retired keys back, so it is refused. Nothing was replaced. Use a backup made after the re-key.`,
      detail: { backup, live },
    });
  }
}

