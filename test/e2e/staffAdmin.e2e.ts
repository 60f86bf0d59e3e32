/**
 * Staff administration end to end in Chromium, through the real router, handlers and core (SPEC F9): the
 * logged-in administrator proposes adding a clerk, a second administrator confirms at the same terminal
 * while the new clerk types their own PIN, and the clerk can then log in. `app.bridge` records everything the
 * renderer received, so the run also proves no PIN crossed back.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { coreContext } from '../../electron/ipc/coreContext';
import { ALL_PINS, createTestCore, STAFF, type TestCore } from '../fakes/core';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { launchApp, type AppHandle } from './harness/app';

const NEW_CLERK = { staffId: 'C003', displayName: '窓口 三郎', pin: '582714' };
let app: AppHandle | null = null;
let core: TestCore | null = null;
afterEach(async () => {
  await app?.close();
  await core?.close().catch(() => undefined);
  app = null;
  core = null;
});

async function login(page: Page, who: { staffId: string; pin: string }): Promise<void> {
  await page.getByLabel('職員番号').fill(who.staffId);
  await page.getByLabel('暗証番号').fill(who.pin);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

const pinValues = (page: Page) => page.locator('input[type=password]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe('staff administration with a second person (SPEC F9)', () => {
  it('admin1 proposes adding a clerk → admin2 confirms with the clerk typing their PIN → the clerk logs in', async () => {
    core = await createTestCore();
    app = await launchApp({ context: coreContext(core) });
    const { page } = app;
    await page.getByRole('heading', { name: '職員ログイン' }).waitFor();
    await login(page, STAFF.admin1);
    await page.getByTestId('start-staff-admin').click();
    await page.getByTestId('staff-admin').waitFor();
    await expect.poll(() => page.getByTestId('staff-row-L002').count()).toBe(1);
    await app.screenshot('staff-1-list');
    await expectNoSeriousA11yViolations(page, 'staff list');

    await page.getByTestId('staff-add').click();
    await page.getByLabel('新しい職員の職員番号').fill(NEW_CLERK.staffId);
    await page.getByLabel('氏名（表示名）').fill(NEW_CLERK.displayName);
    await page.getByLabel('ご自身（提案者）の暗証番号').fill(STAFF.admin1.pin);
    await app.screenshot('staff-2-propose');
    await expectNoSeriousA11yViolations(page, 'propose');
    await page.getByRole('button', { name: '提案する' }).click();

    // The second person's screen: the change in words, who proposed it, the check code.
    await page.getByTestId('staff-confirm').waitFor();
    expect(await page.getByTestId('staff-summary').textContent()).toBe('窓口 三郎（C003）を新しく登録します。役割：窓口担当。');
    expect(await page.getByTestId('staff-proposer').textContent()).toBe('管理 一郎（A001）');
    const code = await page.getByTestId('staff-check-code').textContent();
    const proposed = app.bridge.find((r) => r.channel === 'staff:propose')!.response as { value: { changeHash: string } };
    expect(code!.replace(' ', '').toLowerCase()).toBe(proposed.value.changeHash.slice(0, 8));
    expect(await pinValues(page)).toEqual(['', '', '']);

    // The proposer cannot be the second person; every PIN field is empty again after the answer.
    await page.getByLabel('確認者の職員番号').fill(STAFF.admin1.staffId);
    await page.getByLabel('確認者の暗証番号').fill(STAFF.admin1.pin);
    await page.getByLabel('窓口 三郎さん本人の新しい暗証番号').fill(NEW_CLERK.pin);
    await page.getByLabel('新しい暗証番号（もう一度）').fill(NEW_CLERK.pin);
    await page.getByRole('button', { name: '確認して反映する' }).click();
    await expect.poll(() => page.getByTestId('staff-error').getAttribute('data-code')).toBe('E_STAFF_SAME_PERSON');
    expect(await pinValues(page)).toEqual(['', '', '']);

    await page.getByLabel('確認者の職員番号').fill(STAFF.admin2.staffId);
    await page.getByLabel('確認者の暗証番号').fill(STAFF.admin2.pin);
    await page.getByLabel('窓口 三郎さん本人の新しい暗証番号').fill(NEW_CLERK.pin);
    await page.getByLabel('新しい暗証番号（もう一度）').fill(NEW_CLERK.pin);
    await app.screenshot('staff-3-confirm');
    await expectNoSeriousA11yViolations(page, 'confirm');
    await page.getByRole('button', { name: '確認して反映する' }).click();
    await page.getByTestId('staff-notice').waitFor();
    expect(await page.getByTestId('staff-notice').textContent()).toBe('C003を登録しました。本人がログインできます。');
    await expect.poll(() => page.getByTestId('staff-row-C003').textContent()).toContain('窓口 三郎');
    await app.screenshot('staff-4-done');

    // The new clerk logs in with the PIN they typed themselves, and sees no staff administration.
    await page.getByRole('button', { name: 'ロックする' }).click();
    await login(page, NEW_CLERK);
    await page.getByTestId('session-bar').waitFor();
    expect(await page.getByTestId('session-bar').textContent()).toContain('窓口 三郎');
    await page.getByTestId('start-my-pin').waitFor();
    expect(await page.getByTestId('start-staff-admin').count()).toBe(0);

    const pins = [...ALL_PINS, NEW_CLERK.pin];
    expect(pins.filter((p) => app!.bridge.some((r) => JSON.stringify(r.response).includes(p)))).toEqual([]);
    expect(pins.filter((p) => core!.audit.text().includes(p))).toEqual([]);
    expect(core.audit.actions()).toContain('staff.change.confirmed');
  });

  it('any member changes their own PIN by keyboard; the form is cleared whatever the answer', async () => {
    core = await createTestCore();
    app = await launchApp({ context: coreContext(core) });
    const { page } = app;
    await login(page, STAFF.clerk1);
    await page.getByTestId('start-my-pin').click();
    await page.getByTestId('my-pin').waitFor();
    // Focus starts in the current-PIN field; Tab moves through the form, Enter sends it.
    await page.keyboard.type(STAFF.clerk1.pin);
    await page.keyboard.press('Tab');
    await page.keyboard.type('123456');
    await page.keyboard.press('Tab');
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('my-pin-error').getAttribute('data-code')).toBe('E_PIN_POLICY');
    expect(await pinValues(page)).toEqual(['', '', '']);
    await app.screenshot('staff-5-my-pin');
    await expectNoSeriousA11yViolations(page, 'my pin');
    await page.getByLabel('現在の暗証番号').fill(STAFF.clerk1.pin);
    await page.getByLabel('新しい暗証番号', { exact: true }).fill('915372');
    await page.getByLabel('新しい暗証番号（もう一度）').fill('915372');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.getByTestId('my-pin-done').waitFor();
    expect((await core.staff.verifyPin('C001', '915372')).ok).toBe(true);
    expect(app.bridge.some((r) => JSON.stringify(r.response).includes('915372'))).toBe(false);
  });
});
