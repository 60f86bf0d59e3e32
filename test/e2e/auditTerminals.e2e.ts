/**
 * The station's audit viewer (issue 19): the merged audit of the station and three terminals, filtered by 端末番号 —
 * the heading names the terminal, the table shows its entries only, and the saved export says the same. And the mode
 * section of 配布と端末 (issue 18): it asks for two administrators, and one alone is refused in Japanese.
 */
import { describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { TERMINALS } from './harness/fleetContext';
import { stationAppEachTest } from './harness/stationApp';

const openStation = stationAppEachTest();

describe('the audit viewer at the station (issue 19)', () => {
  it('filters the merged audit by 端末番号 and names the terminal in the heading and the export', async () => {
    const saved: { name: string; content: string }[] = [];
    const { app, page } = await openStation((fx) => ({ ...fx.context, leads: { ...fx.context.leads!, saveExport: async (content: string, name: string) => (saved.push({ name, content }), { location: `D:\\監査\\${name}` }) } }));
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
    expect(saved[0]!.content).toContain(`条件：端末番号 ${TERMINALS[1]}`);
    expect(saved[0]!.content).not.toContain(`<td>${TERMINALS[0]}</td>`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('件を保存しました');
  });

  it('changing this PC\'s role asks for two administrators; an administrator with a lead is refused and nothing changes', async () => {
    // An administrator is logged in at the station (the session opens the section; the two PINs decide).
    const { app, fx, page } = await openStation((f) => ({ ...f.context, fleet: { runtime: f.runtime, actor: async () => ({ staffId: 'A0001', roles: ['admin'] }) } }));
    await page.getByRole('button', { name: '月次点検' }).click();
    await page.getByRole('button', { name: '配布と端末' }).click();
    const config = page.getByTestId('fleet-config');
    await config.scrollIntoViewIfNeeded();
    const save = config.getByRole('button', { name: '設定する' });
    expect(await save.isDisabled()).toBe(true);
    expect(await config.textContent()).toContain('管理者2名の職員番号と暗証番号を入力してください');
    const fill = async (i: number, staffId: string, pin: string) => {
      await config.getByLabel('職員番号').nth(i).fill(staffId);
      await config.getByLabel('暗証番号').nth(i).fill(pin);
    };
    await fill(0, 'A0001', '682015');
    await fill(1, 'A0001', '682015');
    expect(await config.textContent()).toContain('2人目には1人目と別の管理者が入力してください');
    await config.scrollIntoViewIfNeeded();
    await app.screenshot('fleet-mode-two-admins');
    // A lead as the second person: main refuses it (E_FLEET_SECOND_ADMIN), the role stays 本部.
    await fill(1, 'L0001', '482915');
    await config.getByLabel('役割').selectOption('single');
    await save.click();
    // Said beside the button, in Japanese, with what to do next.
    await expect.poll(() => config.getByRole('alert').filter({ hasText: '管理者2名（別々の人）' }).count()).toBe(1);
    expect(await config.getByRole('alert').textContent()).toContain('もう1人の管理者に来てもらい');
    expect(fx.runtime.config.mode).toBe('station');
    expect(await page.getByTestId('fleet-mode').textContent()).toBe('本部（配布元）');
    expect(await config.getByLabel('暗証番号').nth(0).inputValue()).toBe('');
    await config.scrollIntoViewIfNeeded();
    await app.screenshot('fleet-mode-refused');
    // A terminal after a lineage re-key needs the first sheet too (vault/rekey.ts): an optional field, terminal mode only.
    expect(await config.getByLabel('初期設定の回復キー（鍵の作り直しの後だけ）').count()).toBe(0);
    await config.getByLabel('役割').selectOption('terminal');
    const sheet = config.getByLabel('初期設定の回復キー（鍵の作り直しの後だけ）');
    expect(await sheet.getAttribute('type')).toBe('password');
    expect(await sheet.inputValue()).toBe('');
    expect(await config.textContent()).toContain('作り直していなければ空欄のままにします');
  });
});
