/** The stand-in is only as good as its strictness: these show it refuses what the app must not do. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { StandInElectron } from './electron';
import { sandboxedRequire } from './preload';
import { violations } from './strict';

function standIn(): StandInElectron {
  const root = mkdtempSync(join(tmpdir(), 'cs-strict-'));
  return new StandInElectron({
    userData: root, documents: root, lockFile: join(root, 'lock'), version: '0.1.0', isPackaged: false, chromiumSwitches: [], argv: [],
    keyStore: 'keyring', keyStoreKey: randomBytes(32).toString('hex'), openDialogAnswers: [],
  });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the module is reached as untyped JavaScript does
type Loose = any;

beforeEach(() => void violations.splice(0));

describe('the stand-in Electron refuses', () => {
  it('any member it does not implement, and records it', () => {
    const e = standIn().module as Loose;
    expect(() => e.nativeTheme).toThrow(/unknown-member: electron.nativeTheme/);
    expect(() => e.app.setLoginItemSettings).toThrow(/app.setLoginItemSettings/);
    expect(() => e.app.getPath('exe')).toThrow(/getPath\('exe'\)/);
    expect(violations.map((v) => v.what)).toEqual(['electron.nativeTheme', 'app.setLoginItemSettings', "app.getPath('exe')"]);
  });

  it('ready-only APIs before ready: windows, the session, the protocol handler, screen, powerMonitor, dialogs, safeStorage', async () => {
    const e = standIn().module as Loose;
    expect(() => new e.BrowserWindow({})).toThrow(/before-ready/);
    expect(() => e.session.defaultSession).toThrow(/before-ready/);
    expect(() => e.protocol.handle('app', () => new Response(''))).toThrow(/before-ready/);
    expect(() => e.screen).toThrow(/before-ready/);
    expect(() => e.powerMonitor.on('lock-screen', () => undefined)).toThrow(/before-ready/);
    await expect(e.dialog.showOpenDialog({})).rejects.toThrow(/before-ready/);
    await expect(e.safeStorage.encryptStringAsync('x')).rejects.toThrow(/before-ready/);
    expect(await e.safeStorage.isAsyncEncryptionAvailable()).toBe(false);
    expect(e.safeStorage.getSelectedStorageBackend()).toBe('unknown');
  });

  it('before-ready-only APIs after ready, and event names the docs do not list', () => {
    const s = standIn();
    const e = s.module as Loose;
    s.fireReady();
    expect(() => e.protocol.registerSchemesAsPrivileged([])).toThrow(/after-ready/);
    expect(() => e.app.enableSandbox()).toThrow(/after-ready/);
    expect(() => e.app.on('sesion-end', () => undefined)).toThrow(/unknown-event/);
    expect(() => new e.BrowserWindow({}).on('session-ending', () => undefined)).toThrow(/unknown-event/);
  });

  it('a sandboxed preload\'s require of anything but electron, events, timers and url', () => {
    const log: Array<{ name: string; allowed: boolean }> = [];
    const req = sandboxedRequire({}, log);
    for (const ok of ['electron', 'events', 'node:timers', 'url']) expect(() => req(ok)).not.toThrow();
    for (const no of ['fs', 'node:fs', 'child_process', 'path', 'crypto', 'os']) expect(() => req(no)).toThrow(/module not found/);
    expect(log.filter((l) => !l.allowed).map((l) => l.name)).toEqual(['fs', 'node:fs', 'child_process', 'path', 'crypto', 'os']);
  });

  it('a second single-instance lock while the first is held, and grants it again once released', () => {
    const a = standIn();
    const b = new StandInElectron({ ...a.o });
    expect((a.module as Loose).app.requestSingleInstanceLock()).toBe(true);
    expect((b.module as Loose).app.requestSingleInstanceLock()).toBe(false);
    (a.module as Loose).app.releaseSingleInstanceLock();
    expect((b.module as Loose).app.requestSingleInstanceLock()).toBe(true);
  });
});
