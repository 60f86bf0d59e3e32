/**
 * The hash a lead's approval is bound to (SPEC invariant 2: "no approval that differs from what the lead
 * saw"). Exactly the fields the approval screen shows, canonically encoded: changing any of them — the
 * record, the field, the reason, the time the value will be visible — gives another hash.
 */
import { canonicalHash } from '../canonical';

export interface HashedRequestFields {
  readonly requestId: string;
  readonly requesterId: string;
  readonly recordId: string;
  readonly field: string;
  readonly reasonCode: string;
  readonly reasonText: string | undefined;
  readonly ttlSeconds: number;
  readonly createdAt: string;
  /** The case it comes from (issue 14): form, applicant kind, why the case involves the person. */
  readonly caseContext?: { readonly caseId: string; readonly form: string; readonly applicantKind: string; readonly caseReason: string } | undefined;
}

export function requestHash(r: HashedRequestFields): string {
  return canonicalHash('unmask-request', [
    ['requestId', r.requestId],
    ['requesterId', r.requesterId],
    ['recordId', r.recordId],
    ['field', r.field],
    ['reasonCode', r.reasonCode],
    ['reasonText', r.reasonText],
    ['ttlSeconds', r.ttlSeconds],
    ['createdAt', r.createdAt],
    // Absent for requests made inside main without a case (tests, tools): the hash then matches the old one.
    ...(r.caseContext ? ([['caseId', r.caseContext.caseId], ['form', r.caseContext.form], ['applicantKind', r.caseContext.applicantKind], ['caseReason', r.caseContext.caseReason]] as const) : []),
  ]);
}
