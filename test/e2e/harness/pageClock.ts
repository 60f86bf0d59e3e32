/**
 * Moves the page's clock to the test clock (test/clock.ts), so the renderer's own `new Date()` — the month it
 * offers for review, the incident countdowns, a grant's expiry — agrees with what the fixtures seeded. Under
 * `npm run test:dates` the whole process tree (Chromium too) is already shifted and the offset is 0.
 */
import { systemOffsetMs } from '../../clock';

export function pageClockScript(offsetMs: number = systemOffsetMs()): string {
  return `(() => {
  const offset = ${JSON.stringify(Math.round(offsetMs))};
  if (offset === 0) return;
  const RealDate = Date;
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(RealDate.now() + offset).toString();
    return args.length === 0 ? new RealDate(RealDate.now() + offset) : new RealDate(...args);
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = () => RealDate.now() + offset;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  Object.defineProperty(globalThis, 'Date', { value: ShiftedDate, writable: true, configurable: true });
})();`;
}
