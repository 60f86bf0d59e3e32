import { afterEach, describe, expect, it } from 'vitest';
import { HARNESS_ORIGIN, launchApp, type AppHandle } from './harness/app';
import { MemoryAudit, testPolicyContext } from '../fakes/policy';
import { defaultEffectivePolicy } from '../../electron/core/policy';
import { DEFAULT_CAMERA_POLICY } from '../../shared/policy/cameraPolicy';

let app: AppHandle | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function openDemoCase(a: AppHandle): Promise<void> {
  await a.page.getByRole('button', { name: '支援措置対象者がいる案件の表示例' }).click();
  await a.page.getByTestId('no-photo-banner').waitFor();
}

describe('camera-policy lock at the counter (SPEC F5)', () => {
  it('the start screen says which policy is in force and shows a banner when it fell back to the defaults', async () => {
    app = await launchApp();
    const panel = app.page.getByTestId('policy-status');
    await expect.poll(() => panel.getAttribute('data-state')).toBe('missing');
    // The fallback is the first thing on the screen, not a panel below the fold.
    const banner = app.page.getByTestId('policy-fallback-banner');
    expect(await banner.textContent()).toContain('最も厳しい既定の設定で動作しています');
    expect((await banner.boundingBox())!.y).toBeLessThan(200);
    expect(await banner.getAttribute('role')).toBe('status');
    await app.screenshot('policy-start-missing');
  });

  it('a tampered policy file is shown as a red warning', async () => {
    app = await launchApp({ context: { policy: testPolicyContext({ effective: defaultEffectivePolicy('/etc/counter-shield/policy.json', 'tampered') }) } });
    const panel = app.page.getByTestId('policy-status');
    await expect.poll(() => panel.getAttribute('data-state')).toBe('tampered');
    expect(await panel.getAttribute('class')).toContain('panel-error');
    const banner = app.page.getByTestId('policy-fallback-banner');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain('直ちに管理者に連絡してください');
    await app.screenshot('policy-start-tampered');
  });

  it('the admin screen shows the effective policy field by field and where it came from', async () => {
    const effective = { ...defaultEffectivePolicy('/etc/counter-shield/policy.json', 'missing'), source: 'file' as const, state: 'ok' as const, revision: 4, messageJa: '管理者が承認した撮影防止ポリシーが適用されています。', policy: { ...DEFAULT_CAMERA_POLICY, unmaskGrantTtlSeconds: 30, label: '市民課 2025年度' } };
    app = await launchApp({ context: { policy: testPolicyContext({ effective }) } });
    await app.page.getByRole('button', { name: 'ポリシーの内容（管理者向け）' }).click();
    const view = app.page.getByTestId('policy-view');
    await view.waitFor();
    expect(await app.page.getByTestId('pv-source').textContent()).toBe('管理者2名が承認したポリシーファイル');
    expect(await app.page.getByTestId('pv-state').textContent()).toBe('正常');
    expect(await view.locator('tr[data-field="unmaskGrantTtlSeconds"] td').first().textContent()).toContain('30秒');
    expect(await view.locator('tr[data-field="contentProtection"] td').first().textContent()).toBe('常に有効');
    await app.screenshot('policy-admin-view');
  });

  it('a protected case shows the banner; 「撮影をお断りする」 shows the refusal script and records the request in main', async () => {
    const audit = new MemoryAudit();
    app = await launchApp({ context: { policy: testPolicyContext({ audit, actor: 'C017' }) } });
    await openDemoCase(app);
    const banner = app.page.getByTestId('no-photo-banner');
    expect(await banner.textContent()).toContain('届出人・請求者、家族、代理人のだれにも、書類や画面を撮影させないでください。');
    await app.screenshot('policy-banner');

    await banner.getByRole('button', { name: '撮影をお断りする' }).click();
    const dialog = app.page.getByRole('dialog', { name: '撮影のお断り' });
    await dialog.waitFor();
    expect(await app.page.getByTestId('refusal-script').textContent()).toContain('申し訳ございません。個人情報保護のため、書類や画面の撮影はお断りしております。');
    await expect.poll(() => app!.page.getByTestId('photo-record').textContent()).toMatch(/撮影の求めを記録しました。記録番号 [A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}（\d\d:\d\d）/);

    // One click, one audit event in main, carrying the reference the clerk sees — and nothing personal.
    expect(audit.events).toHaveLength(1);
    const ev = audit.events[0]!;
    expect(ev).toMatchObject({ action: 'policy.photo_requested', actors: ['C017'] });
    expect(await app.page.getByTestId('photo-record').textContent()).toContain(String(ev.detail!.ref));
    expect(app.bridge.filter((r) => r.channel === 'policy:photoRequested')).toHaveLength(1);
    await app.screenshot('policy-refusal-recorded');

    await dialog.getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('tells the clerk when the request could not be recorded, and still shows the script', async () => {
    const audit = new MemoryAudit();
    audit.failNext = true;
    app = await launchApp({ context: { policy: testPolicyContext({ audit }) } });
    await openDemoCase(app);
    await app.page.getByRole('button', { name: '撮影をお断りする' }).click();
    await expect.poll(() => app!.page.getByTestId('photo-record').textContent()).toBe('記録できませんでした。班長に口頭で報告してください。');
    expect(await app.page.getByTestId('refusal-script').isVisible()).toBe(true);
    await app.screenshot('policy-refusal-not-recorded');
  });
});

describe('an unmasked value cannot be copied out (SPEC F5)', () => {
  /** Selects the element's text, copies with the keyboard, pastes into a scratch field and returns what arrived. */
  async function copyPaste(a: AppHandle, testId: string): Promise<{ pasted: string; prevented: boolean }> {
    const { page } = a;
    await page.evaluate((id) => {
      // Captured at the window (before the guard) and read after dispatch, when defaultPrevented is final.
      const w = window as unknown as { __lastCopy?: Event };
      w.__lastCopy = undefined;
      window.addEventListener('copy', (e) => (w.__lastCopy = e), { once: true, capture: true });
      const el = document.querySelector(`[data-testid="${id}"]`)!;
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      if (!document.getElementById('scratch')) {
        const ta = document.createElement('textarea');
        ta.id = 'scratch';
        document.body.append(ta);
      }
    }, testId);
    await page.keyboard.press('Control+C');
    const scratch = page.locator('#scratch');
    await scratch.fill('');
    await scratch.focus();
    await page.keyboard.press('Control+V');
    return { pasted: await scratch.inputValue(), prevented: await page.evaluate(() => (window as unknown as { __lastCopy?: Event }).__lastCopy?.defaultPrevented === true) };
  }

  it('ordinary text copies (the check works); a data-unmasked value puts nothing on the clipboard', async () => {
    app = await launchApp();
    await openDemoCase(app);
    // Control: proves copy and paste really work in this browser, so an empty paste below means the guard.
    expect(await copyPaste(app, 'demo-plain')).toEqual({ pasted: 'R7-0001', prevented: false });
    const blocked = await copyPaste(app, 'demo-unmasked');
    expect(blocked.prevented).toBe(true);
    expect(blocked.pasted).toBe('');
    expect(blocked.pasted).not.toContain('表示例ハイツ');
  });

  it('document.execCommand("copy") of an unmasked value is blocked as well, and it cannot be dragged or right-clicked', async () => {
    app = await launchApp();
    await openDemoCase(app);
    const res = await app.page.evaluate(() => {
      const el = document.querySelector('[data-unmasked]')!;
      const range = document.createRange();
      range.selectNodeContents(el);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      let ev: Event | null = null;
      window.addEventListener('copy', (e) => (ev = e), { once: true, capture: true });
      document.execCommand('copy');
      const copied = ev === null ? null : !(ev as Event).defaultPrevented;
      const drag = new DragEvent('dragstart', { bubbles: true, cancelable: true });
      el.dispatchEvent(drag);
      const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      el.dispatchEvent(menu);
      return { copied, dragPrevented: drag.defaultPrevented, menuPrevented: menu.defaultPrevented, printIsNoop: window.print() === undefined };
    });
    expect(res).toEqual({ copied: false, dragPrevented: true, menuPrevented: true, printIsNoop: true });
  });
});

describe('customer-facing display', () => {
  it('is a static notice with no script and no data', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } });
    await app.page.goto(`${HARNESS_ORIGIN}/customer.html`);
    expect(await app.page.getByRole('heading', { level: 1 }).textContent()).toBe('書類・画面の撮影はご遠慮ください');
    expect(await app.page.locator('body').textContent()).toContain('Please do not photograph documents or screens.');
    expect(await app.page.locator('script').count()).toBe(0);
    await app.screenshot('customer-display');
  });
});
