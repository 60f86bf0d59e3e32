/**
 * What passes between an import and its index worker (indexWorker.ts). Kept apart from the worker entry,
 * which runs its protocol as soon as it is loaded and so must only ever be loaded as a worker.
 */
import type { IndexedPerson } from './matcher';

export interface IndexJob {
  key: Uint8Array;
  /** One JSON line per person (IndexedPerson), in list order, UTF-8. */
  lines: Uint8Array;
  count: number;
}

/** Encodes persons for an IndexJob, growing one buffer rather than holding a string of the whole list. */
export function encodePersonLines(persons: readonly IndexedPerson[], part: (p: IndexedPerson) => IndexedPerson = (p) => p): Uint8Array {
  const enc = new TextEncoder();
  let buf = new Uint8Array(Math.max(1024, persons.length * 256));
  let at = 0;
  for (const p of persons) {
    const line = `${JSON.stringify(part(p))}\n`;
    // A UTF-16 code unit becomes at most 3 UTF-8 bytes.
    if (buf.length - at < line.length * 3) {
      const next = new Uint8Array(Math.max(buf.length * 2, at + line.length * 3));
      next.set(buf.subarray(0, at));
      buf = next;
    }
    at += enc.encodeInto(line, buf.subarray(at)).written;
  }
  return buf.slice(0, at);
}

/** The persons of an IndexJob, one line at a time. */
export function* personLines(lines: Uint8Array): Generator<IndexedPerson> {
  const dec = new TextDecoder();
  for (let at = 0; at < lines.length; ) {
    const end = lines.indexOf(0x0a, at);
    const stop = end < 0 ? lines.length : end;
    yield JSON.parse(dec.decode(lines.subarray(at, stop))) as IndexedPerson;
    at = stop + 1;
  }
}

export type IndexWorkerMessage = { type: 'progress'; done: number; total: number } | { type: 'done'; bytes: Uint8Array };
