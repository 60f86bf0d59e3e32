/**
 * One vault per counter PC (issue 16), in Chromium through the real router and a real SetupService: a data
 * folder copied from another PC is not opened as that PC — the start screen says it is a copy, and an
 * administrator enrols this PC as a new terminal. Screenshots at 1366×768: test-results/screenshots/machine-*.png.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SetupService } from '../../electron/core/setup';
import { machineBindingOf, terminalIdOf } from '../../electron/core/machine/identity';
import type { AppContext } from '../../electron/ipc';
import { STAFF } from '../fakes/core';
import { tempDir } from '../unit/vault/helpers';
import { closeAll, completeSetup, deps, opened, seat } from '../unit/machine/helpers';
import { launchApp, type AppHandle } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';

let app: AppHandle | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  await closeAll();
});

const fill = async (page: AppHandle['page'], id: string, value: string) => page.getByTestId(id).fill(value);

describe('a second Windows account on the same PC', () => {
  it('is enrolled by an administrator’s 職員番号 + PIN alone; a wrong PIN is refused on screen; the recovery key stays behind a link', async () => {
    const dir = tempDir('cs-e2e-pin-');
    const a = seat('sid:S-1-5-21-1-2-3-1001');
    await completeSetup(deps(dir, a));
    const d = deps(dir, seat('sid:S-1-5-21-1-2-3-1002'));
    const service = await SetupService.start(d);
    expect(service.status()).toMatchObject({ stage: 'enrolment-required', enrolReason: 'new-account', pinEnrolment: true });
    app = await launchApp({
      context: (): Partial<AppContext> => ({
        vaultState: () => (service.status().stage === 'complete' ? 'open' : 'locked'),
        setup: { service, printRecoverySheet: async () => ({ printed: false }), chooseListFile: async () => null },
      }),
    });
    const { page } = app;
    await page.getByTestId('go-enrol').click();
    await expect.poll(() => page.getByTestId('enrol').getAttribute('data-mode')).toBe('pin');
    expect(await page.getByTestId('enrol-key').count()).toBe(0);
    expect(await page.getByTestId('enrol').textContent()).toContain('回復キーは要りません');

    await fill(page, 'enrol-staff', STAFF.admin2.staffId);
    await fill(page, 'enrol-pin', '975318');
    await page.getByTestId('enrol-submit').click();
    await expect.poll(() => page.getByTestId('setup-error').getAttribute('data-code'), { timeout: 30_000 }).toBe('E_PIN_WRONG');
    expect(await page.getByTestId('enrol-pin').inputValue()).toBe('');
    await expectNoSeriousA11yViolations(page, 'enrol: admin PIN');
    await app.screenshot('machine-3-enrol-admin-pin-wrong');

    // The fallback is one click away and back.
    await page.getByTestId('enrol-use-key').click();
    await expect.poll(() => page.getByTestId('enrol-key').count()).toBe(1);
    await page.getByTestId('enrol-use-pin').click();
    await expect.poll(() => page.getByTestId('enrol').getAttribute('data-mode')).toBe('pin');

    await fill(page, 'enrol-staff', STAFF.admin2.staffId);
    await fill(page, 'enrol-pin', STAFF.admin2.pin);
    await app.screenshot('machine-4-enrol-admin-pin');
    await page.getByTestId('enrol-submit').click();
    await expect.poll(() => page.getByTestId('enrol-done').count(), { timeout: 30_000 }).toBe(1);
    expect(service.status().stage).toBe('complete');
    expect(d.audit.events.at(-1)).toMatchObject({ action: 'terminal.enrolled', actors: [STAFF.admin2.staffId], detail: { method: 'admin-pin' } });
  });
});

describe('a data folder copied from another PC', () => {
  it('is named as a copy on the start screen and enrols as this PC’s own terminal', async () => {
    const dir = tempDir('cs-e2e-copy-');
    const onA = seat('city\\tanaka', 'pc-a');
    const recoveryKey = await completeSetup(deps(dir, onA));
    // The same roaming account on PC B, the folder copied across: its DPAPI key still opens the data key.
    const onB = { ...onA, binding: machineBindingOf('pc-b') };
    const d = deps(dir, onB, undefined, { terminalId: terminalIdOf('pc-b') });
    const service = await SetupService.start(d);
    expect(service.status()).toMatchObject({ stage: 'enrolment-required', enrolReason: 'copied-folder' });
    app = await launchApp({
      context: (): Partial<AppContext> => ({
        vaultState: () => (service.status().stage === 'complete' ? 'open' : 'locked'),
        setup: { service, printRecoverySheet: async () => ({ printed: false }), chooseListFile: async () => null },
      }),
    });
    const { page } = app;

    await expect.poll(() => page.getByTestId('enrol-reason').getAttribute('data-reason')).toBe('copied-folder');
    expect(await page.getByTestId('setup-entry').textContent()).toContain('別の PC から移されたデータです');
    await expectNoSeriousA11yViolations(page, 'start: copied folder');
    await app.screenshot('machine-1-copied-folder');

    await page.getByTestId('go-enrol').click();
    expect(await page.getByTestId('enrol').textContent()).toContain('新しい端末として登録します');
    await fill(page, 'enrol-key', recoveryKey);
    await fill(page, 'enrol-staff', STAFF.admin1.staffId);
    await fill(page, 'enrol-pin', STAFF.admin1.pin);
    await app.screenshot('machine-2-enrol-as-new-terminal');
    await page.getByTestId('enrol-submit').click();
    await expect.poll(() => page.getByTestId('enrol-done').count(), { timeout: 30_000 }).toBe(1);
    expect(service.status().stage).toBe('complete');
    expect(opened).toHaveLength(1);
    expect(d.audit.events.at(-1)).toMatchObject({ action: 'terminal.enrolled', detail: { terminal: terminalIdOf('pc-b'), copiedFromOtherPc: true } });
  });
});
