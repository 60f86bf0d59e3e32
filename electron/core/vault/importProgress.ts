/**
 * The progress of one running import, as the setup and list-update screens poll it (rows done / total per
 * phase). One per service; `run` marks the import running for exactly as long as its body.
 */
import type { ImportPhase } from './vault';

export interface ImportProgress { running: boolean; phase: ImportPhase | 'idle'; done: number; total: number }

export class ImportProgressTracker {
  private state: ImportProgress = { running: false, phase: 'idle', done: 0, total: 0 };

  get running(): boolean {
    return this.state.running;
  }

  snapshot(): ImportProgress {
    return { ...this.state };
  }

  /** The vault's onProgress. */
  readonly report = (done: number, total: number, phase: ImportPhase): void => {
    this.state = { running: true, phase, done, total };
  };

  async run<T>(body: () => Promise<T>): Promise<T> {
    this.state = { running: true, phase: 'parse', done: 0, total: 0 };
    try {
      return await body();
    } finally {
      this.state = { ...this.state, running: false };
    }
  }
}
