/**
 * What a temporary release (一時解除, SPEC F20, issue 22) changes in a case: for exactly the person it names, in
 * exactly the case it was granted for, while that case is the issuing clerk's and its document is the release's,
 * the fields that document carries (RELEASE_FIELDS) are no longer masked in the case view — the clerk may fill
 * them and the view returns them — so that one document can be issued. Nothing wider:
 * - a slot matched to anyone else, or to the released person together with someone else, stays masked;
 * - a 委託 login's case never benefits; another clerk's case, another case or another document never;
 * - sealed values in the vault still need the two-operator unmask (F4: "nobody can bypass this");
 * - the applicant copy stays masked whatever is released (F7: it can never contain a protected value).
 * Each field lifted is audited like an unmask (unmask.shown, once per release and field), and each end re-masks
 * like one (unmask.revoked, with the values typed under the release dropped from main).
 */
import { RELEASE_FIELDS } from '../../../shared/cases/releaseFields';
import type { FormKind, PersonField } from '../../../shared/cases/model';
import type { MatchOutcome } from '../matching';
import type { AuditSink } from '../ports';
import type { ReleaseStatus } from '../release';

/** The release service as a case sees it: this case's releases, and the end of them when the case closes. */
export interface CaseReleases {
  history(caseId: string): Promise<ReleaseStatus[]>;
  endForCase(caseId: string): Promise<void>;
  /** Approvers' display names for the clerk's screen; the 職員番号 when unknown. */
  nameOf?(staffId: string): Promise<string | null>;
}

export interface ReleaseCase {
  id: string;
  form: FormKind;
  clerk: string;
  contractor: boolean;
}

export interface ReleaseSlot {
  slot: string;
  outcome: MatchOutcome;
  fields: Partial<Record<PersonField, string>>;
}

/** What this case remembers of its releases between calls (refreshed from the vault on every call). */
export class CaseReleaseState {
  list: ReleaseStatus[] = [];
  names = new Map<string, string>();
  /** `${releaseId}|${slot}` → the fields audited as shown under it (so each is recorded once, and re-masked once). */
  private readonly shown = new Map<string, { recordId: string; fields: Set<PersonField> }>();

  /** The fields the release lifts for this slot now; empty when none applies. */
  lifted(c: ReleaseCase, p: ReleaseSlot, policyMasked: ReadonlySet<string>): Set<PersonField> {
    const r = this.applying(c, p);
    return new Set(r ? RELEASE_FIELDS[c.form].filter((f) => policyMasked.has(f)) : []);
  }

  private applying(c: ReleaseCase, p: ReleaseSlot): ReleaseStatus | undefined {
    if (c.contractor) return undefined;
    const o = p.outcome;
    // Exactly one person, earned by name and birth date, and no 相手方 alarm on the same slot.
    if (o.decision !== 'match' || o.ids.length !== 1 || o.aitekataOf.length !== 0) return undefined;
    return this.list.find((r) => r.endedAt === null && r.caseId === c.id && r.form === c.form && r.clerk !== '' && r.clerk === c.clerk && r.recordId === o.ids[0]);
  }

  /** Re-reads the case's releases; fields no longer lifted are re-masked (values dropped) and recorded. */
  async refresh(port: CaseReleases | undefined, c: ReleaseCase, slots: readonly ReleaseSlot[], audit: AuditSink, policyMasked: ReadonlySet<string>): Promise<void> {
    this.list = port ? await port.history(c.id).catch(() => []) : [];
    for (const r of this.list) {
      for (const s of r.approvers) if (!this.names.has(s)) this.names.set(s, (await port?.nameOf?.(s).catch(() => null)) ?? s);
    }
    await this.settle(c, slots, audit, policyMasked);
  }

  /** After a change to the case: newly lifted fields recorded as shown, no-longer-lifted ones re-masked. */
  async settle(c: ReleaseCase, slots: readonly ReleaseSlot[], audit: AuditSink, policyMasked: ReadonlySet<string>): Promise<void> {
    const live = new Map<string, { r: ReleaseStatus; p: ReleaseSlot; fields: Set<PersonField> }>();
    for (const p of slots) {
      const r = this.applying(c, p);
      if (r) live.set(`${r.id}|${p.slot}`, { r, p, fields: this.lifted(c, p, policyMasked) });
    }
    for (const [key, was] of [...this.shown]) {
      if (live.has(key)) continue;
      this.shown.delete(key);
      const [releaseId = '', slot] = key.split('|');
      const p = slots.find((x) => x.slot === slot);
      // A value typed under the release does not stay behind the mask once it is back.
      if (p) for (const f of was.fields) delete p.fields[f];
      const ended = this.list.find((r) => r.id === releaseId);
      await audit.append({
        action: 'unmask.revoked', actors: [c.clerk], targets: [...was.fields].map((field) => ({ recordId: was.recordId, field })),
        detail: { release: releaseId, case: c.id, reason: ended?.cause ? `release-${ended.cause}` : 'release-slot-changed' },
      }).catch(() => undefined);
    }
    for (const [key, { r, fields }] of live) {
      if (this.shown.has(key) || fields.size === 0) continue;
      // Audited before the view carries the fields: a trail that cannot record it leaves them masked.
      await audit.append({ action: 'unmask.shown', actors: [c.clerk], targets: [...fields].map((field) => ({ recordId: r.recordId, field })), detail: { release: r.id, case: c.id, form: c.form } });
      this.shown.set(key, { recordId: r.recordId, fields });
    }
  }

  /** Whether a lift is recorded for this slot (the view shows only what was audited). */
  recorded(c: ReleaseCase, p: ReleaseSlot): boolean {
    const r = this.applying(c, p);
    return !!r && this.shown.has(`${r.id}|${p.slot}`);
  }
}
