/**
 * SPEC F19 / issue 22: the channel is chosen with the form, shown in the case header, and a 電話 request that
 * matches a protected person stops under a coded heading with the refusal script and its one-click record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchApp, type AppHandle } from './harness/app';
import { caseFixture, type CaseFixture } from './harness/caseContext';
import { expectNoSeriousA11yViolations } from './harness/a11y';

let app: AppHandle | null = null;
let fx: CaseFixture | null = null;
afterEach(async () => {
  await app?.close();
  await fx?.close();
  app = null;
  fx = null;
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
    await expectNoSeriousA11yViolations(page, 'phone-stop');
    await app.screenshot('phone-stop');
    await dialog.getByTestId('phone-refusal').click();
    await expect.poll(async () => (await dialog.getByRole('status').allInnerTexts()).join(' ')).toMatch(/控え番号 [A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(fx.audit.events.some((e) => e.action === 'case.phone_refused')).toBe(true);
    await app.screenshot('phone-refusal-recorded');
  });
});
