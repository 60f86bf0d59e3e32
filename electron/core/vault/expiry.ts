/**
 * Validity of a measure (SPEC F8: one-year periods, extension from one month before expiry). The state only
 * drives alerts: an expired person stays on the list and stays masked until an import or a two-person
 * decision ends the measure — expiry never unmasks anyone by itself.
 */
export type ExpiryState = 'active' | 'expiresWithinMonth' | 'expired';

/** The counter's calendar day (local time: the PCs run on JST). */
export function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function plusOneMonth(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const t = new Date(Date.UTC(y, m, Math.min(d, last)));
  return t.toISOString().slice(0, 10);
}

export function expiryState(endDate: string, today: string): ExpiryState {
  if (endDate < today) return 'expired';
  if (endDate <= plusOneMonth(today)) return 'expiresWithinMonth';
  return 'active';
}
