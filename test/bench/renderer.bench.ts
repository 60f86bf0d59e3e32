/**
 * Renderer figures (issue 6): the initial JavaScript a counter PC parses at start (gzip), and the time
 * from a keystroke in the clerk's form to the protected-person warning on screen, measured in Chromium
 * through the real IPC router and matcher (the harness), over many trials.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Report } from './run.mjs';
import { launchApp, RENDERER_DIR } from '../e2e/harness/app';
import { caseFixture } from '../e2e/harness/caseContext';
import { LOOKUP_LIMITS } from '../../shared/policy/cameraPolicy';

export const name = 'renderer';

export async function run(report: Report): Promise<void> {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+)"/g)].map((m) => m[1]!);
  const initial = scripts.reduce((n, s) => n + gzipSync(readFileSync(join(RENDERER_DIR, s))).length, 0);
  const all = readdirSync(join(RENDERER_DIR, 'assets')).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(join(RENDERER_DIR, 'assets', f))).length, 0);
  report('initial JS (gzip)', initial / 1024, 'KiB', { max: 250 });
  report('all JS (gzip)', all / 1024, 'KiB');

  // 40 protected persons in a row is a date walk to the lookup ledger (12 birth dates an hour stop a clerk, issue 14):
  // the bench measures latency, so it lifts that one limit; the limit itself is tested in test/unit/cases.
  const fx = await caseFixture({ limits: { ...LOOKUP_LIMITS, dobTriesPerStaffHour: 1000, dobTriesPerCase: 1000 } });
  const app = await launchApp({ context: fx.context });
  try {
    const { page } = app;
    // playwright-core's library has no default timeout: a selector that no longer matches would hang the bench forever.
    page.setDefaultTimeout(30_000);
    await page.getByTestId('start-counter').click();
    const samples: number[] = [];
    const trials = 40;
    for (let i = 0; i < trials; i++) {
      const target = fx.persons[(i * 7) % fx.persons.length]!;
      await page.getByTestId('open-koseki').click();
      await page.getByTestId('case-workspace').waitFor();
      const nameInput = page.getByLabel('氏名').nth(1);
      await page.getByLabel('生年月日').nth(1).fill(target.dob);
      await nameInput.fill(target.name.slice(0, -1));
      // Time from the keydown of the last character to the warning dialog in the DOM, measured in the page.
      const ms = await page.evaluate(async (last) => {
        const input = document.activeElement as HTMLInputElement;
        const seen = new Promise<number>((resolve) => {
          const obs = new MutationObserver(() => {
            if (document.querySelector('[data-testid="warning-protected"]')) {
              obs.disconnect();
              resolve(performance.now());
            }
          });
          obs.observe(document.body, { childList: true, subtree: true });
          // A warning that never comes is a failure, not a hang: give up after 10 s and let the bench say so.
          setTimeout(() => { obs.disconnect(); resolve(Number.NaN); }, 10_000);
        });
        const t0 = performance.now();
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        input.dispatchEvent(new KeyboardEvent('keydown', { key: last, bubbles: true }));
        setter.call(input, input.value + last);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return (await seen) - t0;
      }, target.name.slice(-1));
      if (Number.isNaN(ms)) throw new Error(`renderer bench: no protected-person warning within 10 s for trial ${i}`);
      samples.push(ms);
      while (await page.getByRole('button', { name: '確認しました' }).count()) await page.getByRole('button', { name: '確認しました' }).first().click();
      await page.getByRole('button', { name: '案件を閉じる' }).click();
      await page.getByRole('button', { name: '閉じる', exact: true }).click();
    }
    samples.sort((a, b) => a - b);
    report('keystroke→warning p50', samples[Math.floor(trials * 0.5)]!, 'ms');
    report('keystroke→warning p95', samples[Math.floor(trials * 0.95)]!, 'ms', { max: 50 });
  } finally {
    await app.close();
    await fx.close();
  }
}
