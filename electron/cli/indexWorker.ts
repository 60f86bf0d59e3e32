/**
 * The CLI runs from the TypeScript sources under tsx, so its index worker (electron/core/matching/indexWorker.ts)
 * must load tsx first: Node 20 does not carry `--import` loaders into worker threads. The built app uses
 * out/main/indexWorker.js instead (electron/app/main.ts).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { IndexWorkerOptions } from '../core/vault/indexWorkerJob';

export function sourceIndexWorker(): IndexWorkerOptions {
  const entry = join(__dirname, '../core/matching/indexWorker.ts');
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return { script: `require(${JSON.stringify(tsx)});\nrequire(${JSON.stringify(entry)});`, eval: true };
}
