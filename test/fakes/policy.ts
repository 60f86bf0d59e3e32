/**
 * Small in-memory stand-ins for the ports the policy lock needs (StaffAuthenticator, AuditSink,
 * PolicyKeyProvider), shared by the unit tests and the e2e harness. Test-only.
 */
import { randomBytes } from 'node:crypto';
import type { Actor, AuditEvent, AuditSink, Role, StaffAuthenticator } from '../../electron/core/ports';
import type { PolicyContext } from '../../electron/ipc/context';
import type { PolicyKeyProvider } from '../../electron/core/policy';
import { defaultEffectivePolicy, PhotoRequestLog } from '../../electron/core/policy';
import type { EffectivePolicy } from '../../shared/policy/cameraPolicy';
import { testClock } from '../clock';

export class MemoryAudit implements AuditSink {
  readonly events: AuditEvent[] = [];
  failNext = false;
  async append(event: AuditEvent): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('audit unavailable');
    }
    this.events.push(structuredClone(event) as AuditEvent);
  }
  actions(): string[] {
    return this.events.map((e) => e.action);
  }
}

/** Staff with PINs in a map; wrong PIN → E_PIN_WRONG (the real service adds delay and lockout). */
export function fakeStaff(staff: Record<string, { pin: string; roles: Role[] }>): StaffAuthenticator {
  return {
    async verifyPin(staffId, pin) {
      const s = staff[staffId];
      if (!s || s.pin !== pin) return { ok: false, error: { code: 'E_PIN_WRONG', ja: '職員番号または暗証番号が違います。', en: 'Wrong staff id or PIN.' } };
      const actor: Actor = { staffId, roles: s.roles };
      return { ok: true, actor };
    },
  };
}

export function fakeKeys(key: Uint8Array | null = randomBytes(32)): PolicyKeyProvider & { key: Uint8Array | null } {
  const k = { key, policyMacKey: async () => k.key };
  return k;
}

/** A PolicyContext over fixed data: the defaults (vault absent, so unverified) unless told otherwise. */
export function testPolicyContext(opts: { effective?: EffectivePolicy; audit?: AuditSink; actor?: string } = {}): PolicyContext & { audit: AuditSink } {
  const audit = opts.audit ?? new MemoryAudit();
  const log = new PhotoRequestLog({ audit, clock: testClock, actor: () => opts.actor ?? 'terminal' });
  const effective = opts.effective ?? defaultEffectivePolicy('/etc/counter-shield/policy.json', 'missing');
  return { audit, effective: () => effective, recordPhotoRequest: (input) => log.record(input) };
}
