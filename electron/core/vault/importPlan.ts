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
  /** Binds a confirmation to this exact plan: confirming one plan never approves a different file. */
  planHash: string;
}

export function planImport(sub: SubKeys, current: ReadonlyMap<string, PersonBody>, incoming: readonly ProtectedPerson[], fileDigest: string): ImportSummary {
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  const shortened: ImportSummary['shortened'] = [];
  const seen = new Set<string>();
  for (const p of incoming) {
    seen.add(p.id);
    const old = current.get(p.id);
    if (!old) {
      added++;
      continue;
    }
    if (p.endDate < old.endDate) shortened.push({ id: p.id, from: old.endDate, to: p.endDate });
    if (JSON.stringify(bodyOf(sub, p)) === JSON.stringify(old)) unchanged++;
    else changed++;
  }
  const removed = [...current.keys()].filter((id) => !seen.has(id)).sort();
  shortened.sort((a, b) => (a.id < b.id ? -1 : 1));
  const planHash = createHash('sha256')
    .update(JSON.stringify({ fileDigest, removed, shortened }))
    .digest('hex');
  return { added, changed, removed, shortened, unchanged, total: incoming.length, planHash };
}

export const needsConfirmation = (s: ImportSummary): boolean => s.removed.length > 0 || s.shortened.length > 0;
