/**
 * SPEC F19 / issue 22: the channel is chosen with the form, shown in the case header, and a 電話 request that
 * matches a protected person stops under a coded heading with the refusal script and its one-click record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchApp, type AppHandle } from './harness/app';
import { caseFixture, type CaseFixture } from './harness/caseContext';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { fullCounter, type FullCounter } from './harness/fullContext';
import { addStaff, STAFF } from '../fakes/core';

const CONTRACTOR = { staffId: 'K001', displayName: '委託 一子', pin: '615283', roles: ['contractor' as const] };

let app: AppHandle | null = null;
let fx: CaseFixture | null = null;
let counter: FullCounter | null = null;
afterEach(async () => {
  await app?.close();
  await fx?.close();
  await counter?.close();
  app = null;
  fx = null;
  counter = null;
});

describe('case channels (SPEC F19)', () => {
  it('the clerk picks 電話 before the form; a match stops the case for the lead with the refusal script, and the refusal is recorded', async () => {
    fx = await caseFixture();
    app = await launchApp({ context: fx.context });
    const { page } = app;
    await page.getByTestId('start-counter').click();
    const choice = page.getByTestId('channel-choice');
    await choice.waitFor();
    // 窓口 is preselected; all five channels are offered.
    expect(await choice.getByRole('radio').count()).toBe(5);
    expect(await page.getByTestId('channel-counter').isChecked()).toBe(true);
    await page.getByLabel('電話').check();
    await expectNoSeriousA11yViolations(page, 'channel-choice');
    await app.screenshot('channel-choice');
    await page.getByTestId('open-juminhyo').click();
    await page.getByTestId('case-workspace').waitFor();
    expect(await page.getByTestId('case-channel').innerText()).toBe('受付：電話');
    expect(await page.getByTestId('phone-script').first().innerText()).toContain('お住まいでないかも、お答えできません');

    const target = fx.persons.find((p) => p.aitekata.length === 0 && p.state === '本措置')!;
    // A name alone (a possible match) is enough to stop a phone case: nobody is there to show an ID.
    await page.getByLabel('氏名').nth(1).fill(target.name);
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.getByTestId('warning-remoteChannel').count()).toBe(1);
    // Readable across the counter (or down the phone) is only the code, never what it means.
    const heading = await dialog.getByTestId('warning-remoteChannel').locator('h3').innerText();
    expect(heading).toBe('確認事項B：班長の対応が必要です');
    expect(heading).not.toMatch(/支援措置|保護|相手方/);
    // A name-only possible earns no 管理番号: the strip names the person on the form, with no empty brackets.
    expect(await page.getByTestId('protected-strip').textContent()).not.toMatch(/（\s*）|\(\s*\)/);
    await expectNoSeriousA11yViolations(page, 'phone-stop');
    await app.screenshot('phone-stop');
    await dialog.getByTestId('phone-refusal').click();
    await expect.poll(async () => (await dialog.getByRole('status').allInnerTexts()).join(' ')).toMatch(/控え番号 [A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(fx.audit.events.some((e) => e.action === 'case.phone_refused')).toBe(true);
    await app.screenshot('phone-refusal-recorded');
  });

  it('a 委託 login is stopped at a match with 確認事項C and a 職員 takes the case over with their own PIN', async () => {
    counter = await fullCounter();
    await addStaff(counter.core, CONTRACTOR);
    app = await launchApp({ context: counter.context });
    const { page } = app;
    await page.getByLabel('職員番号').fill(CONTRACTOR.staffId);
    await page.getByLabel('暗証番号').fill(CONTRACTOR.pin);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByTestId('start-counter').click();
    await page.getByTestId('open-juminhyo').click();
    await page.getByTestId('case-workspace').waitFor();
    expect(await page.getByTestId('case-contractor').innerText()).toBe('委託職員が受付中');
    await page.getByLabel('氏名').nth(1).fill('伊藤　蒼');
    const dialog = page.getByRole('alertdialog');
    await dialog.getByTestId('warning-contractorStop').waitFor();
    // The 委託 login is offered nothing to acknowledge: only the 職員's takeover.
    expect(await dialog.getByRole('button', { name: '確認しました' }).count()).toBe(0);
    expect(await dialog.getByTestId('warning-contractorStop').locator('h3').innerText()).toBe('確認事項C：職員が引き継ぎます');
    // The one to call in a 委託 stop is a 職員 (docs/glossary.md), not the 班長.
    expect(await dialog.getByTestId('call-button').innerText()).toBe('職員を呼ぶ');
    await expectNoSeriousA11yViolations(page, 'contractor-stop');
    await app.screenshot('contractor-stop');
    await dialog.getByLabel('引き継ぐ職員の職員番号').fill(STAFF.clerk1.staffId);
    await dialog.getByLabel('引き継ぐ職員の暗証番号').fill(STAFF.clerk1.pin);
    await dialog.getByRole('button', { name: '職員として引き継ぐ' }).click();
    await dialog.getByTestId('warning-protected').waitFor();
    expect(await page.getByTestId('case-contractor').count()).toBe(0);
    expect(counter.core.sessions.currentStaffId()).toBe(STAFF.clerk1.staffId);
    await app.screenshot('contractor-taken-over');
  });
});
