/**
 * The services beyond the counter (issue 21) on one vault: the mailing check for other departments' outgoing
 * batches and the reconciliation with other systems' suppression lists. One address-probe ledger serves both,
 * so neither file kind is a way around the other's limit. Main, the e2e harness and the tests compose them here.
 */
import { HeldFiles } from './mailing/heldFiles';
import { MailingService, MappingStore, type MailingDirectory } from './mailing';
import { AddressProbeLedger } from './mailing/probeLedger';
import { ReconcileService, ReconcileStore } from './reconcile';
import type { Clock, StaffAuthenticator, TransactionalAuditSink } from './ports';
import type { Vault } from './vault/vault';

export interface DepartmentServices {
  readonly mailing: MailingService;
  readonly mappings: MappingStore;
  readonly reconcile: ReconcileService;
  readonly findings: ReconcileStore;
  readonly files: HeldFiles;
}

export async function createDepartmentServices(o: { vault: Vault; audit: TransactionalAuditSink; auth: StaffAuthenticator; clock: Clock }): Promise<DepartmentServices> {
  const { vault, audit, auth, clock } = o;
  const directory = (): MailingDirectory => vault;
  const ledger = new AddressProbeLedger(clock);
  const mappings = await MappingStore.open(vault.database, vault.serviceKey('mailing-mappings'), audit);
  const findings = await ReconcileStore.open({ db: vault.database, serviceKey: vault.serviceKey('reconcile-findings'), audit, auth, clock });
  return {
    mailing: new MailingService({ directory, audit, clock, ledger }),
    mappings,
    reconcile: new ReconcileService({ directory, roster: () => vault.roster(), store: findings, clock, ledger }),
    findings,
    files: new HeldFiles(clock),
  };
}
