/**
 * The lead-facing services on one vault: the audit chain (which is also the AuditSink every other service
 * writes to), chain-break notices, the monthly review and the incident record. Main, the e2e harness and
 * the tests compose them here the same way.
 */
import { ChainBreaks, type AuditChain } from './audit';
import { openAuditChain } from './audit/open';
import { IncidentLog } from './incident';
import type { Clock, StaffAuthenticator } from './ports';
import { MonthlyReview, type OfficeHours } from './review';
import type { Vault } from './vault/vault';

export interface LeadServices {
  readonly chain: AuditChain;
  readonly breaks: ChainBreaks;
  readonly review: MonthlyReview;
  readonly incidents: IncidentLog;
  /** The clock the chain stamps events with; an export is dated by it too. */
  readonly clock: Clock;
  close(): Promise<void>;
}

export interface LeadServicesOptions {
  vault: Vault;
  dataDir: string;
  terminal: string;
  clock: Clock;
  /** The staff service (or any StaffAuthenticator); may be bound late, since staff itself audits to the chain. */
  auth: StaffAuthenticator;
  listStaff?: () => Promise<string[]>;
  officeHours?: OfficeHours;
}

/** The chain alone: open it first, hand it to every service as their AuditSink, then add the rest. */
export function openChain(o: Pick<LeadServicesOptions, 'vault' | 'dataDir' | 'terminal' | 'clock'>): Promise<AuditChain> {
  return openAuditChain(o.vault, { dataDir: o.dataDir, terminal: o.terminal, clock: o.clock });
}

export async function createLeadServices(o: LeadServicesOptions, chain?: AuditChain): Promise<LeadServices> {
  const c = chain ?? (await openChain(o));
  const review = await MonthlyReview.open({
    db: c.db, audit: c, auth: o.auth, clock: o.clock,
    ...(o.listStaff && { listStaff: o.listStaff }), ...(o.officeHours && { report: { officeHours: o.officeHours } }),
  });
  const incidents = await IncidentLog.open({ db: c.db, serviceKey: o.vault.serviceKey('incident-records'), audit: c, auth: o.auth, clock: o.clock });
  return { chain: c, breaks: new ChainBreaks(c, o.auth), review, incidents, clock: o.clock, close: () => c.close() };
}
