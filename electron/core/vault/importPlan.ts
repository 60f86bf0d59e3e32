/**
 * What an import would do to the list (SPEC F8). "An import never silently ends anyone's protection":
 * removals and shortened periods are listed by 管理番号 so a second person can confirm exactly those.
 */
import { createHash } from 'node:crypto';
import type { ProtectedPerson } from '../../../shared/domain/person';
import type { SubKeys } from './keys';
import { bodyOf, type PersonBody } from './records';

export interface ImportSummary {
  added: number;
  changed: number;
  removed: string[];
  shortened: { id: string; from: string; to: string }[];
  unchanged: number;
  total: number;
  /**
   * Binds a confirmation to this exact plan: confirming one plan never approves a different file, nor the same
   * file against a list that has changed since (the list version is part of it).
   */
  planHash: string;
}

/**
 * Plans an import against the current list read one person at a time (`see`), so the current list and the
 * incoming one are never both held in full: at 100,000 persons that alone was ~100 MB of the import's memory.
 */
export function createImportPlanner(sub: SubKeys, incoming: readonly ProtectedPerson[], fileDigest: string, listVersion: number): { see(old: PersonBody): void; finish(): ImportSummary } {
  const byId = new Map(incoming.map((p) => [p.id, p]));
  let matched = 0;
  let changed = 0;
  let unchanged = 0;
  const removed: string[] = [];
  const shortened: ImportSummary['shortened'] = [];
  return {
    see(old) {
      const p = byId.get(old.id);
      if (!p) {
        removed.push(old.id);
        return;
      }
      matched++;
      if (p.endDate < old.endDate) shortened.push({ id: p.id, from: old.endDate, to: p.endDate });
      if (JSON.stringify(bodyOf(sub, p)) === JSON.stringify(old)) unchanged++;
      else changed++;
    },
    finish() {
      removed.sort();
      shortened.sort((a, b) => (a.id < b.id ? -1 : 1));
      const planHash = createHash('sha256')
        .update(JSON.stringify({ fileDigest, listVersion, removed, shortened }))
        .digest('hex');
      return { added: incoming.length - matched, changed, removed, shortened, unchanged, total: incoming.length, planHash };
    },
  };
}

export const needsConfirmation = (s: ImportSummary): boolean => s.removed.length > 0 || s.shortened.length > 0;
