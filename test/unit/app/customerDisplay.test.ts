import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { CUSTOMER_DISPLAY_URL, CustomerDisplayController, openCustomerDisplay, pickCustomerDisplay, type CustomerWindow, type DisplayLike } from '../../../electron/app/customerDisplay';

const primary: DisplayLike = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 }, internal: true };
const external: DisplayLike = { id: 2, bounds: { x: 1366, y: 0, width: 1920, height: 1080 }, internal: false };
const screenOf = (displays: DisplayLike[]) => ({ getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0]! });

class FakeWin implements CustomerWindow {
  static made: FakeWin[] = [];
  opts: BrowserWindowConstructorOptions;
  protectedNow = false;
  url = '';
  closed = false;
  shownInactive = false;
  webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
  constructor(opts: BrowserWindowConstructorOptions) {
    this.opts = opts;
    FakeWin.made.push(this);
  }
  setContentProtection(e: boolean) { this.protectedNow = e; }
  on() { return this; }
  once(_e: 'ready-to-show', l: () => void) { l(); return this; }
  showInactive() { this.shownInactive = true; }
  async loadURL(u: string) { this.url = u; }
  close() { this.closed = true; }
  isDestroyed() { return this.closed; }
}

describe('customer-facing display', () => {
  it('opens nothing when the counter PC has one screen', () => {
    expect(pickCustomerDisplay(screenOf([primary]))).toBeNull();
    expect(openCustomerDisplay(FakeWin, screenOf([primary]))).toBeNull();
  });

  it('opens a frameless, content-protected window with no preload on the external display, showing only the static notice', () => {
    const win = openCustomerDisplay(FakeWin, screenOf([primary, external]))!;
    expect(win.protectedNow).toBe(true);
    expect(win.url).toBe(CUSTOMER_DISPLAY_URL);
    expect(win.opts).toMatchObject({ x: 1366, y: 0, width: 1920, height: 1080, frame: false, fullscreen: true, focusable: false, skipTaskbar: true, show: false });
    const prefs = win.opts.webPreferences!;
    expect(prefs.preload).toBeUndefined();
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(win.shownInactive).toBe(true);
  });

  it('prefers an external display over a second internal one', () => {
    const internal2: DisplayLike = { id: 3, bounds: { x: -800, y: 0, width: 800, height: 600 }, internal: true };
    expect(pickCustomerDisplay(screenOf([primary, internal2, external]))?.id).toBe(2);
  });

  it('follows screens being plugged in and out, keeping at most one notice window', () => {
    FakeWin.made = [];
    let displays = [primary];
    const c = new CustomerDisplayController(FakeWin, { getAllDisplays: () => displays, getPrimaryDisplay: () => primary });
    c.sync();
    expect(c.current()).toBeNull();
    displays = [primary, external];
    c.sync();
    c.sync();
    expect(FakeWin.made).toHaveLength(1);
    displays = [primary];
    c.sync();
    expect(FakeWin.made[0]!.closed).toBe(true);
    expect(c.current()).toBeNull();
  });
});
