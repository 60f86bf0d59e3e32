/**
 * Live grants (SPEC F4): one field of one person, for one session, handed out once, gone after its TTL.
 * The value sits here only between the approval and the clerk's window taking it; then the reference is
 * dropped. There is no method to extend a grant or to take it twice — by construction, not by a check
 * someone could forget. Ended grants leave a tombstone (reason only) so the clerk is told *why* it is gone.
 */
import type { SealedField } from '../../../shared/domain/person';
import { unmaskErrors } from './errors';

export type GrantEnd = 'expired' | 'used' | 'revoked';

export interface Grant {
  readonly grantId: string;
  readonly requestId: string;
  readonly sessionId: string;
  readonly requesterId: string;
  readonly approverId: string;
  readonly recordId: string;
  readonly field: SealedField;
  readonly ttlSeconds: number;
  readonly expiresMs: number;
  /** Present until taken; undefined means the sealed field was empty. */
  value: string | undefined;
  taken: boolean;
}

const TOMBSTONES = 256;

export class GrantStore {
  private readonly live = new Map<string, Grant>();
  private readonly ended = new Map<string, GrantEnd>();

  add(g: Grant): void {
    this.live.set(g.grantId, g);
  }

  /** The value, once. Any later call — or a call after expiry — is refused with the reason. */
  take(grantId: string, sessionId: string, nowMs: number): { grant: Grant; value: string | undefined } {
    const g = this.live.get(grantId);
    if (!g) throw this.whyGone(grantId);
    if (g.sessionId !== sessionId) throw unmaskErrors.grantNotYours();
    if (nowMs >= g.expiresMs) throw unmaskErrors.grantExpired();
    if (g.taken) throw unmaskErrors.grantUsed();
    const value = g.value;
    g.value = undefined;
    g.taken = true;
    return { grant: g, value };
  }

  end(grantId: string, why: GrantEnd): Grant | undefined {
    const g = this.live.get(grantId);
    if (!g) return undefined;
    g.value = undefined;
    this.live.delete(grantId);
    this.ended.set(grantId, why);
    if (this.ended.size > TOMBSTONES) this.ended.delete(this.ended.keys().next().value!);
    return g;
  }

  expiredAt(nowMs: number): Grant[] {
    return [...this.live.values()].filter((g) => nowMs >= g.expiresMs);
  }

  all(): Grant[] {
    return [...this.live.values()];
  }

  get(grantId: string): Grant | undefined {
    return this.live.get(grantId);
  }

  private whyGone(grantId: string): Error {
    const why = this.ended.get(grantId);
    if (why === 'expired') return unmaskErrors.grantExpired();
    if (why === 'used') return unmaskErrors.grantUsed();
    if (why === 'revoked') return unmaskErrors.grantRevoked();
    return unmaskErrors.grantUnknown();
  }
}
