/**
 * Printing only through the redacted path (SPEC F5, F7): the counter window itself cannot be
 * printed. `window.print` becomes a no-op, and policy.css blanks the page for any print that still
 * happens (a browser menu, a future shortcut). The redacted applicant copy will be rendered in its
 * own window from a masked DTO (forms issue), never from this screen.
 */
export function installNoPrintGuard(win: Window = window): void {
  Object.defineProperty(win, 'print', { value: () => undefined, writable: false, configurable: false });
}
