/**
 * The station app for each test of a file (auditTerminals, fleet): `open` builds the fleet fixture and launches the
 * app over its context (changed by `adjust` where a test needs to); both are closed after the test.
 */
import { afterEach } from 'vitest';
import { launchApp, type AppHandle } from './app';
import { fleetFixture, type FleetFixture } from './fleetContext';

export function stationAppEachTest(): (adjust?: (fx: FleetFixture) => FleetFixture['context']) => Promise<{ app: AppHandle; fx: FleetFixture; page: AppHandle['page'] }> {
  let app: AppHandle | null = null;
  let fx: FleetFixture | null = null;
  afterEach(async () => {
    await app?.close();
    await fx?.close();
    app = null;
    fx = null;
  });
  return async (adjust = (f) => f.context) => {
    fx = await fleetFixture();
    app = await launchApp({ context: adjust(fx) });
    return { app, fx, page: app.page };
  };
}
