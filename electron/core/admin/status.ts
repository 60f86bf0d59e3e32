/**
 * `status` (issue 17): what IT needs to know about one PC — counts, the list's identity and age, expiries,
 * enrolled accounts, staff by role, terminal id, app and schema version. Counts and ids only: never a name,
 * a date of birth or a 管理番号, so the result may go into a ticket or a scheduled task's log.
 */
import type { StaffService } from '../staff';
import type { Vault } from '../vault/vault';
import type { EffectivePolicy } from '../../../shared/policy/cameraPolicy';
import { enrolledAccounts, vaultLineageId, type EnrolledAccount } from './enrolment';

export interface AdminStatus {
  at: string;
  terminalId: string;
  appVersion: string;
  schemaVersion: number;
  vaultId: string;
  list: { persons: number; version: number; lastImportAt: string | null; ageDays: number | null };
  expiries: { expiresWithinMonth: number; expired: number; provisional: number };
  enrolled: EnrolledAccount[];
  approverWraps: number;
  staff: { admins: number; leads: number; clerks: number; locked: number; retired: number } | null;
  policy: { state: string; revision: number; path: string };
}

const DAY_MS = 86_400_000;

export async function collectStatus(input: { vault: Vault; staff: StaffService | null; terminalId: string; appVersion: string; now: Date; policy: EffectivePolicy }): Promise<AdminStatus> {
  const s = await input.vault.status();
  const last = s.lastImportAt ? Date.parse(s.lastImportAt) : NaN;
  const staffList = input.staff ? await input.staff.list() : null;
  const active = staffList?.filter((m) => !m.retired) ?? [];
  return {
    at: input.now.toISOString(),
    terminalId: input.terminalId,
    appVersion: input.appVersion,
    schemaVersion: s.schemaVersion,
    vaultId: await vaultLineageId(input.vault),
    list: { persons: s.persons, version: s.listVersion, lastImportAt: s.lastImportAt, ageDays: Number.isFinite(last) ? Math.max(0, Math.floor((input.now.getTime() - last) / DAY_MS)) : null },
    expiries: { expiresWithinMonth: s.expiresWithinMonth, expired: s.expired, provisional: s.provisional },
    enrolled: await enrolledAccounts(input.vault),
    approverWraps: s.approverWraps,
    staff: staffList && {
      admins: active.filter((m) => m.roles.includes('admin')).length,
      leads: active.filter((m) => m.roles.includes('lead')).length,
      clerks: active.filter((m) => m.roles.includes('clerk')).length,
      locked: active.filter((m) => m.locked).length,
      retired: staffList.length - active.length,
    },
    policy: { state: input.policy.state, revision: input.policy.revision, path: input.policy.path },
  };
}
