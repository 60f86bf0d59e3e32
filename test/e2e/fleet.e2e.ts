/**
 * The station's screens (issue 19): the overdue panel and the imported segments on 配布と端末, and the monthly review
 * covering every terminal — per-terminal counts, anomalies named with their terminal, a clerk who looks up a lot on
 * two PCs, incidents and re-confirmations wherever they happened, and a sign-off refused while a terminal is overdue
 * until the lead records why.
 */
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { FLEET_LEAD, FLEET_SECOND, TERMINALS } from './harness/fleetContext';
import { stationAppEachTest } from './harness/stationApp';
import { personalNeedles, scanBytes } from '../unit/audit/personal';

const openStation = stationAppEachTest();

describe('the fleet at the station (issue 19)', () => {
  it('shows the overdue terminal and the edited segment, merges the month and refuses the sign-off without a reason', async () => {
    const { app, page } = await openStation();
    // The chain-break notice on the start screen: the edited segment raised it.
    await expect.poll(() => page.getByTestId('leads-panel').textContent()).toContain('監査記録の破損');
    await page.getByRole('button', { name: '月次点検' }).click();
    await page.getByRole('button', { name: '配布と端末' }).click();
    const overdue = page.getByTestId('fleet-overdue');
    await expect.poll(() => overdue.textContent()).toContain(TERMINALS[2]);
    expect(await overdue.textContent()).not.toContain(TERMINALS[0]);
    const imports = await page.getByTestId('fleet-imports').textContent();
    expect(imports).toContain('受付不可：改ざん');
    expect(imports).toContain(TERMINALS[1]);
    await expectNoSeriousA11yViolations(page, 'fleet-overdue');
    await app.screenshot('fleet-overdue');

    await page.getByRole('button', { name: '月次点検' }).click();
    await page.getByTestId('fleet-review').waitFor();
    const counts = await page.getByTestId('fleet-terminal-counts').textContent();
    for (const t of TERMINALS) expect(counts).toContain(t);
    expect(await page.getByTestId('fleet-staff').textContent()).toMatch(/^S0003：合計288件（職員の中央値は\d+件）。内訳：T-1a2b3c01 144件・T-1a2b3c02 144件$/);
    expect(await page.getByTestId('fleet-anomalies').textContent()).toContain(`${TERMINALS[2]}：`);
    // Filtered to one terminal, the anomalies are that PC's only.
    await page.getByTestId('fleet-review-terminal').selectOption(TERMINALS[0]);
    await expect.poll(() => page.getByTestId('fleet-anomalies').textContent()).not.toContain(TERMINALS[2]);
    await page.getByTestId('fleet-review-terminal').selectOption('');
    expect(await page.getByTestId('fleet-incidents').textContent()).toContain('INC-260514-K7QX（T-1a2b3c02');
    expect(await page.getByTestId('fleet-reconf').textContent()).toContain('S0002（T-1a2b3c03');
    expect(await page.getByTestId('fleet-covers').textContent()).toMatch(/T-1a2b3c01（\d+番まで）/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectNoSeriousA11yViolations(page, 'fleet-review');
    await app.screenshot('fleet-review');
    await page.getByTestId('fleet-terminal-counts').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120));
    await app.screenshot('fleet-review-terminals');

    // Two leads sign; refused while T3 is overdue, accepted with the reason, which the sign-off then shows.
    await page.getByLabel('職員番号').nth(0).fill(FLEET_LEAD.staffId);
    await page.getByLabel('暗証番号').nth(0).fill(FLEET_LEAD.pin);
    await page.getByLabel('職員番号').nth(1).fill(FLEET_SECOND.staffId);
    await page.getByLabel('暗証番号').nth(1).fill(FLEET_SECOND.pin);
    await page.getByRole('button', { name: 'この内容で承認する' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '理由を記録' }).count()).toBeGreaterThan(0);
    await page.getByLabel('記録が揃っていない理由').fill('支所の PC は修理中、6月15日に回収予定');
    await page.getByLabel('暗証番号').nth(0).fill(FLEET_LEAD.pin);
    await page.getByLabel('暗証番号').nth(1).fill(FLEET_SECOND.pin);
    await page.getByRole('button', { name: 'この内容で承認する' }).click();
    await expect.poll(() => page.getByTestId('fleet-signed').textContent()).toContain('L0001とL0002が承認しました');
    expect(await page.getByTestId('fleet-signed').textContent()).toContain(TERMINALS[2]);
    await page.getByTestId('fleet-signed').scrollIntoViewIfNeeded();
    await app.screenshot('fleet-review-signed');
    // Nothing personal crossed the bridge, and no PIN came back.
    const responses = JSON.stringify(app.bridge.map((b) => b.response));
    expect(responses).not.toContain(FLEET_LEAD.pin);
    expect(scanBytes(Buffer.from(JSON.stringify(app.bridge)), personalNeedles())).toEqual([]);
  });
});
