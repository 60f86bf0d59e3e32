/**
 * Who may export a list bundle without the recovery key (issue 17): an administrator (their PIN), and — because the
 * file carries every sealed field (住所 etc.), which only the recovery key or a lead's wrap of the sealing key opens
 * (SPEC F1, F4) — a lead's PIN: the administrator's own when they are also a lead, else a second, different person
 * who is. No other key can open the sealed fields, so no weaker path exists to fall back to.
 */
import type { AppError } from '../../../shared/errors';
import type { Actor } from '../ports';
import { leadWrapId } from '../staff/validate';
import { bundleErrors } from './errors';

export interface ExportCredential { staffId: string; pin: string }

/** The one staff method needed (StaffService.authenticate): it runs the same throttle and lockout as the login. */
export interface SealAuthenticator {
  authenticate(staffId: string, pin: string, purpose: string, opts?: { wantSealKek?: boolean }): Promise<{ actor: Actor; sealKek?: Buffer }>;
}

export interface ExportAuthority {
  /** Who did it, for the audit entry (the administrator first). */
  actors: string[];
  /** The lead's wrap of the sealing key; the caller zeroes kek after the export. */
  seal: { wrapId: string; kek: Buffer };
}

export async function exportAuthority(
  staff: SealAuthenticator, first: ExportCredential, second: ExportCredential | undefined,
  refuse: { notAdmin(): AppError; samePerson(): AppError },
): Promise<ExportAuthority> {
  const a = await staff.authenticate(first.staffId, first.pin, 'bundle-export', { wantSealKek: true });
  if (!a.actor.roles.includes('admin')) {
    a.sealKek?.fill(0);
    throw refuse.notAdmin();
  }
  if (a.actor.roles.includes('lead') && a.sealKek) return { actors: [a.actor.staffId], seal: { wrapId: leadWrapId(a.actor.staffId), kek: a.sealKek } };
  a.sealKek?.fill(0);
  if (!second || second.pin === '') throw bundleErrors.sealedNeedsLead();
  if (second.staffId === a.actor.staffId) throw refuse.samePerson();
  const b = await staff.authenticate(second.staffId, second.pin, 'bundle-export', { wantSealKek: true });
  if (!b.actor.roles.includes('lead') || !b.sealKek) {
    b.sealKek?.fill(0);
    throw bundleErrors.sealedNeedsLead();
  }
  return { actors: [a.actor.staffId, b.actor.staffId], seal: { wrapId: leadWrapId(b.actor.staffId), kek: b.sealKek } };
}
