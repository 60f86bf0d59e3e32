/** Shape checks for staff data coming from a screen or the CLI (zod validates IPC; core checks again). */
import type { Role } from '../ports';
import { staffErrors } from './errors';
import { STAFF_ID_RE } from './pinCheck';
import { ROLES } from './records';

export function checkStaffId(staffId: string): void {
  if (!STAFF_ID_RE.test(staffId)) throw staffErrors.input('staffId');
}

export function checkDisplayName(name: string): string {
  const clean = name.normalize('NFC').trim();
  if (clean.length < 1 || clean.length > 40 || /[\u0000-\u001f\u007f]/.test(clean)) throw staffErrors.input('displayName');
  return clean;
}

/** Sorted and de-duplicated, so the same set always hashes the same. */
export function checkRoles(roles: readonly string[]): Role[] {
  const set = [...new Set(roles)];
  if (set.length === 0 || set.some((r) => !ROLES.includes(r as Role))) throw staffErrors.input('roles');
  // A 委託 login is only ever that (さいたま市 2024): combined with a 職員 role it would carry the 職員's powers.
  if (set.includes('contractor') && set.length > 1) throw staffErrors.input('roles');
  return ROLES.filter((r) => set.includes(r));
}

export const leadWrapId = (staffId: string): string => `staff:${staffId}`;
