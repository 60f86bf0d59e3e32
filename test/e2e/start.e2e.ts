import { afterEach, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { launchApp, type AppHandle } from './harness/app';

let app: AppHandle | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('start screen', () => {
  it('tells the clerk in Japanese that the terminal is not set up, with the lock states main reports', async () => {
    app = await launchApp();
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'この端末はまだ設定されていません' }).count()).toBe(1);
    expect(await page.getByTestId('vault-state').textContent()).toBe('未作成');
    expect(await page.getByTestId('staff-count').textContent()).toBe('0名');
    // The states come from main through the bridge, not from the renderer.
    const status = app.bridge.find((r) => r.channel === 'app:status')?.response as { ok: boolean; value: { locks: Record<string, unknown> } };
    expect(status.ok).toBe(true);
    for (const lock of ['networkBlocked', 'permissionsDenied', 'contentProtection'] as const) {
      const shown = await page.getByTestId(`lock-${lock}`).getAttribute('data-state');
      expect(shown).toBe(status.value.locks[lock] ? 'on' : 'off');
    }
    if (app.mode === 'chromium') {
      expect(status.value.locks).toMatchObject({ networkBlocked: true, permissionsDenied: true, contentProtection: false, source: 'test-harness' });
      // A browser cannot protect the screen from capture, so the clerk is told not to use it.
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('保護が有効になっていない項目があります');
    }
    await app.screenshot('start-not-set-up');
  });

  it('shows every lock as active when main reports them all on', async () => {
    app = await launchApp({ context: { locks: () => ({ networkBlocked: true, permissionsDenied: true, contentProtection: true, source: 'electron-main' }) } });
    const { page } = app;
    await expect.poll(() => page.getByTestId('lock-contentProtection').getAttribute('data-state')).toBe('on');
    expect(await page.getByText('有効', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    await app.screenshot('start-all-locks-on');
  });

  it('says on Linux why capture protection is red and that the OS screen lock is not seen', async () => {
    const linux = { networkBlocked: true, permissionsDenied: true, contentProtection: false, source: 'electron-main' as const, platformLimits: ['no-capture-protection' as const, 'no-os-lock-event' as const] };
    app = await launchApp({ context: { locks: () => linux } });
    const { page } = app;
    await expect.poll(() => page.getByTestId('lock-contentProtection').getAttribute('data-state')).toBe('off');
    expect(await page.getByTestId('platform-limit-no-capture-protection').textContent()).toContain('画面の撮影・録画防止の機能がない');
    expect(await page.getByTestId('platform-limit-no-os-lock-event').textContent()).toContain('画面ロックをアプリが検知できません');
    await expectNoSeriousA11yViolations(page, 'start-linux-limits');
    await app.screenshot('start-linux-limits');
  });

  it('switches the whole screen to English and back', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('This terminal is not set up yet');
    // <html lang> follows the toggle, so screen readers and line breaking read English as English (WCAG 3.1.1).
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await app.screenshot('start-english');
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('この端末はまだ設定されていません');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
  });
});

describe('no network, no permissions (SPEC invariant 5, F5)', () => {
  it('stops remote content from the page (CSP) and cancels every non-app request at the session', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByTestId('lock-networkBlocked').waitFor();
    const inPage = await page.evaluate(async () => {
      const img = new Image();
      const loaded = new Promise<string>((res) => {
        img.onload = () => res('loaded');
        img.onerror = () => res('error');
      });
      img.src = 'https://example.com/pixel.png';
      const fetched = await fetch('https://example.com/x').then(() => 'fetched', () => 'refused');
      return { img: await loaded, fetched };
    });
    expect(inPage).toEqual({ img: 'error', fetched: 'refused' });
    // Below the page: a request that gets past the page still dies at the session filter.
    const nav = await page.goto('https://example.com/').then(() => 'loaded', (e: Error) => e.message);
    expect(nav).toMatch(/ERR_BLOCKED_BY_CLIENT/);
    expect(app.net.blocked).toContain('https://example.com/');
  });

  it('denies the camera, the microphone and screen capture', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByTestId('lock-networkBlocked').waitFor();
    const results = await page.evaluate(async () => {
      const out: Record<string, string> = {};
      for (const [name, call] of [
        ['camera', () => navigator.mediaDevices.getUserMedia({ video: true })],
        ['microphone', () => navigator.mediaDevices.getUserMedia({ audio: true })],
        ['display', () => navigator.mediaDevices.getDisplayMedia({ video: true })],
      ] as const) {
        try {
          // A prompt that never answers is not a grant either; give up waiting after 5 s.
          await Promise.race([call(), new Promise((_r, rej) => setTimeout(() => rej(new Error('no-answer')), 5000))]);
          out[name] = 'granted';
        } catch (e) {
          out[name] = (e as Error).name;
        }
      }
      const cam = await navigator.permissions.query({ name: 'camera' as PermissionName }).then((s) => s.state).catch(() => 'unsupported');
      out.cameraPermission = cam;
      return out;
    });
    expect(results.camera).not.toBe('granted');
    expect(results.microphone).not.toBe('granted');
    expect(results.display).not.toBe('granted');
    expect(results.cameraPermission).not.toBe('granted');
  });
});

describe('the bridge', () => {
  it('gives the page one frozen object with one function and nothing of Electron or Node', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByTestId('lock-networkBlocked').waitFor();
    const shape = await page.evaluate(() => ({
      keys: Object.keys(window.countershield),
      frozen: Object.isFrozen(window.countershield),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipc: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(shape).toEqual({ keys: ['invoke'], frozen: true, require: 'undefined', process: 'undefined', ipc: 'undefined' });
  });

  it('rejects a payload of the wrong shape and an unknown channel with a coded error', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByTestId('lock-networkBlocked').waitFor();
    const res = await page.evaluate(async () => {
      const api = window.countershield as unknown as { invoke(c: string, p: unknown): Promise<{ ok: boolean; error?: { code: string } }> };
      return {
        badPayload: await api.invoke('prefs:setLanguage', { language: 'fr' }),
        extraField: await api.invoke('app:status', { leak: true }),
        unknownViaApi: await api.invoke('vault:dump', {}),
      };
    });
    expect(res.badPayload).toMatchObject({ ok: false, error: { code: 'E_IPC_PAYLOAD' } });
    expect(res.extraField).toMatchObject({ ok: false, error: { code: 'E_IPC_PAYLOAD' } });
    expect(res.unknownViaApi).toMatchObject({ ok: false, error: { code: 'E_IPC_UNKNOWN_CHANNEL' } });
    if (app.mode === 'chromium') {
      // Past the preload's allowlist, straight at the transport: main's router refuses it too.
      const raw = await page.evaluate(() => (window as unknown as { __csInvoke(e: unknown): Promise<unknown> }).__csInvoke({ channel: 'vault:dump', payload: {} }));
      expect(raw).toMatchObject({ ok: false, error: { code: 'E_IPC_UNKNOWN_CHANNEL' } });
    }
  });

  it('refuses a call made from a subframe', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByTestId('lock-networkBlocked').waitFor();
    // Same origin, but not the main frame: an injected iframe must not reach main.
    const res = await page.evaluate(async () => {
      const frame = document.createElement('iframe');
      document.body.appendChild(frame);
      const w = frame.contentWindow as unknown as { countershield?: unknown; __csInvoke?(e: unknown): Promise<unknown> };
      return { api: typeof w.countershield, raw: w.__csInvoke ? await w.__csInvoke({ channel: 'app:status', payload: {} }) : 'absent' };
    });
    // In Electron the preload runs in the main frame only, so a subframe has no bridge at all; in the
    // harness the binding exists in every frame, so main's sender check is what must refuse it.
    if (app.mode === 'chromium') expect(res.raw).toMatchObject({ ok: false, error: { code: 'E_IPC_SENDER' } });
    else expect(res).toEqual({ api: 'undefined', raw: 'absent' });
  });
});
