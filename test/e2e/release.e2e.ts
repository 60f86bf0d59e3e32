/**
 * Temporary release end to end (SPEC F20, issue 22), through the real router, handlers and core: a lead and the
 * officer grant it from the issuing clerk's case with both PINs; every bad input is said in Japanese under its
 * field; the case shows who approved, what it covers and when it ends; the document's fields open for that one
 * person; and at the end the case says so and the fields are protected again.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF } from '../fakes/core';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { launchApp, type AppHandle } from './harness/app';
import { releaseCounter, type ReleaseCounter } from './harness/releaseContext';

let app: AppHandle | null = null;
let counter: ReleaseCounter | null = null;
afterEach(async () => {
  await app?.close();
  await counter?.close().catch(() => undefined);
  app = null;
  counter = null;
});

/** clerk1 opens a 住民票 request naming D0001 (伊藤　蒼, 1970-02-05) and acknowledges the warning. */
async function openMatchedCase(page: Page): Promise<void> {
  await page.getByRole('heading', { name: '職員ログイン' }).waitFor();
  await page.getByLabel('職員番号').fill(STAFF.clerk1.staffId);
  await page.getByLabel('暗証番号').fill(STAFF.clerk1.pin);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByTestId('start-counter').click();
  await page.getByTestId('open-juminhyo').click();
  await page.getByTestId('case-workspace').waitFor();
  await page.getByLabel('氏名').first().fill('架空　申出人');
  await page.getByLabel('生年月日').first().fill('昭和50年5月5日');
  await page.getByLabel('生年月日').nth(1).fill('1970-02-05');
  await page.getByLabel('氏名').nth(1).fill('伊藤　蒼');
  const dialog = page.getByRole('alertdialog');
  await dialog.getByTestId('warning-protected').waitFor();
  // Each acknowledgement re-renders the dialog; one that closes between the count and the click is not a failure.
  while (await dialog.getByRole('button', { name: '確認しました' }).count()) {
    await dialog.getByRole('button', { name: '確認しました' }).first().click({ timeout: 5_000 }).catch(() => undefined);
  }
}

const card = (page: Page) => page.locator('[data-protected="yes"]');

describe('temporary release (SPEC F20)', () => {
  it('is granted by two people from the case, shows in the case with its end, opens only its document’s fields, and re-masks at its end', async () => {
    counter = await releaseCounter();
    app = await launchApp({ context: counter.context });
    const { page } = app;
    await openMatchedCase(page);
    await expect.poll(() => card(page).getByTestId(/^masked-.*address$/).count()).toBe(1);

    await page.getByTestId('case-release').click();
    const dlg = page.getByTestId('release-grant');
    await dlg.waitFor();
    // The one person this case matched is chosen already; the document is the case's.
    expect(await dlg.getByTestId('release-person').inputValue()).toBe('D0001');
    expect(await dlg.getByTestId('release-person').locator('option:checked').textContent()).toBe('D0001（記載された方1）');
    expect(await dlg.getByTestId('release-form').inputValue()).toBe('juminhyo');
    await expect.poll(() => dlg.getByTestId('release-covers').textContent()).toBe('解除する項目：住所・方書・世帯主');
    await app.screenshot('release-1-grant');
    await expectNoSeriousA11yViolations(page, 'release');

    // Until everything is filled in, the button says why it cannot be pressed.
    expect(await dlg.getByTestId('release-submit').isDisabled()).toBe(true);
    await expect.poll(() => dlg.locator('#release-submit-why').textContent()).toBe('すべての項目と2名の暗証番号を入力すると押せます');
    // Every bad input is said under its field, in Japanese, before anything is sent.
    await dlg.getByTestId('release-reason').selectOption('court-order');
    await dlg.getByTestId('release-hours').fill('1日');
    await dlg.getByTestId('release-form').selectOption('koseki');
    await dlg.getByLabel('職員番号').first().fill(STAFF.lead1.staffId);
    await dlg.getByLabel('暗証番号').first().fill('12');
    await dlg.getByLabel('職員番号').nth(1).fill(STAFF.lead1.staffId);
    await dlg.getByLabel('暗証番号').nth(1).fill(STAFF.lead2.pin);
    await dlg.getByTestId('release-submit').click();
    await dlg.getByText('日単位の解除はできません。時間数（1〜8）で入力してください。').waitFor();
    await dlg.getByText('この案件の書類と同じ書類を選んでください。').waitFor();
    await dlg.getByText('暗証番号（6桁以上）を入力してください。').waitFor();
    await dlg.getByText('1人目と2人目は別の方にしてください（同じ職員番号です）。').waitFor();
    await app.screenshot('release-2-grant-errors');
    expect(app.bridge.some((r) => r.channel === 'list:releaseGrant')).toBe(false);
    await dlg.getByTestId('release-hours').fill('9');
    await dlg.getByText('一時解除は1時間から8時間までです。').waitFor();

    // Fixed: one person, this case's document, a reason, 2 hours, two different approvers.
    await dlg.getByTestId('release-hours').fill('2');
    await dlg.getByTestId('release-form').selectOption('juminhyo');
    await dlg.getByLabel('暗証番号').first().fill(STAFF.lead1.pin);
    await dlg.getByLabel('職員番号').nth(1).fill(STAFF.lead2.staffId);
    await dlg.getByLabel('暗証番号').nth(1).fill(STAFF.lead2.pin);
    await dlg.getByTestId('release-submit').click();
    await dlg.waitFor({ state: 'detached' });

    const active = page.getByTestId('release-active');
    await active.waitFor();
    await expect.poll(() => active.textContent()).toContain('管理番号 D0001・住民票の写し等交付請求（住所・方書・世帯主）');
    await expect.poll(() => active.textContent()).toContain(`承認：${STAFF.lead1.displayName}（${STAFF.lead1.staffId}）・${STAFF.lead2.displayName}（${STAFF.lead2.staffId}）`);
    await expect.poll(async () => /終了：令和(\d+|元)年\d+月\d+日（\d{4}年）\d\d:\d\dまで/.test((await page.getByTestId('release-until').textContent()) ?? '')).toBe(true);
    await expect.poll(async () => /あと(1時間59分|2時間0分|1時間\d+分)/.test((await page.getByTestId('release-until').textContent()) ?? '')).toBe(true);
    // The 住民票's fields open for D0001; the 本籍 does not.
    await card(page).getByLabel('住所').fill('請求書に書かれた住所');
    await expect.poll(() => card(page).getByTestId(/^masked-.*honseki$/).count()).toBe(1);
    await expect.poll(() => card(page).getByTestId(/^masked-.*address$/).count()).toBe(0);
    await app.screenshot('release-3-case-active');
    await expectNoSeriousA11yViolations(page, 'release');
    expect(counter.core.audit.events.filter((e) => e.action === 'unmask.shown').map((e) => (e.targets ?? []).map((t) => t.field))).toEqual([['address', 'katagaki', 'household']]);

    // Its end comes: the case asks main by itself, says it ended, and the fields are protected again.
    counter.advanceReleaseClock(2 * 3600);
    const ended = page.getByTestId('release-ended');
    await ended.waitFor({ timeout: 20_000 });
    await expect.poll(() => ended.textContent()).toContain('一時解除は終わりました');
    await expect.poll(() => page.getByTestId('release-ended-at').textContent()).toContain('（時間が来たため）');
    await expect.poll(() => ended.textContent()).toContain('解除した項目は、再び保護中です。');
    await expect.poll(() => card(page).getByTestId(/^masked-.*address$/).count()).toBe(1);
    await app.screenshot('release-4-ended');
    const after = [...app.bridge].reverse().find((r) => r.channel === 'case:refresh')!;
    expect(JSON.stringify(after.response)).not.toContain('請求書に書かれた住所');
  }, 120_000);
});
