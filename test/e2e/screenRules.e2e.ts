/**
 * The button rules every screenshot is held to (harness/screenRules.ts) can fail: a second filled primary, a
 * disabled button with no reason, and the same inside an overlay are each reported; an overlay hides the page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchApp, type AppHandle } from './harness/app';
import { screenRuleViolations } from './harness/screenRules';

let app: AppHandle | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('the screen rules (one primary per view, disabled buttons say why, dates in 和暦 first, one type scale)', () => {
  it('reports a second primary and an unexplained disabled button, and judges an overlay on its own', async () => {
    app = await launchApp();
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'この端末はまだ設定されていません' }).count()).toBe(1);
    expect(await screenRuleViolations(page)).toEqual([]);

    await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.body;
      main.insertAdjacentHTML('afterbegin', '<button class="btn">一つ目</button><button class="btn">二つ目</button><button class="btn btn-secondary" disabled>理由なし</button>');
    });
    const onPage = await screenRuleViolations(page);
    expect(onPage.some((v) => v.startsWith('2 primary buttons') || v.startsWith('3 primary buttons'))).toBe(true);
    expect(onPage).toContain('disabled button without a reason: 理由なし');

    // An overlay that covers the window is the view: the page's buttons behind it no longer count.
    await page.evaluate(() => {
      // Styled through the CSSOM: the app's CSP refuses inline style attributes.
      const overlay = document.createElement('div');
      Object.assign(overlay.style, { position: 'fixed', inset: '0', background: 'white' });
      overlay.innerHTML = '<button class="btn">承認する</button><button class="btn btn-secondary" disabled aria-describedby="probe-why">却下する</button><span id="probe-why">暗証番号を入力すると押せます</span>';
      document.body.append(overlay);
    });
    expect(await screenRuleViolations(page)).toEqual([]);
    await page.evaluate(() => document.getElementById('probe-why')!.remove());
    expect(await screenRuleViolations(page)).toEqual(['disabled button without a reason: 却下する']);
  });

  it('reports a date written as YYYY-MM-DD and a native date input, but not a date inside a file name', async () => {
    app = await launchApp();
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'この端末はまだ設定されていません' }).count()).toBe(1);
    await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.body;
      main.insertAdjacentHTML('beforeend', '<p>保存しました：D:\\監査\\監査記録_2026-06-16.csv</p><p>令和8年6月16日（2026年）</p>');
    });
    expect(await screenRuleViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.body;
      main.insertAdjacentHTML('beforeend', '<p>終了日 2026-06-16</p><input type="date" id="probe-day">');
    });
    expect(await screenRuleViolations(page)).toEqual([
      'date written as YYYY-MM-DD (use formatDate / formatDateTime): 終了日 2026-06-16',
      'native date input (drawn in the OS locale, no 和暦; use DateField): #probe-day',
    ]);
  });

  it('reports text drawn off the six-step type scale and a native datetime input, and leaves the customer window alone', async () => {
    app = await launchApp();
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'この端末はまだ設定されていません' }).count()).toBe(1);
    await page.evaluate(() => {
      const main = document.querySelector('main') ?? document.body;
      // Styled through the CSSOM: the app's CSP refuses inline style attributes.
      const small = document.createElement('p');
      small.className = 'probe-small';
      small.textContent = '小さすぎる注記';
      small.style.fontSize = '13px';
      const field = document.createElement('input');
      field.type = 'datetime-local';
      field.id = 'probe-when';
      main.append(small, field);
    });
    const found = await screenRuleViolations(page);
    expect(found).toContain('font size off the type scale (15/18/20/22/26/30 px): 13px <p.probe-small> 「小さすぎる注記」');
    expect(found).toContain('native date input (drawn in the OS locale, no 和暦; use DateField): #probe-when');
    // The customer-facing window is sized in vh to its own display: not held to the clerk's scale.
    await page.evaluate(() => {
      document.getElementById('probe-when')!.remove();
      const notice = document.createElement('div');
      notice.className = 'notice';
      document.body.append(notice);
    });
    expect(await screenRuleViolations(page)).toEqual([]);
  });
});
