/**
 * What a role may do beyond its name (SPEC F19). A 委託職員 (outsourced counter staff, role 'contractor') types
 * cases and nothing more: さいたま市 2024 — a 委託 clerk clicked through the 発行抑制 message — so the city's
 * rule is that only 職員 decide. A 職員 is anyone holding clerk, lead or admin.
 */
import type { Role } from '../ports';

export function isContractor(roles: readonly string[]): boolean {
  return roles.includes('contractor');
}

/** A 職員 (municipal staff) who may take over a 委託 login's case: never a 委託 login, whatever else it holds. */
export function isShokuin(roles: readonly Role[]): boolean {
  return !isContractor(roles) && roles.some((r) => r === 'clerk' || r === 'lead' || r === 'admin');
}
