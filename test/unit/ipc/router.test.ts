import { describe, expect, it, vi } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { createIpcRouter, isTrustedSender, type Handlers } from '../../../electron/ipc/router';
import { AppError } from '../../../shared/errors';
import { testPolicyContext } from '../../fakes/policy';

const ORIGIN = 'app://countershield';
const main = { url: 'app://countershield/index.html', isMainFrame: true };

function ctx(over: Partial<AppContext> = {}): AppContext {
  let language: 'ja' | 'en' = 'ja';
  return {
    version: '1.2.3',
    prefs: { getLanguage: () => language, setLanguage: (l) => (language = l), getTerminalLabel: () => '窓口1' },
    locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
    vaultState: () => 'absent',
    staffCount: () => 0,
    policy: testPolicyContext(),
    ...over,
  };
}

describe('IPC router', () => {
  it('answers a well-formed call from the app main frame with the validated result', async () => {
    const res = await createAppRouter(ctx(), ORIGIN).dispatch(main, { channel: 'app:status', payload: {} });
    expect(res).toEqual({
      ok: true,
      value: { version: '1.2.3', terminalLabel: '窓口1', language: 'ja', vault: 'absent', staffCount: 0, locks: { networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' } },
    });
  });

  it.each([
    ['a non-object envelope', 'app:status'],
    ['an envelope with extra keys', { channel: 'app:status', payload: {}, extra: 1 }],
    ['an envelope with a non-string channel', { channel: 42, payload: {} }],
  ])('rejects %s', async (_name, envelope) => {
    const res = await createAppRouter(ctx(), ORIGIN).dispatch(main, envelope);
    expect(res).toMatchObject({ ok: false, error: { code: 'E_IPC_SHAPE' } });
  });

  it.each([
    ['a wrong enum value', { language: 'fr' }],
    ['a missing field', {}],
    ['an extra field', { language: 'ja', admin: true }],
    ['a wrong type', { language: 1 }],
  ])('rejects a payload with %s and does not call the handler', async (_name, payload) => {
    const setLanguage = vi.fn();
    const c = ctx();
    c.prefs.setLanguage = setLanguage;
    const res = await createAppRouter(c, ORIGIN).dispatch(main, { channel: 'prefs:setLanguage', payload });
    expect(res).toMatchObject({ ok: false, error: { code: 'E_IPC_PAYLOAD' } });
    expect(setLanguage).not.toHaveBeenCalled();
  });

  it('rejects an unknown channel, including names inherited from Object.prototype', async () => {
    const r = createAppRouter(ctx(), ORIGIN);
    for (const channel of ['vault:dump', 'toString', '__proto__', 'constructor', '']) {
      expect(await r.dispatch(main, { channel, payload: {} })).toMatchObject({ ok: false, error: { code: 'E_IPC_UNKNOWN_CHANNEL' } });
    }
  });

  it.each([
    ['another origin', { url: 'https://evil.example/index.html', isMainFrame: true }],
    ['a file:// page', { url: 'file:///C:/app/index.html', isMainFrame: true }],
    ['a look-alike host', { url: 'app://countershield.evil/index.html', isMainFrame: true }],
    ['credentials in the URL', { url: 'app://user:pw@countershield/index.html', isMainFrame: true }],
    ['a subframe of our own origin', { url: 'app://countershield/index.html', isMainFrame: false }],
    ['a destroyed frame', { url: null, isMainFrame: true }],
    ['an unparsable URL', { url: 'not a url', isMainFrame: true }],
  ])('rejects a message from %s before looking at it', async (_name, sender) => {
    const status = vi.fn();
    const res = await createAppRouter(ctx({ vaultState: status }), ORIGIN).dispatch(sender, { channel: 'app:status', payload: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'E_IPC_SENDER' } });
    expect(status).not.toHaveBeenCalled();
  });

  it('strips fields a handler returns that the contract does not name', async () => {
    const handlers = {
      'app:status': () => ({ ...ctxStatus(), secretAddress: '神奈川県…' }),
      'prefs:setLanguage': () => ({ language: 'ja' }),
    } as unknown as Handlers;
    const res = await createIpcRouter(handlers, ORIGIN).dispatch(main, { channel: 'app:status', payload: {} });
    expect(res.ok).toBe(true);
    expect(JSON.stringify(res)).not.toContain('secretAddress');
  });

  it('turns a handler response of the wrong shape into a coded error', async () => {
    const handlers = { 'app:status': () => ({ nope: 1 }), 'prefs:setLanguage': () => ({ language: 'ja' }) } as unknown as Handlers;
    expect(await createIpcRouter(handlers, ORIGIN).dispatch(main, { channel: 'app:status', payload: {} })).toMatchObject({ ok: false, error: { code: 'E_IPC_RESPONSE' } });
  });

  it('passes a coded AppError through and hides anything else behind E_INTERNAL', async () => {
    const coded = { 'app:status': () => { throw new AppError({ code: 'E_TEST', ja: 'テスト', en: 'test' }); }, 'prefs:setLanguage': () => { throw new Error('/home/secret/path stack'); } } as unknown as Handlers;
    const r = createIpcRouter(coded, ORIGIN);
    expect(await r.dispatch(main, { channel: 'app:status', payload: {} })).toEqual({ ok: false, error: { code: 'E_TEST', ja: 'テスト', en: 'test' } });
    const internal = await r.dispatch(main, { channel: 'prefs:setLanguage', payload: { language: 'en' } });
    expect(internal).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
  });
});

describe('isTrustedSender', () => {
  it('accepts only the exact app scheme and host in the main frame', () => {
    expect(isTrustedSender(main, ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: 'app://countershield/', isMainFrame: true }, ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: 'app://other/', isMainFrame: true }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'https://countershield/', isMainFrame: true }, ORIGIN)).toBe(false);
  });
});

function ctxStatus() {
  return { version: '1', terminalLabel: '', language: 'ja', vault: 'absent', staffCount: 0, locks: { networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' } };
}
