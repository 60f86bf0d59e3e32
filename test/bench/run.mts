/**
 * `npm run bench`: runs every test/bench/*.bench.ts in turn (or those named on the command line)
 * and prints one JSON line per measurement to stdout, plus a readable table at the end.
 * Each bench module exports `name` and `run(report)`; `report(metric, value, unit, target?)` records one figure.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

export interface Measurement { bench: string; metric: string; value: number; unit: string; target?: string; pass?: boolean }
export type Report = (metric: string, value: number, unit: string, target?: { max?: number; min?: number }) => void;

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const all: Measurement[] = [];
console.error(`# machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { name: string; run(report: Report): Promise<void> };
  const report: Report = (metric, value, unit, target) => {
    const m: Measurement = { bench: mod.name, metric, value: Math.round(value * 1000) / 1000, unit };
    if (target) {
      m.target = target.max !== undefined ? `<= ${target.max}` : `>= ${target.min}`;
      m.pass = target.max !== undefined ? value <= target.max : value >= (target.min ?? -Infinity);
    }
    all.push(m);
    console.log(JSON.stringify(m));
  };
  console.error(`# ${mod.name} …`);
  await mod.run(report);
}
console.error('\n| bench | metric | value | unit | target | ok |\n|---|---|---|---|---|---|');
for (const m of all) console.error(`| ${m.bench} | ${m.metric} | ${m.value} | ${m.unit} | ${m.target ?? ''} | ${m.pass === undefined ? '' : m.pass ? '✓' : '✗'} |`);
if (all.some((m) => m.pass === false)) process.exitCode = 1;
