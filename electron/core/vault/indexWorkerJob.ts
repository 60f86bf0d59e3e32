/**
 * Runs the blind-index build (matching/indexWorker.ts) on a worker thread for one import. The vault starts it
 * before the write transaction and awaits it inside, so a failed or killed build rolls the whole import back.
 *
 * The worker script is given by the caller because its path differs by host: the built app ships
 * `out/main/indexWorker.js`; the CLI, benches and tests run the TypeScript source through tsx.
 */
import { Worker } from 'node:worker_threads';
import { encodePersonLines, type IndexJob, type IndexWorkerMessage } from '../matching/indexJob';
import { indexedPart, type IndexedPerson } from '../matching';
import { vaultErrors } from './errors';

export interface IndexWorkerOptions {
  /** Path or file URL of the worker entry (the built `indexWorker.js`), or its loader code when `eval`. */
  script: string | URL;
  /** `script` is code to run, e.g. one that loads tsx and then the TypeScript entry (electron/cli/indexWorker.ts). */
  eval?: boolean;
  /** Extra Node flags for the worker (e.g. `--import tsx`); by default it inherits the process's flags. */
  execArgv?: string[];
  /** Heap cap of the worker's old generation, in MB; an import too large for it fails and changes nothing. */
  maxOldGenerationSizeMb?: number;
}

export interface IndexWorkerJob {
  /** The serialised index, or E_IMPORT_INDEX_FAILED. */
  readonly result: Promise<Uint8Array>;
  /** Stops the worker (after a failed write); harmless once it has finished. */
  cancel(): void;
}

const DEFAULT_HEAP_MB = 256;
const YOUNG_MB = 8;

export function startIndexWorker(
  opts: IndexWorkerOptions,
  key: Uint8Array,
  persons: readonly IndexedPerson[],
  onProgress?: (done: number, total: number) => void,
): IndexWorkerJob {
  let worker: Worker;
  try {
    worker = new Worker(opts.script, {
      ...(opts.eval && { eval: true }),
      ...(opts.execArgv && { execArgv: opts.execArgv }),
      // A small young generation: the build allocates short-lived strings at a high rate, and V8 would
      // otherwise grow the nursery to tens of MB that count against the import's 500 MB (measured −30–40 MB).
      resourceLimits: { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb ?? DEFAULT_HEAP_MB, maxYoungGenerationSizeMb: YOUNG_MB },
      stdout: false,
      stderr: false,
    });
  } catch {
    return { result: Promise.reject(vaultErrors.indexBuildFailed('start')), cancel: () => undefined };
  }
  let finished = false;
  const result = new Promise<Uint8Array>((resolve, reject) => {
    const fail = (why: string) => {
      if (finished) return;
      finished = true;
      void worker.terminate();
      reject(vaultErrors.indexBuildFailed(why));
    };
    worker.on('message', (m: IndexWorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.done, m.total);
      else if (m.type === 'done' && !finished) {
        finished = true;
        resolve(m.bytes);
        void worker.terminate();
      }
    });
    // The worker's own error text is not passed on: only its kind (e.g. out of memory) is, never a value.
    worker.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'worker-error'));
    worker.on('exit', () => fail('worker-exited'));
  });
  // A failure before the vault awaits the result (it is still writing rows) must not count as unhandled.
  result.catch(() => undefined);
  // Only the index's share of each person crosses to the worker: the sealed fields stay on this thread.
  const job: IndexJob = { key: Uint8Array.from(key), lines: encodePersonLines(persons, indexedPart), count: persons.length };
  worker.postMessage(job, [job.key.buffer as ArrayBuffer, job.lines.buffer as ArrayBuffer]);
  return {
    result,
    cancel: () => {
      if (!finished) {
        finished = true;
        void worker.terminate();
      }
    },
  };
}
