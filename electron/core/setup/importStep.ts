/**
 * The first list import inside setup: the file stays in main (read from a dialog there), the renderer sees a
 * token, counts and row-level messages that never quote a value (ImportIssue), plus progress it polls.
 */
import { randomBytes } from 'node:crypto';
import { isTransactional, type AuditEvent, type AuditSink } from '../ports';
import type { ImportSummary } from '../vault/importPlan';
import { ImportProgressTracker, type ImportProgress } from '../vault/importProgress';
import type { ImportResult, Vault } from '../vault/vault';
import { setupErrors } from './errors';

export type { ImportProgress } from '../vault/importProgress';

const MAX_FILE = 200 * 1024 * 1024;

export class ImportStep {
  private held: { token: string; name: string; bytes: Buffer } | null = null;
  private readonly tracker = new ImportProgressTracker();

  hold(name: string, bytes: Uint8Array): { token: string; name: string; size: number } {
    if (bytes.length === 0 || bytes.length > MAX_FILE) throw setupErrors.noFile();
    this.forget();
    const token = randomBytes(12).toString('hex');
    this.held = { token, name, bytes: Buffer.from(bytes) };
    return { token, name, size: bytes.length };
  }

  private bytesOf(token: string): Buffer {
    if (!this.held || this.held.token !== token) throw setupErrors.noFile();
    return this.held.bytes;
  }

  async dryRun(vault: Vault, audit: AuditSink, token: string): Promise<ImportResult> {
    const r = await this.tracker.run(() => vault.dryRun(this.bytesOf(token), { onProgress: this.tracker.report }));
    await audit.append({ action: r.ok ? 'import.dry_run' : 'import.refused', actors: ['terminal'], detail: r.ok ? { total: r.summary.total, added: r.summary.added } : { code: r.error.code } });
    return r;
  }

  async commit(vault: Vault, audit: AuditSink, token: string, planHash: string, staffId: string): Promise<ImportResult> {
    const entry = (s: ImportSummary): AuditEvent => ({ action: 'import.committed', actors: [staffId], detail: { total: s.total, added: s.added, removed: s.removed.length } });
    // With the chain, the entry is written inside the import's own transaction (SPEC invariant 7).
    const r = await this.tracker.run(() => vault.commit(this.bytesOf(token), { planHash, onProgress: this.tracker.report, ...(isTransactional(audit) && { audit: { sink: audit, events: (s) => [entry(s)] } }) }));
    if (r.ok) {
      if (!isTransactional(audit)) await audit.append(entry(r.summary));
      this.forget();
    } else {
      await audit.append({ action: 'import.refused', actors: [staffId], detail: { code: r.error.code } });
    }
    return r;
  }

  progress(): ImportProgress {
    return this.tracker.snapshot();
  }

  private forget(): void {
    this.held?.bytes.fill(0);
    this.held = null;
  }
}
