/**
 * The routine list update and the list bundle end to end (SPEC F8, F13), in Chromium through the real router,
 * the real vault, staff and ListUpdateService. Screenshots at 1366×768: test-results/screenshots/list-*.png.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pinSigner } from '../../electron/core/bundle';
import { ListUpdateService } from '../../electron/core/list';
import { coreContext } from '../../electron/ipc/coreContext';
import { createTestCore, SAMPLE_CSV, sampleSecrets, STAFF, type TestCore } from '../fakes/core';
import { testPolicyContext } from '../fakes/policy';
import { launchApp, type AppHandle } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { testClock } from '../clock';

let app: AppHandle | null = null;
let core: TestCore | null = null;
afterEach(async () => {
  await app?.close();
  await core?.close().catch(() => undefined);
  app = null;
  core = null;
});

const lines = readFileSync(SAMPLE_CSV, 'utf8').split(/\r?\n/);
/** The sample without D0001: an update that ends one person's protection. */
const withoutOne = Buffer.from([lines[0], ...lines.slice(2)].join('\n'), 'utf8');

describe('list update from the app (SPEC F8, F13)', () => {
  it('a CSV that removes a person needs two people, then commits; the bundle is exported on an administrator\'s and a lead\'s PINs and read back', async () => {
    core = await createTestCore();
    const c = core;
    await pinSigner(c.vault, c.recoveryKey);
    const service = new ListUpdateService({ vault: c.vault, audit: c.audit, auth: c.staff, seal: c.staff, clock: testClock, actor: () => c.sessions.currentStaffId() ?? 'terminal' });
    let next: { name: string; bytes: Uint8Array } = { name: '支援措置一覧_202606.csv', bytes: withoutOne };
    const saved: Uint8Array[] = [];
    app = await launchApp({
      context: {
        ...coreContext(c),
        policy: testPolicyContext({ audit: c.audit, actor: 'terminal' }),
        list: {
          service,
          chooseListFile: async () => next,
          saveBundle: async (file, name) => (saved.push(Uint8Array.from(file)), { saved: true, location: name }),
        },
      },
    });
    const { page } = app;
    await page.getByLabel('職員番号').fill(STAFF.admin1.staffId);
    await page.getByLabel('暗証番号').fill(STAFF.admin1.pin);
    await page.getByRole('button', { name: 'ログイン' }).click();

    await page.getByTestId('go-list-update').click();
    await page.getByTestId('list-choose').click();
    await expect.poll(() => page.getByTestId('list-file').getAttribute('data-kind')).toBe('csv');
    await page.getByTestId('list-dry-run').click();
    await expect.poll(() => page.getByTestId('list-plan-removed').textContent()).toBe('1人');
    expect(await page.getByTestId('list-removed-ids').textContent()).toBe('D0001');
    expect(await page.getByTestId('list-who-note').textContent()).toContain('2名');

    // One person cannot end a protection: the same staff id twice is refused, nothing changes.
    await page.getByTestId('list-first-id').fill(STAFF.admin1.staffId);
    await page.getByTestId('list-first-pin').fill(STAFF.admin1.pin);
    await page.getByTestId('list-second-id').fill(STAFF.admin1.staffId);
    await page.getByTestId('list-second-pin').fill(STAFF.admin1.pin);
    await page.getByTestId('list-commit').click();
    await expect.poll(() => page.getByTestId('setup-error').getAttribute('data-code')).toBe('E_LIST_TWO_PEOPLE');
    expect((await c.vault.status()).persons).toBe(150);
    expect(await page.getByTestId('list-first-pin').inputValue()).toBe('');

    await page.getByTestId('list-first-pin').fill(STAFF.admin1.pin);
    await page.getByTestId('list-second-id').fill(STAFF.lead1.staffId);
    await page.getByTestId('list-second-pin').fill(STAFF.lead1.pin);
    await expectNoSeriousA11yViolations(page, 'list update plan');
    await app.screenshot('list-1-plan-two-people');
    await page.getByTestId('list-commit').click();
    await expect.poll(() => page.getByTestId('list-done').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('list-done').textContent()).toContain('149人');
    expect((await c.vault.status()).persons).toBe(149);
    await expectNoSeriousA11yViolations(page, 'list update done');
    await app.screenshot('list-2-done');
    const confirmed = c.audit.events.find((e) => e.action === 'import.removal_confirmed');
    expect(confirmed?.actors).toEqual([STAFF.admin1.staffId, STAFF.lead1.staffId]);
    expect(confirmed?.targets).toEqual([{ recordId: 'D0001' }]);

    // Export (issue 17): an administrator and a lead, no recovery key; main saves the encrypted, signed file.
    await page.getByRole('button', { name: '開始画面に戻る' }).click();
    await page.getByTestId('go-list-export').click();
    expect(await page.locator('#list-why-key').textContent()).toContain('班長が必要な理由');
    await page.getByTestId('export-staff').fill(STAFF.admin2.staffId);
    await page.getByTestId('export-pin').fill(STAFF.admin2.pin);
    await page.getByTestId('export-lead-staff').fill(STAFF.lead1.staffId);
    await page.getByTestId('export-lead-pin').fill(STAFF.lead1.pin);
    await expectNoSeriousA11yViolations(page, 'list export');
    await app.screenshot('list-3-export-form');
    await page.getByTestId('export-submit').click();
    await expect.poll(() => page.getByTestId('export-result').textContent(), { timeout: 30_000 }).toContain('149人分');
    expect(await page.getByTestId('export-lead-pin').inputValue()).toBe('');
    await app.screenshot('list-4-exported');
    expect(saved).toHaveLength(1);
    expect(c.audit.actions()).toContain('bundle.exported');

    // The same bundle, tampered, is refused on import with the list unchanged; intact, it is read as a bundle.
    const tampered = Uint8Array.from(saved[0]!);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x40;
    next = { name: '一覧.csbundle', bytes: tampered };
    await page.getByRole('button', { name: '開始画面に戻る' }).click();
    await page.getByTestId('go-list-update').click();
    await page.getByTestId('list-choose').click();
    await expect.poll(() => page.getByTestId('list-file').getAttribute('data-kind')).toBe('bundle');
    await page.getByTestId('list-dry-run').click();
    await expect.poll(() => page.getByTestId('setup-error').getAttribute('data-code')).toBe('E_BUNDLE_TAMPERED');
    await app.screenshot('list-5-bundle-tampered');
    expect((await c.vault.status()).persons).toBe(149);
    next = { name: '一覧.csbundle', bytes: saved[0]! };
    await page.getByTestId('list-choose').click();
    await page.getByTestId('list-dry-run').click();
    await expect.poll(() => page.getByTestId('list-plan-unchanged').textContent()).toBe('149人');
    await expectNoSeriousA11yViolations(page, 'list bundle plan');
    await app.screenshot('list-6-bundle-plan');

    // Nothing that crossed the bridge names a protected person; the key went renderer → main only.
    const responses = JSON.stringify(app.bridge.map((r) => r.response));
    for (const s of sampleSecrets().all) expect(responses).not.toContain(s);
    expect(responses).not.toContain(c.recoveryKey);
  });
});
