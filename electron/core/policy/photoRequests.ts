/**
 * 「撮影を求められた」: the clerk's one click becomes an audit event (SPEC F5, F10, counted in the
 * monthly review F11). It carries a short reference the clerk can quote to the lead, the case id
 * if one is open, and nothing about the applicant — who asked is not recorded, only that it happened.
 */
import { randomBytes } from 'node:crypto';
import type { AuditSink, Clock } from '../ports';

export interface PhotoRequestRecord {
  readonly ref: string;
  readonly recordedAt: string;
}

export interface PhotoRequestLogDeps {
  audit: AuditSink;
  clock: Clock;
  /** The staff id of whoever is at the counter (the session arrives with issue 5). */
  actor: () => string;
  newRef?: () => string;
}

export class PhotoRequestLog {
  constructor(private readonly deps: PhotoRequestLogDeps) {}

  async record(input: { caseId?: string }): Promise<PhotoRequestRecord> {
    const ref = (this.deps.newRef ?? newRefusalRef)();
    const recordedAt = this.deps.clock().toISOString();
    await this.deps.audit.append({
      action: 'policy.photo_requested',
      actors: [this.deps.actor()],
      ...(input.caseId ? { targets: [{ recordId: input.caseId }] } : {}),
      detail: { ref, at: recordedAt },
    });
    return { ref, recordedAt };
  }
}

/**
 * Two groups of four from an alphabet without look-alikes (0/O, 1/I): easy to read aloud to a lead. Shared with
 * the phone refusal (cases/caseService.ts recordPhoneRefusal), which is recorded the same way.
 */
export function newRefusalRef(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const s = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
