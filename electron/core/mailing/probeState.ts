/**
 * The probe counters of the mailing check and the reconciliation (issue 21) as one value: the address checks
 * per protected person and day (probeLedger.ts), the batches per staff member and hour, and each staff member's
 * stopped rows over the day (the many-stops alarm — a clerk who splits a probing batch into small ones still
 * raises it). A batch works on one loaded state; the store writes it back with the batch's audit entry.
 */
import type { Clock } from '../ports';
import { AddressProbeLedger, DAY_MS, DEFAULT_ADDRESSES_PER_PERSON_DAY, type ProbeMap } from './probeLedger';

export const HOUR_MS = 3_600_000;
export const DEFAULT_BATCHES_PER_STAFF_HOUR = 10;

export interface ProbeLimits {
  batchesPerHour?: number;
  addressesPerPersonDay?: number;
}

/** The stored form: times in ms; `probes` keyed by a keyed person id, `stops` as [at, stops, rows]. */
export interface ProbeBody {
  seq: number;
  damagedAt?: number;
  batches: Record<string, number[]>;
  probes: Record<string, Record<string, number>>;
  stops: Record<string, [number, number, number][]>;
}

export const emptyBody = (seq: number, damagedAt?: number): ProbeBody => ({ seq, ...(damagedAt !== undefined && { damagedAt }), batches: {}, probes: {}, stops: {} });

const isNumArray = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => typeof n === 'number');
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The body's shape, checked after its MAC (a body the app wrote but an older version could not read is refused too). */
export function isProbeBody(x: unknown): x is ProbeBody {
  if (!isRecord(x) || typeof x.seq !== 'number' || (x.damagedAt !== undefined && typeof x.damagedAt !== 'number')) return false;
  if (!isRecord(x.batches) || !Object.values(x.batches).every(isNumArray)) return false;
  if (!isRecord(x.probes) || !Object.values(x.probes).every((m) => isRecord(m) && Object.values(m).every((n) => typeof n === 'number'))) return false;
  return isRecord(x.stops) && Object.values(x.stops).every((l) => Array.isArray(l) && l.every((e) => isNumArray(e) && e.length === 3));
}

export class ProbeState {
  readonly ledger: AddressProbeLedger;
  private readonly batches: Map<string, number[]>;
  private readonly stops: Map<string, [number, number, number][]>;

  constructor(
    private readonly clock: Clock,
    private readonly limits: ProbeLimits,
    private readonly body: ProbeBody,
    keyOf?: (personId: string) => string,
  ) {
    const probes: ProbeMap = new Map(Object.entries(body.probes).map(([k, m]) => [k, new Map(Object.entries(m))]));
    const frozenUntil = body.damagedAt === undefined ? 0 : body.damagedAt + DAY_MS;
    this.ledger = new AddressProbeLedger(clock, limits.addressesPerPersonDay ?? DEFAULT_ADDRESSES_PER_PERSON_DAY, probes, frozenUntil, keyOf);
    this.batches = new Map(Object.entries(body.batches));
    this.stops = new Map(Object.entries(body.stops));
  }

  /**
   * Counts a batch for the staff member; false past the hour's limit. For an hour after the stored counters
   * failed their check every batch is refused: the count that was lost is taken as used up.
   */
  takeBatch(staffId: string): boolean {
    const now = this.clock().getTime();
    if (this.body.damagedAt !== undefined && now < this.body.damagedAt + HOUR_MS) return false;
    const recent = (this.batches.get(staffId) ?? []).filter((t) => t > now - HOUR_MS);
    const ok = recent.length < (this.limits.batchesPerHour ?? DEFAULT_BATCHES_PER_STAFF_HOUR);
    if (ok) recent.push(now);
    this.batches.set(staffId, recent);
    return ok;
  }

  /** Adds a checked batch's stops; the staff member's totals over the rolling day, this batch included. */
  addStops(staffId: string, stops: number, rows: number): { stops: number; rows: number } {
    const now = this.clock().getTime();
    const mine = (this.stops.get(staffId) ?? []).filter(([at]) => at > now - DAY_MS);
    mine.push([now, stops, rows]);
    this.stops.set(staffId, mine);
    return mine.reduce((a, [, s, r]) => ({ stops: a.stops + s, rows: a.rows + r }), { stops: 0, rows: 0 });
  }

  /** What the store writes back: only what is still inside its window. */
  toBody(seq: number): ProbeBody {
    const now = this.clock().getTime();
    const batches = Object.fromEntries([...this.batches].map(([k, l]) => [k, l.filter((t) => t > now - HOUR_MS)] as const).filter(([, l]) => l.length > 0));
    const stops = Object.fromEntries([...this.stops].map(([k, l]) => [k, l.filter(([at]) => at > now - DAY_MS)] as const).filter(([, l]) => l.length > 0));
    const probes = Object.fromEntries([...this.ledger.snapshot()].map(([k, m]) => [k, Object.fromEntries(m)]));
    const keepDamage = this.body.damagedAt !== undefined && now < this.body.damagedAt + DAY_MS;
    return { seq, ...(keepDamage && { damagedAt: this.body.damagedAt }), batches, probes, stops };
  }
}
