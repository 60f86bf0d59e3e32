import { afterEach, describe, expect, it } from 'vitest';
import { launchApp, type AppHandle } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { LEAD, leadsFixture, SECOND, type LeadsFixture } from './harness/leadsContext';
import { personalNeedles, scanBytes, scanFolder } from '../unit/audit/personal';
import { testNowMs } from '../clock';
import { formatMonth } from '../../renderer/src/ui/format';

let app: AppHandle | null = null;
let fx: LeadsFixture | null = null;
afterEach(async () => {
  await app?.close();
  await fx?.close();
  app = null;
  fx = null;
});

describe('monthly review (SPEC F11)', () => {
  it('shows the month with its chart and anomalies, and is signed off by a lead and a second person with their PINs', async () => {
    fx = await leadsFixture();
    app = await launchApp({ context: fx.context });
    const { page } = app;
    const panel = page.getByTestId('leads-panel');
    // Months are written 和暦 first with the western year, as every date on screen (issue 23).
    await expect.poll(() => panel.textContent()).toContain(formatMonth(fx.month, 'ja'));
    await page.getByRole('button', { name: '月次点検' }).click();
    await page.getByTestId('day-chart').waitFor();
    await app.screenshot('review-report');
    expect(await page.getByTestId('anomalies').textContent()).toContain('執務時間外の表示');
    expect(await page.getByTestId('anomalies').textContent()).toContain('S0002の照合・参照');
    await page.getByLabel('職員番号').nth(0).fill(LEAD.staffId);
    await page.getByLabel('暗証番号').nth(0).fill(LEAD.pin);
    await page.getByLabel('職員番号').nth(1).fill(LEAD.staffId);
    await page.getByLabel('暗証番号').nth(1).fill(LEAD.pin);
    await page.getByRole('button', { name: 'この内容で承認する' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('異なる2名');
    await page.getByLabel('職員番号').nth(1).fill(SECOND.staffId);
    await page.getByLabel('暗証番号').nth(1).fill(SECOND.pin);
    await page.getByLabel('暗証番号').nth(0).fill(LEAD.pin);
    await expectNoSeriousA11yViolations(page, 'review-before-signoff');
    await app.screenshot('review-signoff-form');
    await page.getByRole('button', { name: 'この内容で承認する' }).click();
    await expect.poll(() => page.getByTestId('signed').textContent()).toContain('L0001とS0001が承認しました');
    await page.getByTestId('signed').scrollIntoViewIfNeeded();
    await app.screenshot('review-signed');
    const logged = await fx.services.chain.db.all<{ actors: string }>("SELECT actors FROM audit_log WHERE action = 'review.signed'");
    expect(logged.map((l) => JSON.parse(l.actors))).toEqual([['L0001', 'S0001']]);
    // No PIN ever comes back over the bridge, and nothing personal goes either way.
    const responses = JSON.stringify(app.bridge.map((b) => b.response));
    expect(responses).not.toContain(LEAD.pin);
    expect(scanBytes(Buffer.from(JSON.stringify(app.bridge)), personalNeedles())).toEqual([]);
  });
});

describe('incident record (SPEC F12)', () => {
  it('counts down the 速報 and 確報 clocks on the start screen and the incident screen, overdue in red', async () => {
    fx = await leadsFixture();
    const day = 86_400_000;
    const base = { disclosedAt: new Date(testNowMs() - 9 * day).toISOString(), what: '転籍届の空欄に住所を補記して提示', toWhom: '申出者（親族）', how: '書面を提示、撮影された', recordIds: ['D0001'] };
    const late = await fx.services.incidents.create({ ...base, discoveredAt: new Date(testNowMs() - 6 * day).toISOString(), improperPurpose: false }, LEAD);
    await fx.services.incidents.addContact(late.id, { method: '電話', text: '本人に連絡し経緯を説明' }, LEAD);
    const recent = await fx.services.incidents.create({ ...base, discoveredAt: new Date(testNowMs() - 2.2 * day).toISOString(), improperPurpose: true }, LEAD);
    app = await launchApp({ context: fx.context });
    const { page } = app;
    await expect.poll(() => page.getByTestId('incident-clock').count()).toBe(4);
    const clocks = await page.getByTestId('incident-clock').allTextContents();
    expect(clocks[0]).toContain(`${late.id} 速報：期限を`);
    expect(clocks.some((c) => c.includes(`${recent.id} 速報：残り`) && c.includes('3日目'))).toBe(true);
    await app.screenshot('start-leads-overview');
    await page.getByRole('button', { name: '事故記録' }).click();
    await expect.poll(() => page.getByTestId('incident').count()).toBe(2);
    const states = await page.locator('[data-testid="clock-sokuho"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states.sort()).toEqual(['overdue', 'warning']);
    const red = await page.locator('[data-testid="clock-sokuho"][data-state="overdue"] .clock-left').evaluate((e) => getComputedStyle(e).color);
    expect(red).toBe('rgb(164, 22, 26)');
    await expectNoSeriousA11yViolations(page, 'incident-countdown');
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.screenshot('incident-countdown');

    // A new incident is typed as a day (和暦 or 西暦) and a time of day, never a native datetime input (issue 23).
    const form = page.locator('form.incident-form');
    expect(await form.locator('input[type="datetime-local"], input[type="date"]').count()).toBe(0);
    await page.locator('#inc-discovered-day').fill('令和8年13月40日');
    await page.locator('#inc-discovered-time').fill('25:00');
    // Days relative to the fixture's clock (the date matrix moves it), typed as a clerk writes them.
    const jstDay = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 10);
    const [dy, dm, dd] = jstDay(testNowMs() - 4 * day).split('-').map(Number);
    const discovered = jstDay(testNowMs() - 3 * day);
    await page.locator('#inc-disclosed-day').fill(`${dy}年${dm}月${dd}日`);
    await page.locator('#inc-disclosed-time').fill('１４時５分');
    await page.locator('#inc-what').fill('転籍届の空欄に住所を補記して提示');
    await page.locator('#inc-toWhom').fill('親族');
    await page.locator('#inc-how').fill('書面を提示');
    await page.locator('#inc-new-by-staff').fill(LEAD.staffId);
    await page.locator('#inc-new-by-pin').fill(LEAD.pin);
    const sent = app.bridge.filter((c) => c.channel === 'incident:create').length;
    await form.getByRole('button', { name: /記録する/ }).click();
    await expect.poll(() => form.locator('.field-error').allTextContents()).toEqual(['日付を読み取れません。例のように入力してください（例：令和8年6月8日）。', '時刻を読み取れません。24時間制で入力してください（例：14:05）。']);
    expect(app.bridge.filter((c) => c.channel === 'incident:create').length).toBe(sent);
    await page.locator('#inc-new').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('inc-new')!.scrollIntoView({ block: 'start' }));
    await app.screenshot('incident-new-errors');
    await page.locator('#inc-discovered-day').fill(discovered.replaceAll('-', '/'));
    await page.locator('#inc-discovered-time').fill('0930');
    await page.locator('#inc-new-by-pin').fill(LEAD.pin);
    await form.getByRole('button', { name: /記録する/ }).click();
    await expect.poll(() => page.getByTestId('incident').count()).toBe(3);
    const sentNow = app.bridge.filter((c) => c.channel === 'incident:create').at(-1)!.payload as { discoveredAt: string; disclosedAt: string };
    const jstInstant = (d: string, hm: string) => new Date(`${d}T${hm}:00+09:00`).toISOString();
    expect([sentNow.discoveredAt, sentNow.disclosedAt]).toEqual([jstInstant(discovered, '09:30'), jstInstant(jstDay(testNowMs() - 4 * day), '14:05')]);
    const dataDir = fx.dataDir;
    await fx.services.chain.drain();
    expect(scanFolder(dataDir, [...personalNeedles(), '補記して提示', '撮影された'])).toEqual([]);
  });
});
