/**
 * The customer-facing screen (SPEC F5): when the counter PC has a second display, a frameless,
 * content-protected window on it shows only a neutral notice. It loads a static page with no script
 * and gets no preload, so it has no bridge to main and nothing to show even if someone tried.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { createHardenedWindow, type WindowCtor } from './hardening';
import type { LockedWindow } from './cameraLock';
import { APP_ORIGIN } from './scheme';

export const CUSTOMER_DISPLAY_URL = `${APP_ORIGIN}/customer.html`;

export interface DisplayLike {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  internal?: boolean;
}
export interface ScreenLike {
  getAllDisplays(): DisplayLike[];
  getPrimaryDisplay(): DisplayLike;
}
export interface CustomerWindow extends LockedWindow {
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  showInactive(): void;
  close(): void;
  isDestroyed(): boolean;
}

/** The display that faces the applicant: any display other than the clerk's primary one, external first. */
export function pickCustomerDisplay(screen: ScreenLike): DisplayLike | null {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return others.find((d) => d.internal !== true) ?? others[0] ?? null;
}

export function customerWindowOptions(display: DisplayLike): Omit<BrowserWindowConstructorOptions, 'webPreferences'> {
  const { x, y, width, height } = display.bounds;
  return {
    x, y, width, height,
    frame: false,
    fullscreen: true,
    // The applicant's screen never takes the clerk's keyboard or mouse focus, and cannot be moved
    // onto the clerk's display by accident.
    focusable: false,
    resizable: false,
    movable: false,
    minimizable: false,
    skipTaskbar: true,
    title: '窓口シールド — お客様表示',
    backgroundColor: '#ffffff',
  };
}

/** Opens the notice on the customer display, or returns null when there is only one screen. */
export function openCustomerDisplay<W extends CustomerWindow>(Ctor: WindowCtor<W>, screen: ScreenLike): W | null {
  const display = pickCustomerDisplay(screen);
  if (!display) return null;
  // No preloadPath: no window.countershield on this page. devTools false even in development:
  // there is nothing to debug on a static notice.
  const win = createHardenedWindow(Ctor, customerWindowOptions(display), { devTools: false });
  win.once('ready-to-show', () => win.showInactive());
  void win.loadURL(CUSTOMER_DISPLAY_URL);
  return win;
}

/** Keeps at most one customer window, on the right display, as screens are plugged in and out. */
export class CustomerDisplayController<W extends CustomerWindow> {
  private win: W | null = null;
  private displayId: number | null = null;
  constructor(private readonly Ctor: WindowCtor<W>, private readonly screen: ScreenLike) {}

  sync(): void {
    const target = pickCustomerDisplay(this.screen);
    if (this.win && (this.win.isDestroyed() || target?.id !== this.displayId)) {
      if (!this.win.isDestroyed()) this.win.close();
      this.win = null;
      this.displayId = null;
    }
    if (target && !this.win) {
      this.win = openCustomerDisplay(this.Ctor, this.screen);
      this.displayId = target.id;
    }
  }

  close(): void {
    if (this.win && !this.win.isDestroyed()) this.win.close();
    this.win = null;
    this.displayId = null;
  }

  current(): W | null {
    return this.win;
  }
}
