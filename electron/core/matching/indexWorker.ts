/**
 * Worker-thread entry that builds the blind index (SPEC F2) while the import's main thread encrypts and
 * writes the rows: on a 2-core counter PC the two halves of a 100,000-person import then run side by side.
 * It receives only what the index needs (names, readings, dates, 相手方 — never a sealed field) and the
 * index key, and answers with the serialised index; nothing is written anywhere from here.
 *
 * Protocol: one `IndexJob` in; `{ type: 'progress', done, total }`… then `{ type: 'done', bytes }`. The persons
 * come as UTF-8 JSON lines in one transferred buffer — no copy on the way, where 100,000 objects would be
 * cloned field by field and held twice — and are parsed one at a time while the index grows.
 */
import { parentPort } from 'node:worker_threads';
import { personLines, type IndexJob, type IndexWorkerMessage } from './indexJob';
import { createHmacKeyer } from './keyer';
import { Matcher } from './matcher';

const port = parentPort;
if (!port) throw new Error('indexWorker runs only as a worker thread');
port.once('message', (job: IndexJob) => {
  const keyer = createHmacKeyer(job.key);
  job.key.fill(0);
  const matcher = Matcher.buildFrom(personLines(job.lines), job.count, keyer, (done, total) => port.postMessage({ type: 'progress', done, total } satisfies IndexWorkerMessage));
  const bytes = matcher.serialize();
  port.postMessage({ type: 'done', bytes } satisfies IndexWorkerMessage, [bytes.buffer as ArrayBuffer]);
});
