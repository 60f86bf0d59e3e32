/**
 * What an import would do to the list (SPEC F8). "An import never silently ends anyone's protection":
 * removals and shortened periods are listed by 管理番号 so a second person can confirm exactly those.
 */
import { createHash } from 'node:crypto';
import type { ProtectedPerson } from '../../../shared/domain/person';
import type { SubKeys } from './keys';
import { noMeeting, type ManualMeeting } from './manualEntries';
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
  /**
   * Hand entries (issue 22, manualEntries.ts): kept because the file does not carry them, taken over by the
   * file's row, or ended by hand but back in the file. 管理番号 only; listed so that none of it is silent.
   */
  manual: { kept: string[]; takenOver: string[]; endedReturning: string[] };
}

/**
 * Plans an import against the current list read one person at a time (`see`), so the current list and the
 * incoming one are never both held in full: at 100,000 persons that alone was ~100 MB of the import's memory.
 */
export function createImportPlanner(sub: SubKeys, incoming: readonly ProtectedPerson[], fileDigest: string, listVersion: number, meeting: ManualMeeting = noMeeting()): { see(old: PersonBody): void; finish(): ImportSummary } {
  const byId = new Map(incoming.map((p) => [p.id, p]));
  const kept = new Set(meeting.kept);
  // A hand entry 住基 now carries under another 管理番号: compared with that row, not counted as removed.
  const renamed = new Map(meeting.takenOver.filter((t) => t.id !== t.fileId).map((t) => [t.id, t.fileId]));
  let matched = 0;
  let changed = 0;
  let unchanged = 0;
  const removed: string[] = [];
  const shortened: ImportSummary['shortened'] = [];
  return {
    see(old) {
      if (kept.has(old.id)) return;
      const renamedTo = renamed.get(old.id);
      if (renamedTo !== undefined) {
        const q = byId.get(renamedTo);
        if (q && q.endDate < old.endDate) shortened.push({ id: old.id, from: old.endDate, to: q.endDate });
        return;
      }
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
      const manual = { kept: [...meeting.kept], takenOver: meeting.takenOver.map((t) => t.id), endedReturning: [...meeting.endedReturning] };
      const hasManual = manual.kept.length + manual.takenOver.length + manual.endedReturning.length > 0;
      const planHash = createHash('sha256')
        .update(JSON.stringify({ fileDigest, listVersion, removed, shortened, ...(hasManual && { manual }) }))
        .digest('hex');
      // A renamed hand entry's file row is new by 管理番号 but not a new person: it is counted as changed.
      const renamedCount = renamed.size;
      return { added: incoming.length - matched - renamedCount, changed: changed + renamedCount, removed, shortened, unchanged, total: incoming.length, planHash, manual };
    },
  };
}

export const needsConfirmation = (s: ImportSummary): boolean => s.removed.length > 0 || s.shortened.length > 0;
