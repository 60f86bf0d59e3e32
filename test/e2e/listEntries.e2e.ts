/**
 * Hand entries and the lead's period alerts end to end (SPEC F8, issue 22), in Chromium through the real router,
 * vault, staff and ManualEntryService. Screenshots at 1366×768: test-results/screenshots/entries-*.png.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ListUpdateService, ManualEntryService } from '../../electron/core/list';
import { coreContext } from '../../electron/ipc/coreContext';
import { createTestCore, STAFF, type TestCore } from '../fakes/core';
import { testPolicyContext } from '../fakes/policy';
import { launchApp, type AppHandle } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { sampleListClock } from '../clock';

let app: AppHandle | null = null;
let core: TestCore | null = null;
afterEach(async () => {
  await app?.close();
  await core?.close().catch(() => undefined);
  app = null;
  core = null;
});

async function launch(c: TestCore): Promise<AppHandle> {
  return launchApp({
    context: {
      ...coreContext(c),
      policy: testPolicyContext({ audit: c.audit, actor: 'terminal' }),
      list: {
        service: new ListUpdateService({ vault: c.vault, audit: c.audit, auth: c.staff, clock: sampleListClock }),
        entries: new ManualEntryService({ vault: c.vault, audit: c.audit, auth: c.staff, clock: sampleListClock }),
        actor: async () => {
          const s = await c.sessions.current();
          return s ? { staffId: s.staffId, roles: s.roles } : null;
        },
        chooseListFile: async () => null,
        saveBundle: async () => ({ saved: false, location: '' }),
      },
    },
  });
}

/** A fresh core, the app over it, and `who` signed in on the start screen. */
async function launchSignedIn(who: { staffId: string; pin: string }): Promise<{ c: TestCore; app: AppHandle; page: Page }> {
  // The sample list's periods are fixed dates written for TEST_EPOCH (test/clock.ts): the same day on every run.
  core = await createTestCore({ clock: sampleListClock });
  app = await launch(core);
  const { page } = app;
  await page.getByLabel('職員番号').fill(who.staffId);
  await page.getByLabel('暗証番号').fill(who.pin);
  await page.getByRole('button', { name: 'ログイン' }).click();
  return { c: core, app, page };
}

/** The 職員番号 and 暗証番号 of the proposing or the confirming lead on the entry form. */
async function signAs(page: Page, role: 'proposer' | 'confirmer', who: { staffId: string; pin: string }): Promise<void> {
  await page.locator(`#entry-${role}-id`).fill(who.staffId);
  await page.locator(`#entry-${role}-pin`).fill(who.pin);
}

describe('hand entries and period alerts (SPEC F8, issue 22)', () => {
  it('the lead sees who ends within a month and who is past their end, and extends one with a second lead', async () => {
    const { c, app, page } = await launchSignedIn(STAFF.lead1);
    const panel = page.getByTestId('expiry-alerts');
    await panel.waitFor();
    await panel.getByTestId('expiry-D0001').waitFor();
    expect(await panel.getByTestId('expiry-D0001').innerText()).toContain('終了日 令和8年6月16日');
    expect(await page.getByTestId('expiry-expired').getByTestId('expiry-D0008').count()).toBe(1);
    expect(await page.getByTestId('expiry-expired').innerText()).toContain('伏せたまま');
    await page.getByTestId('expiry-alerts').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await expectNoSeriousA11yViolations(page, 'expiry alerts');
    await app.screenshot('entries-1-alerts');

    await panel.getByTestId('expiry-D0001').getByRole('button', { name: '延長する' }).click();
    await page.getByTestId('list-entries').waitFor();
    expect(await page.getByTestId('entry-kind-extend').isChecked()).toBe(true);
    expect(await page.getByLabel('管理番号').inputValue()).toBe('D0001');
    await page.getByLabel('理由').selectOption('extension-applied');
    await signAs(page, 'proposer', STAFF.lead1);
    await page.getByTestId('entry-propose').click();
    await page.getByTestId('entry-review').waitFor();
    expect(await page.getByTestId('entry-review-end').innerText()).toBe('令和9年6月16日（2027年）');
    // The proposer cannot be the confirmer.
    await signAs(page, 'confirmer', STAFF.lead1);
    await page.getByTestId('entry-confirm').click();
    await expect.poll(() => page.getByTestId('setup-error').getAttribute('data-code')).toBe('E_LIST_ENTRY_SAME_PERSON');
    expect((await c.vault.person('D0001')).endDate).toBe('2026-06-16');
    await signAs(page, 'confirmer', STAFF.lead2);
    await expectNoSeriousA11yViolations(page, 'entry review');
    await app.screenshot('entries-2-extend-review');
    await page.getByTestId('entry-confirm').click();
    await page.getByTestId('entry-done').waitFor();
    expect(await page.getByTestId('entry-done').innerText()).toContain('令和9年6月16日（2027年）');
    expect((await c.vault.person('D0001')).endDate).toBe('2027-06-16');
  });

  it('a person applied for at the counter today is added by two leads, with problems shown under their fields first', async () => {
    const { c, app, page } = await launchSignedIn(STAFF.lead1);
    await page.getByTestId('go-list-entries').click();
    await page.getByTestId('list-entries').waitFor();
    await page.locator('#entry-name').fill('早川　澄江');
    await page.locator('#entry-kana').fill('ハヤカワ　スミエ');
    await page.locator('#entry-dob').fill('昭和52年2月30日');
    await page.locator('#entry-address').fill('神奈川県中郡二宮町中里3丁目8番1号');
    await page.locator('#entry-startDate').fill('令和8年6月10日');
    // The day the field read, 和暦 first at body size; an impossible day (2月30日) gets no read-back, only the error.
    expect(await page.locator('#entry-startDate-parsed').innerText()).toBe('読み取った日付：令和8年6月10日（2026年）');
    expect(await page.locator('#entry-dob-parsed').count()).toBe(0);
    await page.getByLabel('理由').selectOption('counter-application');
    await signAs(page, 'proposer', STAFF.lead1);
    await page.getByTestId('entry-propose').click();
    await expect.poll(() => page.locator('#entry-dob-error').count()).toBe(1);
    expect(await page.locator('#entry-dob-error').innerText()).toContain('存在しない日付');
    expect(await page.locator('#entry-dob').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#entry-name').evaluate((e) => e.closest('.field')!.scrollIntoView({ block: 'start' }));
    await app.screenshot('entries-3-add-problem');

    await page.locator('#entry-dob').fill('昭和52年4月3日');
    await page.locator('#entry-proposer-pin').fill(STAFF.lead1.pin);
    await page.getByTestId('entry-propose').click();
    await page.getByTestId('entry-review').waitFor();
    expect(await page.getByTestId('entry-review-id').innerText()).toBe('M20260610-001');
    await signAs(page, 'confirmer', STAFF.lead2);
    await page.getByTestId('entry-confirm').click();
    await page.getByTestId('entry-done').waitFor();
    await app.screenshot('entries-4-added');
    expect(c.vault.match({ name: '早川澄江', dob: '1977-04-03' }).ids).toEqual(['M20260610-001']);
  });
});
