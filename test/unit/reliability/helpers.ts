/** Shared by the reliability suite (issue 15): a vault with the sample list, small lists derived from it, the CLI. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { Vault } from '../../../electron/core/vault/vault';
import { FIXTURES, REPO_ROOT } from '../vault/helpers';

export const SAMPLE = join(FIXTURES, 'protected-sample.csv');

/** The sample list without its last `drop` rows (each dropped row is a removal), as a file in `dir`. */
export function sampleWithout(dir: string, drop: number, name = `minus-${drop}.csv`): { file: string; removed: string[] } {
  const lines = readFileSync(SAMPLE, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const kept = lines.slice(0, lines.length - drop);
  const removed = lines.slice(lines.length - drop).map((l) => l.split(',')[0]!);
  const file = join(dir, name);
  writeFileSync(file, `${kept.join('\r\n')}\r\n`);
  return { file, removed };
}

export async function vaultWithSample(dataDir: string): Promise<{ recoveryKey: string }> {
  const { vault, recoveryKey } = await Vault.create({ dataDir });
  const r = await vault.commit(readFileSync(SAMPLE));
  if (!r.ok) throw new Error('sample import failed');
  await vault.close();
  return { recoveryKey };
}

export interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export function runNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export const cli = (...args: string[]): Promise<Run> => runNode([join(REPO_ROOT, 'electron/cli/main.ts'), ...args]);

/** The actions in the vault's audit log, oldest first, with their targets (ids only). */
export async function auditRows(vault: Vault): Promise<{ action: string; targets: { recordId?: string }[] }[]> {
  const rows = await vault.database.all<{ action: string; targets: string }>('SELECT action, targets FROM audit_log ORDER BY seq');
  return rows.map((r) => ({ action: r.action, targets: JSON.parse(r.targets) as { recordId?: string }[] }));
}

export function rawSql(file: string, sql: string, params: unknown[] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (e) => {
      if (e) return reject(e);
      db.all(sql, params, (err, rows) => db.close(() => (err ? reject(err) : resolve(rows))));
    });
  });
}

export const dbFile = (dir: string): string => join(dir, readFileSync(join(dir, 'CURRENT'), 'utf8').trim());

/** The recovery key as the CLI reads it: a file. */
export function keyFile(dir: string, recoveryKey: string): string {
  const f = join(dir, 'recovery.txt');
  writeFileSync(f, `${recoveryKey}\n`, { mode: 0o600 });
  return f;
}

/** The first "エラー [CODE]" line of a CLI run. */
export const errorCode = (r: Run): string | undefined => /エラー \[(E_[A-Z0-9_]+)\]/.exec(r.stderr)?.[1];
