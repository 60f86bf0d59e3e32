/**
 * The station's audit viewer (issue 19): the merged audit of the station and three terminals, filtered by 端末番号 —
 * the heading names the terminal, the table shows its entries only, and the saved export says the same.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchApp, type AppHandle } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { fleetFixture, TERMINALS, type FleetFixture } from './harness/fleetContext';

let app: AppHandle | null = null;
let fx: FleetFixture | null = null;
afterEach(async () => {
  await app?.close();
  await fx?.close();
  app = null;
  fx = null;
});

describe('the audit viewer at the station (issue 19)', () => {
  it('filters the merged audit by 端末番号 and names the terminal in the heading and the export', async () => {
    fx = await fleetFixture();
    const saved: { name: string; content: string }[] = [];
    const context = { ...fx.context, leads: { ...fx.context.leads!, saveExport: async (content: string, name: string) => (saved.push({ name, content }), { location: `D:\\監査\\${name}` }) } };
    app = await launchApp({ context });
    const { page } = app;
    await page.getByRole('button', { name: '月次点検' }).click();
    await page.getByRole('navigation').getByRole('button', { name: '監査記録' }).click();
    const heading = page.getByTestId('audit-heading');
    await expect.poll(() => heading.textContent()).toBe('監査記録（全端末）');
    const table = page.getByTestId('audit-table');
    const terminalsShown = async () => new Set(await table.locator('tbody td.terminal-id').allTextContents());
    await expect.poll(async () => (await terminalsShown()).size).toBeGreaterThan(2);

    await page.getByLabel('端末番号').selectOption(TERMINALS[1]);
    await page.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => heading.textContent()).toBe(`監査記録（端末番号 ${TERMINALS[1]}）`);
    expect(await terminalsShown()).toEqual(new Set([TERMINALS[1]]));
    await expectNoSeriousA11yViolations(page, 'audit-terminal');
    await app.screenshot('audit-terminal-filter');

    await page.getByRole('button', { name: '印刷用（PDF）で保存' }).click();
    await expect.poll(() => saved.length).toBe(1);
    expect(saved[0]!.name).toContain(TERMINALS[1]);
    expect(saved[0]!.content).toContain(`監査記録（端末番号 ${TERMINALS[1]}）`);
    expect(saved[0]!.content).toContain(`条件: 端末番号 ${TERMINALS[1]}`);
    expect(saved[0]!.content).not.toContain(`<td>${TERMINALS[0]}</td>`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('件を保存しました');
  });
});
