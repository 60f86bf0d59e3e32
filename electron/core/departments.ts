/**
 * The services beyond the counter (issue 21) on one vault: the mailing check for other departments' outgoing
 * batches and the reconciliation with other systems' suppression lists. One set of probe counters, kept in the
 * vault, serves both, so neither file kind is a way around the other's limit and a restart resets neither.
 * Main, the e2e harness and the tests compose them here.
 */
import { HeldFiles } from './mailing/heldFiles';
import { MailingService, MappingStore, type MailingDirectory } from './mailing';
import { VaultProbeCounters } from './mailing/probeStore';
import type { ProbeLimits } from './mailing/probeState';
import { WorkProgress } from './mailing/progress';
import { ReconcileService, ReconcileStore } from './reconcile';
import type { Clock, StaffAuthenticator, TransactionalAuditSink } from './ports';
import type { Vault } from './vault/vault';

export interface DepartmentServices {
  readonly mailing: MailingService;
  readonly mappings: MappingStore;
  readonly reconcile: ReconcileService;
  readonly findings: ReconcileStore;
  readonly files: HeldFiles;
  readonly progress: WorkProgress;
}

export async function createDepartmentServices(o: { vault: Vault; audit: TransactionalAuditSink; auth: StaffAuthenticator; clock: Clock; limits?: ProbeLimits }): Promise<DepartmentServices> {
  const { vault, audit, auth, clock } = o;
  const directory = (): MailingDirectory => vault;
  const counters = await VaultProbeCounters.open({ db: vault.database, serviceKey: vault.serviceKey('mailing-counters'), audit, clock, ...(o.limits && { limits: o.limits }) });
  const mappings = await MappingStore.open(vault.database, vault.serviceKey('mailing-mappings'), audit);
  const findings = await ReconcileStore.open({ db: vault.database, serviceKey: vault.serviceKey('reconcile-findings'), audit, auth, clock, roster: () => vault.roster() });
  return {
    mailing: new MailingService({ directory, clock, counters }),
    mappings,
    reconcile: new ReconcileService({ directory, roster: () => vault.roster(), store: findings, clock, counters }),
    findings,
    files: new HeldFiles(clock),
    progress: new WorkProgress(),
  };
}
