/**
 * The audit events of a list change, shared by the app and the CLI so both write the same facts (SPEC F10):
 * counts, codes and 管理番号 only. The chain takes at most 32 targets per entry, so a long removal list is
 * written as several entries (part / parts) rather than cut short.
 */
import type { AuditEvent } from '../ports';
import type { ImportSummary } from '../vault/importPlan';

const TARGETS_PER_ENTRY = 32;
type Source = 'csv' | 'bundle';

/** A hash prefix with a letter in it: the chain refuses long digit-only strings (they look like phone numbers). */
const planRef = (planHash: string): string => `sha256:${planHash.slice(0, 16)}`;

export function counts(s: ImportSummary): Record<string, number> {
  return { total: s.total, added: s.added, changed: s.changed, removed: s.removed.length, shortened: s.shortened.length };
}

/** Who confirmed which records lose or shorten protection. Empty when the plan ends no one's protection. */
export function removalConfirmedEvents(actors: readonly string[], s: ImportSummary, source: Source): AuditEvent[] {
  const ids = [...s.removed, ...s.shortened.map((x) => x.id)];
  const parts = Math.ceil(ids.length / TARGETS_PER_ENTRY);
  return Array.from({ length: parts }, (_, i) => ({
    action: 'import.removal_confirmed', actors,
    targets: ids.slice(i * TARGETS_PER_ENTRY, (i + 1) * TARGETS_PER_ENTRY).map((recordId) => ({ recordId })),
    detail: { source, removed: s.removed.length, shortened: s.shortened.length, plan: planRef(s.planHash), part: i + 1, parts },
  }));
}

export function committedEvent(actors: readonly string[], s: ImportSummary, source: Source, bundleCreatedAt?: string): AuditEvent {
  return {
    action: source === 'bundle' ? 'bundle.imported' : 'import.committed', actors,
    detail: { ...counts(s), plan: planRef(s.planHash), ...(bundleCreatedAt && { bundleCreatedAt }) },
  };
}

export function dryRunEvent(actors: readonly string[], s: ImportSummary, source: Source): AuditEvent {
  return { action: 'import.dry_run', actors, detail: { source, ...counts(s) } };
}

export function refusedEvent(actors: readonly string[], source: Source, code: string, op: 'import' | 'export' = 'import'): AuditEvent {
  return { action: 'import.refused', actors, detail: { source, code, op } };
}

export function exportedEvent(actors: readonly string[], persons: number, signer: string): AuditEvent {
  return { action: 'bundle.exported', actors, detail: { persons, signer: `ed25519:${signer.slice(0, 16)}` } };
}
