/**
 * The issue-21 services (mailing check, reconciliation) over a test core, as the Terminal wires them, with the
 * issue's fixture list imported in place of the sample. The entries go to a real audit chain on the vault
 * (the probe counters are checked against it) and are copied to the core's recording sink. Test-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditChain } from '../../electron/core/audit';
import { createDepartmentServices } from '../../electron/core/departments';
import type { ProbeLimits } from '../../electron/core/mailing/probeState';
import type { AuditEvent, TransactionalAuditSink } from '../../electron/core/ports';
import { createLeadServices } from '../../electron/core/leads';
import type { DepartmentsContext, LeadsContext } from '../../electron/ipc/context';
import type { TestCore } from './core';

export const MAILING_FIXTURES = join(__dirname, '..', 'fixtures', 'mailing');

export async function departmentsContext(
  core: TestCore,
  platform: { chooseFile: DepartmentsContext['chooseFile']; saveReport: DepartmentsContext['saveReport'] },
  limits?: ProbeLimits,
): Promise<DepartmentsContext> {
  return (await departmentsAndLeads(core, platform, limits)).departments;
}

/**
 * The same, plus the lead services on the same audit chain, as the Terminal composes them when the vault is open:
 * the start screen's lead panel then shows (and carries the red reconciliation line).
 */
export async function departmentsAndLeads(
  core: TestCore,
  platform: { chooseFile: DepartmentsContext['chooseFile']; saveReport: DepartmentsContext['saveReport'] },
  limits?: ProbeLimits,
): Promise<{ departments: DepartmentsContext; leads: LeadsContext }> {
  const r = await core.vault.commit(readFileSync(join(MAILING_FIXTURES, 'list.csv')), { confirmRemovals: true });
  if (!r.ok) throw new Error('mailing fixture list did not import');
  const chain = await openAuditChain(core.vault, { dataDir: core.dataDir, terminal: 'T-depts01', clock: core.clock, dailyCheckpoint: false });
  const audit: TransactionalAuditSink = {
    append: async (e: AuditEvent) => {
      await core.audit.append(e);
      await chain.append(e);
    },
    appendInTransaction: async (es) => {
      for (const e of es) await core.audit.append(e);
      await chain.appendInTransaction(es);
    },
  };
  const services = await createDepartmentServices({ vault: core.vault, audit, auth: core.staff, clock: core.clock, ...(limits && { limits }) });
  const actor = async () => {
    const s = await core.sessions.current();
    return s ? { staffId: s.staffId, roles: s.roles } : null;
  };
  const lead = await createLeadServices({ vault: core.vault, dataDir: core.dataDir, terminal: 'T-depts01', clock: core.clock, auth: core.staff }, chain);
  return { departments: { services, ...platform, actor }, leads: { services: lead, saveExport: async (_c, fileName) => ({ location: fileName }), actor } };
}
