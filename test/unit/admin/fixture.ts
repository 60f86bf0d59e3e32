/** A set-up terminal's data folder (two admins, leads, clerks, the sample list), closed, for admin tasks to open. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTerminal } from '../../fakes/terminal';
import { STAFF, SAMPLE_CSV } from '../../fakes/core';
import { testClock } from '../../clock';
import { Vault } from '../../../electron/core/vault/vault';
import type { AdminEnv, AdminIo } from '../../../electron/core/admin';
import type { AccountProtector } from '../vault/helpers';

export interface AdminFixture {
  dataDir: string;
  recoveryKey: string;
  recoveryFile: string;
  protector: AccountProtector;
  env: AdminEnv;
  policyPath: string;
}

export async function adminFixture(): Promise<AdminFixture> {
  const t = await startTerminal();
  await t.close();
  const recoveryFile = join(t.dataDir, '..', `recovery-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(recoveryFile, `# 回復キー\n${t.recoveryKey}\n`);
  return {
    dataDir: t.dataDir, recoveryKey: t.recoveryKey, recoveryFile, protector: t.protector, policyPath: t.policyPath,
    env: { dataDir: t.dataDir, access: { kind: 'slot', protector: t.protector }, terminalId: 'T-oracle01', appVersion: '1.2.3', clock: testClock, policyPath: t.policyPath },
  };
}

/** The console: each prompt is answered with the next line; what was asked is kept. */
export function consoleWith(lines: string[]): AdminIo & { prompts: string[] } {
  const queue = [...lines];
  const prompts: string[] = [];
  return { platform: 'win32', prompts, readSecret: async (p) => (prompts.push(p), queue.shift() ?? '') };
}

/** One more protected person on top of the sample list, committed straight into the vault. */
export async function addOnePerson(dataDir: string, recoveryKey: string): Promise<void> {
  const lines = readFileSync(SAMPLE_CSV, 'utf8').split(/\r?\n/).filter(Boolean);
  const extra = lines[1]!.replace(/^D0001,/, 'D9999,');
  const vault = await Vault.openWithRecovery({ dataDir }, recoveryKey);
  try {
    const r = await vault.commit(Buffer.from(`${[...lines, extra].join('\n')}\n`, 'utf8'));
    if (!r.ok) throw new Error(`commit failed: ${r.error.code}`);
  } finally {
    await vault.close();
  }
}

export const A1 = STAFF.admin1;
export const A2 = STAFF.admin2;
