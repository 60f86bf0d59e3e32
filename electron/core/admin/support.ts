/**
 * The support bundle for the vendor (issue 17): what a vendor engineer needs to diagnose a PC — versions,
 * the policy values in force, how often each audit action and each error code occurred, whether the chain
 * verifies — and nothing about anyone. Built only from counts and from names the code itself defines: actions
 * are kept only if the app knows them, codes only if they have the E_/W_ shape; ids of persons and staff, the
 * policy's free-text label and every timestamp but the bundle's own are left out. The unit test scans the
 * result for every value of the sample list with the audit tests' personal-data scan.
 */
import { isAuditAction } from '../../../shared/audit/actions';
import type { EffectivePolicy } from '../../../shared/policy/cameraPolicy';
import { openVerifier } from '../audit';
import type { Vault } from '../vault/vault';

export const SUPPORT_FORMAT = 'countershield-support/v1';

export interface SupportBundle {
  format: typeof SUPPORT_FORMAT;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  platform: string;
  settings: Omit<EffectivePolicy['policy'], 'label'> & { policyState: string; policySource: string; policyRevision: number };
  vault: { persons: number; listVersion: number; enrolledAccounts: number; approverWraps: number };
  audit: { entries: number; intact: boolean; problems: number; firstProblemKind: string | null; actions: Record<string, number>; errorCodes: Record<string, number> };
}

const CODE = /^[EW]_[A-Z0-9_]{2,60}$/;

export async function makeSupportBundle(input: { vault: Vault; dataDir: string; appVersion: string; platform: string; now: Date; policy: EffectivePolicy }): Promise<SupportBundle> {
  const db = input.vault.database;
  const s = await input.vault.status();
  const verified = await openVerifier(input.vault, input.dataDir).verify();
  const actions: Record<string, number> = {};
  for (const r of await db.all<{ action: string; n: number }>('SELECT action, COUNT(*) AS n FROM audit_log GROUP BY action ORDER BY action')) {
    const key = isAuditAction(r.action) ? r.action : 'other';
    actions[key] = (actions[key] ?? 0) + r.n;
  }
  const errorCodes: Record<string, number> = {};
  const codes = await db.all<{ code: unknown; n: number }>("SELECT json_extract(detail, '$.code') AS code, COUNT(*) AS n FROM audit_log WHERE json_extract(detail, '$.code') IS NOT NULL GROUP BY code ORDER BY code");
  for (const r of codes) {
    const key = typeof r.code === 'string' && CODE.test(r.code) ? r.code : 'other';
    errorCodes[key] = (errorCodes[key] ?? 0) + r.n;
  }
  const { label: _label, ...values } = input.policy.policy;
  return {
    format: SUPPORT_FORMAT,
    createdAt: input.now.toISOString(),
    appVersion: input.appVersion,
    schemaVersion: s.schemaVersion,
    platform: input.platform,
    settings: { ...values, policyState: input.policy.state, policySource: input.policy.source, policyRevision: input.policy.revision },
    vault: { persons: s.persons, listVersion: s.listVersion, enrolledAccounts: s.enrolledProtectors, approverWraps: s.approverWraps },
    audit: { entries: verified.entries, intact: verified.ok, problems: verified.problems.length, firstProblemKind: verified.problems[0]?.kind ?? null, actions, errorCodes },
  };
}
