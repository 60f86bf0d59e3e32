/**
 * A list that knows its age (issue 18): the start screen names the list's version and the day of its 住基 data;
 * twenty days on, a red banner says on every screen and in the case that it may be out of date, and the case opens
 * only after a lead confirms with their PIN at this terminal (main refuses otherwise; the approval is audited).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchApp, type AppHandle } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { CASE_STAFF } from './harness/caseContext';
import { STALE_DAYS, staleListCounter } from './harness/staleListContext';

let app: AppHandle | null = null;
let fx: Awaited<ReturnType<typeof staleListCounter>> | null = null;
afterEach(async () => {
  await app?.close();
  await fx?.close();
  app = null;
  fx = null;
});

describe('the list’s age on every screen (issue 18)', () => {
  it('shows the identity and age, turns red past the limit, and asks a lead before a case opens', async () => {
    fx = await staleListCounter();
    app = await launchApp({ context: fx.context });
    const { page } = app;
    await expect.poll(() => page.getByTestId('list-identity').textContent()).toContain(`${STALE_DAYS}日前`);
    expect(await page.getByTestId('list-age-banner-app').textContent()).toContain(`住基データから${STALE_DAYS}日。上限は7日`);
    await expectNoSeriousA11yViolations(page, 'start-list-stale');
    await app.screenshot('start-list-stale');

    await page.getByTestId('start-counter').click();
    await page.getByTestId('case-lead-required').waitFor();
    expect(await page.getByTestId('case-lead-required').textContent()).toContain('14日を超えて古い');
    // Without the lead: main refuses, whatever the screen does.
    await page.getByTestId('open-juminhyo').click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '班長が暗証番号で確認するまで' }).count()).toBeGreaterThan(0);
    // A clerk's own PIN is not a lead's.
    await page.getByLabel('職員番号').fill('C001');
    await page.getByLabel('暗証番号').fill(CASE_STAFF.C001!.pin);
    await page.getByTestId('open-juminhyo').click();
    await expect.poll(() => page.getByTestId('case-workspace').count()).toBe(0);
    await page.getByLabel('職員番号').fill('L001');
    await page.getByLabel('暗証番号').fill(CASE_STAFF.L001!.pin);
    await expectNoSeriousA11yViolations(page, 'case-lead-required');
    await app.screenshot('case-lead-required');
    await page.getByTestId('open-juminhyo').click();
    await page.getByTestId('case-workspace').waitFor();
    expect(await page.getByTestId('list-age-banner-case').textContent()).toContain('古い可能性があります');
    expect(await page.getByTestId('case-list-identity').textContent()).toContain('第1版');
    await app.screenshot('case-list-stale');
    expect(fx.audit.events.filter((e) => e.action === 'fleet.stale_case_approved').map((e) => e.actors)).toEqual([['L001']]);
    expect(JSON.stringify(app.bridge.map((b) => b.response))).not.toContain(CASE_STAFF.L001!.pin);
  });
});
