/**
 * An oracle written apart from the code under test: which safety fields of a policy are looser than
 * SPEC F5's strict defaults. Kept independent of tightenToDefaults so a bug there cannot hide here.
 */
const DEFAULT_MASKED = ['address', 'katagaki', 'honseki', 'household', 'phone'];

export function looserThanDefaults(p: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (p.photography !== 'forbidden') out.push('photography');
  if (p.contentProtection !== true) out.push('contentProtection');
  if (p.permissions !== 'deny-all') out.push('permissions');
  if (p.printUnmasked !== false) out.push('printUnmasked');
  if (p.copyUnmasked !== false) out.push('copyUnmasked');
  if (p.noPhotoBanner !== true) out.push('noPhotoBanner');
  if (p.customerDisplayNotice !== true) out.push('customerDisplayNotice');
  if (!(typeof p.idleLockSeconds === 'number' && Number.isInteger(p.idleLockSeconds) && p.idleLockSeconds > 0 && p.idleLockSeconds <= 300)) out.push('idleLockSeconds');
  if (!(typeof p.unmaskGrantTtlSeconds === 'number' && Number.isInteger(p.unmaskGrantTtlSeconds) && p.unmaskGrantTtlSeconds > 0 && p.unmaskGrantTtlSeconds <= 60)) out.push('unmaskGrantTtlSeconds');
  const masked = Array.isArray(p.maskedFields) ? p.maskedFields : [];
  if (!DEFAULT_MASKED.every((f) => masked.includes(f))) out.push('maskedFields');
  return out;
}
