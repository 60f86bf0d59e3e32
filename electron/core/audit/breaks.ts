/**
 * A broken chain is shown to every lead at login until two people acknowledge it (issue 8). Breaks are
 * recorded *in the log* (audit.chain_broken) so the evidence outlives the next append and a restart, and
 * acknowledged by an audit.broken_acknowledged entry naming the break it covers. Acknowledging never hides a
 * break from verify: history stays broken; the notice just stops repeating once two people have seen it.
 */
import type { Actor, StaffAuthenticator } from '../ports';
import { AppError } from '../../../shared/errors';
import type { AuditChain } from './chain';
import { auditErrors } from './errors';
import type { ChainProblem, VerifyResult } from './verify';

export interface ChainBreak { entrySeq: number; at: string; kind: string; seq: number; staff?: string }
export interface BrokenChainNotice { breaks: ChainBreak[] }
export interface PinEntry { staffId: string; pin: string }

export class ChainBreaks {
  constructor(private readonly chain: AuditChain, private readonly auth: StaffAuthenticator) {}

  /** Full verify; every problem not already recorded is written into the log as audit.chain_broken. */
  async verifyAndRecord(): Promise<VerifyResult> {
    const result = await this.chain.verify();
    const known = await this.recorded();
    const key = (kind: string, seq: number): string => `${kind}@${seq}`;
    const seen = new Set(known.map((b) => key(b.kind, b.seq)));
    // 'unacknowledged' is a recorded break still waiting for two people: it is already in the log.
    const fresh = result.problems.filter((p: ChainProblem) => p.kind !== 'unacknowledged' && !seen.has(key(p.kind, p.seq)));
    for (const p of fresh.slice(0, 10)) {
      await this.chain.append({ action: 'audit.chain_broken', actors: ['system'], detail: { kind: p.kind, seq: p.seq, ...(p.toSeq !== undefined && { toSeq: p.toSeq }) } });
    }
    return result;
  }

  /** Unacknowledged breaks, oldest first; null when there is nothing to show. */
  async brokenChainNotice(): Promise<BrokenChainNotice | null> {
    const breaks = await this.recorded();
    const acked = await this.acknowledgedEntries();
    const open = breaks.filter((b) => !acked.has(b.entrySeq));
    return open.length > 0 ? { breaks: open } : null;
  }

  /** Two distinct staff, each with their own PIN; the first must be a lead or administrator. */
  async acknowledgeBroken(a: PinEntry, b: PinEntry): Promise<{ acknowledged: number }> {
    const notice = await this.brokenChainNotice();
    if (!notice) throw auditErrors.nothingToAcknowledge();
    if (a.staffId === b.staffId) {
      await this.refused([a.staffId], 'E_AUDIT_TWO_PEOPLE');
      throw auditErrors.twoPeopleRequired();
    }
    const first = await this.verified(a);
    const second = await this.verified(b);
    if (first.staffId === second.staffId) throw auditErrors.twoPeopleRequired();
    if (!first.roles.includes('lead') && !first.roles.includes('admin')) {
      await this.refused([first.staffId, second.staffId], 'E_AUDIT_LEAD_REQUIRED');
      throw auditErrors.leadRequired();
    }
    for (const br of notice.breaks) {
      await this.chain.append({ action: 'audit.broken_acknowledged', actors: [first.staffId, second.staffId], detail: { breakEntry: br.entrySeq, kind: br.kind, seq: br.seq } });
    }
    return { acknowledged: notice.breaks.length };
  }

  private async verified(p: PinEntry): Promise<Actor> {
    const res = await this.auth.verifyPin(p.staffId, p.pin);
    if (!res.ok) {
      if (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(p.staffId)) await this.refused([p.staffId], res.error.code);
      throw new AppError(res.error);
    }
    return res.actor;
  }

  private refused(actors: string[], code: string): Promise<void> {
    return this.chain.append({ action: 'audit.refused', actors, detail: { code, op: 'acknowledge_break' } });
  }

  private async recorded(): Promise<ChainBreak[]> {
    await this.chain.drain();
    const rows = await this.chain.db.all<{ seq: number; at: string; detail: string }>("SELECT seq, at, detail FROM audit_log WHERE action = 'audit.chain_broken' ORDER BY seq");
    return rows.map((r) => {
      const d = JSON.parse(r.detail) as { kind: string; seq: number; staff?: string };
      return { entrySeq: r.seq, at: r.at, kind: String(d.kind), seq: Number(d.seq), ...(typeof d.staff === 'string' && { staff: d.staff }) };
    });
  }

  private async acknowledgedEntries(): Promise<Set<number>> {
    const rows = await this.chain.db.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'audit.broken_acknowledged'");
    return new Set(rows.map((r) => Number((JSON.parse(r.detail) as { breakEntry: number }).breakEntry)));
  }
}
