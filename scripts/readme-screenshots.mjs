#!/usr/bin/env node
// Copies the README's selection of e2e screenshots (test-results/screenshots) into docs/screenshots.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const from = join(root, 'test-results/screenshots');
const to = join(root, 'docs/screenshots');
const pick = {
  'start.png': 'start-not-set-up.png',
  'setup-recovery-key.png': 'setup-2-recovery-key.png',
  'case-protected-warning.png': 'case-protected-warning.png',
  'case-masked.png': 'case-masked.png',
  'case-aitekata-alarm.png': 'case-aitekata-alarm.png',
  'incident-photo-refused.png': 'incident-3-photo-refused.png',
  'incident-approval.png': 'incident-5-approval.png',
  'incident-granted.png': 'incident-6-granted.png',
  'review-report.png': 'review-report.png',
  'incident-countdown.png': 'incident-countdown.png',
};
mkdirSync(to, { recursive: true });
let missing = 0;
for (const [name, source] of Object.entries(pick)) {
  if (!existsSync(join(from, source))) {
    console.error(`missing: ${source} (run the e2e tests first)`);
    missing++;
    continue;
  }
  copyFileSync(join(from, source), join(to, name));
}
process.exitCode = missing ? 1 : 0;
