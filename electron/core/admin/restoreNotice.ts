/**
 * The one-time notice after a restore from the administration screen (issue 17). The restore ends every login, so
 * the screen that asked for it is gone by the time it finishes; main keeps what the login screen may say — the
 * backup's date and counts, nothing about any person — and hands it out once.
 */
import type { PendingRestore } from './pendingRestore';

export interface RestoreNotice {
  backupCreatedAt: string | null;
  persons: number;
  removed: number;
  shortened: number;
}

export class RestoreNoticeBox {
  private held: RestoreNotice | null = null;

  /** Only restores done on this app's screen: a restore run with the app closed reports on its own console. */
  keep(p: PendingRestore, persons: number): void {
    if (p.from !== 'admin-screen') return;
    this.held = { backupCreatedAt: p.backupCreatedAt ?? null, persons, removed: p.removed, shortened: p.shortened };
  }

  /** The notice, once: the second call (a reload, a second window) gets null. */
  take(): RestoreNotice | null {
    const n = this.held;
    this.held = null;
    return n;
  }
}
