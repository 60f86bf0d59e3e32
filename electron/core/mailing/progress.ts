/**
 * How far the running mailing check or reconciliation is (issue 21): rows done of rows in the file, for the
 * screen's determinate bar. IPC is request/response, so the screen polls this while its call runs; the check
 * yields between chunks of rows so the poll is answered. Counts of the file's own rows only.
 */
export type WorkKind = 'idle' | 'mailing' | 'reconcile';
export interface WorkProgressView { running: boolean; phase: WorkKind; done: number; total: number }

export class WorkProgress {
  private view: WorkProgressView = { running: false, phase: 'idle', done: 0, total: 0 };

  /** Starts a run; the reporter it returns is what the check calls with (done, total). */
  start(phase: Exclude<WorkKind, 'idle'>): (done: number, total: number) => void {
    this.view = { running: true, phase, done: 0, total: 0 };
    return (done, total) => {
      this.view = { ...this.view, done, total };
    };
  }

  /** The run ended (answered or refused): the last count stays readable, so the bar ends where the work did. */
  finish(): void {
    this.view = { ...this.view, running: false };
  }

  current(): WorkProgressView {
    return { ...this.view };
  }
}
