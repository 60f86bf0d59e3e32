/**
 * The issue-21 services (mailing check, reconciliation) over a test core, as the Terminal wires them, with the
 * issue's fixture list imported in place of the sample. The recording audit sink stands in for the chain's
 * in-transaction append. Test-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDepartmentServices } from '../../electron/core/departments';
import type { AuditEvent, TransactionalAuditSink } from '../../electron/core/ports';
import type { DepartmentsContext } from '../../electron/ipc/context';
import { testClock } from '../clock';
import type { TestCore } from './core';

export const MAILING_FIXTURES = join(__dirname, '..', 'fixtures', 'mailing');

export async function departmentsContext(
  core: TestCore,
  platform: { chooseFile: DepartmentsContext['chooseFile']; saveReport: DepartmentsContext['saveReport'] },
): Promise<DepartmentsContext> {
  const r = await core.vault.commit(readFileSync(join(MAILING_FIXTURES, 'list.csv')), { confirmRemovals: true });
  if (!r.ok) throw new Error('mailing fixture list did not import');
  const audit: TransactionalAuditSink = {
    append: (e: AuditEvent) => core.audit.append(e),
    appendInTransaction: async (es) => {
      for (const e of es) await core.audit.append(e);
    },
  };
  const services = await createDepartmentServices({ vault: core.vault, audit, auth: core.staff, clock: testClock });
  return {
    services, ...platform,
    actor: async () => {
      const s = await core.sessions.current();
      return s ? { staffId: s.staffId, roles: s.roles } : null;
    },
  };
}
