/**
 * The one clock the tests and their fixtures read. No test reads today's date: a fixture that seeds a month,
 * a period or an expiry from the real calendar passes on some days and fails on others (issue 13: the leads
 * fixture's spike day fell on a Sunday in 2026-11 and the suite went red on 1 December).
 *
 * - By default the clock starts at a fixed instant (TEST_EPOCH) and advances with elapsed real time, so TTLs,
 *   idle timers and polling still behave as they do in the app.
 * - Under `npm run test:dates` (scripts/test-dates.mjs) CS_TEST_NOW names the instant the runner shifted the
 *   system clock of every process to (libfaketime, one offset for the whole process tree). The system clock then
 *   *is* the pinned clock, so this clock follows it: fixtures, the product's own `new Date()` and the Chromium
 *   page all agree, and the fixtures are exercised on the awkward day too.
 *
 * The e2e harness moves the page's `Date` by `systemOffsetMs()` so the renderer sees this clock as well.
 */

/** A Wednesday in the middle of a month, inside office hours (JST): the ordinary day the tests were written on. */
export const TEST_EPOCH = '2026-06-10T10:00:00+09:00';

const pinned = process.env.CS_TEST_NOW;
if (pinned !== undefined && Number.isNaN(Date.parse(pinned))) throw new Error(`CS_TEST_NOW is not an instant: ${pinned}`);

const startMs = Date.parse(TEST_EPOCH);
const loadedAt = performance.now();

/** Now, as the tests see it. */
export function testNow(): Date {
  return new Date(testNowMs());
}

export function testNowMs(): number {
  // Pinned: the process's clock has been shifted to the pinned instant, so it is the test clock.
  if (pinned !== undefined) return Date.now();
  return startMs + (performance.now() - loadedAt);
}

/** What to add to this machine's clock to get the test clock (0 when the runner has already shifted it). */
export function systemOffsetMs(): number {
  return testNowMs() - Date.now();
}

/**
 * The clock of a test whose fixture carries fixed dates written for TEST_EPOCH — the sample list's periods
 * (protected-sample.csv ends D0001 within a month of 2026-06-10, D0002 later …) — so the test asks what it asks on
 * every day: it starts at TEST_EPOCH and advances with elapsed real time, and ignores the pinned instant of
 * `npm run test:dates` (under the date matrix such a test would otherwise see every sample period as long past).
 * A fixture that seeds its own periods from the clock uses `testClock` instead, and is exercised on the awkward day.
 */
export const sampleListClock = (): Date => new Date(startMs + (performance.now() - loadedAt));

/** A clock for a service under test: the test clock. */
export const testClock = (): Date => testNow();

/**
 * The clock a child process the test spawns reads (the CLI runs the product's own `new Date()`). Only for a test
 * that writes to a vault a CLI child also writes to, so that the two agree and the audit chain sees no clock step
 * back (issue 15 flags one); never for seeding a month, a period or an expiry — that is what `testClock` is for.
 */
export const childProcessClock = (): Date => new Date();

/**
 * The clock of a test that pins the system clock itself with `vi.setSystemTime` (the fleet tests start at the fixed
 * T0 of test/unit/fleet/helpers.ts and move it by whole days): it reads that faked clock, never today's date. Only
 * inside such a test; anywhere else use `testClock`.
 */
export const fakedSystemClock = (): Date => new Date();
export const fakedSystemNowMs = (): number => Date.now();

/**
 * The wall clock, for a bench only: a bench measures real time, and the libraries it drives (tuf-js checks metadata
 * expiry against the real clock) read it too, so a package signed on the test clock would already have expired.
 * Never for a test; a bench seeds no month, period or expiry from it.
 */
export const benchWallClock = (): Date => new Date();
