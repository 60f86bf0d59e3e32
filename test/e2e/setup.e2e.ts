/**
 * First-run setup and terminal enrolment end to end (SPEC F9, F13), in Chromium through the real router and a
 * real SetupService on a temp folder. Screenshots at 1366×768 for IT: test-results/screenshots/setup-*.png, enrol-*.png.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sourceIndexWorker } from '../../electron/cli/indexWorker';
import { SetupService } from '../../electron/core/setup';
import { OWASP_MIN } from '../../electron/core/staff';
import { generateRecoveryKey } from '../../electron/core/vault/recoveryKey';
import type { Vault } from '../../electron/core/vault/vault';
import type { AppContext } from '../../electron/ipc';
import { createTestCore, RecordingAudit, STAFF } from '../fakes/core';
import { syntheticCsv } from '../unit/vault/synthetic';
import { AccountProtector, tempDir } from '../unit/vault/helpers';
import { launchApp, type AppHandle, type HarnessTools } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';

let app: AppHandle | null = null;
const ready: Vault[] = [];
afterEach(async () => {
  await app?.close();
  app = null;
  for (const v of ready.splice(0)) await v.close().catch(() => undefined);
});

/** The setup context main would build: printing goes through Chromium's PDF engine in memory, the "dialog" returns a list. */
function setupContext(service: SetupService, list: Buffer, printed: string[]) {
  return (tools: HarnessTools): Partial<AppContext> => ({
    vaultState: () => (service.status().stage === 'complete' ? 'open' : service.status().stage === 'enrolment-required' ? 'locked' : 'absent'),
    setup: {
      service,
      printRecoverySheet: async (html) => {
        printed.push(html);
        return { printed: (await tools.pdf(html)).length > 0 };
      },
      chooseListFile: async () => ({ name: '支援措置一覧_202605.csv', bytes: list }),
    },
  });
}

async function startService(dataDir: string, protector: AccountProtector, audit: RecordingAudit, terminalId: string): Promise<SetupService> {
  return SetupService.start({
    dataDir, protector, terminalId, argon2: OWASP_MIN, openAudit: async () => audit,
    // As the app does (electron/app/main.ts): the import builds its blind index on a worker thread.
    indexWorker: sourceIndexWorker(),
    onReady: async (v) => void ready.push(v),
  });
}

const fill = async (page: AppHandle['page'], id: string, value: string) => page.getByTestId(id).fill(value);

describe('first-run setup', () => {
  it('two administrators, the recovery key once with a typed confirmation, policy review, the first list with progress', async () => {
    const audit = new RecordingAudit();
    const service = await startService(tempDir('cs-e2e-setup-'), new AccountProtector(), audit, 'T-e2e00001');
    const printed: string[] = [];
    app = await launchApp({ context: setupContext(service, Buffer.from(syntheticCsv(20_000), 'utf8'), printed) });
    const { page } = app;

    await page.getByTestId('go-setup').click();
    await expect.poll(() => page.getByTestId('setup').getAttribute('data-stage')).toBe('admins');
    const admins = [STAFF.admin1, STAFF.admin2];
    for (const i of [0, 1] as const) {
      await fill(page, `a${i}-id`, admins[i]!.staffId);
      await fill(page, `a${i}-name`, admins[i]!.displayName);
      await fill(page, `a${i}-pin`, i === 1 ? '123456' : admins[i]!.pin);
      await fill(page, `a${i}-pin2`, i === 1 ? '123456' : admins[i]!.pin);
    }
    await page.getByTestId('setup-admins-submit').click();
    await expect.poll(() => page.getByTestId('setup-error').getAttribute('data-code')).toBe('E_PIN_POLICY');
    expect(await page.getByTestId('setup-error').textContent()).toContain('連続した数字');
    await expectNoSeriousA11yViolations(page, 'setup admins');
    await app.screenshot('setup-1-admins-pin-refused');
    // The PINs were cleared after the refusal; the ids stay for the retry.
    expect(await page.getByTestId('a1-pin').inputValue()).toBe('');
    for (const i of [0, 1] as const) {
      await fill(page, `a${i}-pin`, admins[i]!.pin);
      await fill(page, `a${i}-pin2`, admins[i]!.pin);
    }
    await page.getByTestId('setup-admins-submit').click();

    await expect.poll(() => page.getByTestId('key-groups').locator('li').count(), { timeout: 30_000 }).toBe(9);
    const groups = (await page.getByTestId('key-groups').locator('.key-text').allTextContents()).map((g) => g.trim());
    await page.getByTestId('key-print').click();
    await expect.poll(() => page.getByText('印刷を指示しました').count(), { timeout: 30_000 }).toBe(1);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(groups.join('</span><i>-</i><span>'));
    await expectNoSeriousA11yViolations(page, 'setup recovery key');
    await app.screenshot('setup-2-recovery-key');
    await fill(page, 'key-confirm', groups.slice(-3, -1).join('-'));
    await page.getByTestId('key-confirm-submit').click();
    await expect.poll(() => page.getByTestId('setup-error').getAttribute('data-code')).toBe('E_SETUP_KEY_CONFIRM');
    await fill(page, 'key-confirm', groups.slice(-2).join(' ').toLowerCase());
    await page.getByTestId('key-confirm-submit').click();

    await expect.poll(() => page.getByTestId('setup').getAttribute('data-stage'), { timeout: 30_000 }).toBe('policy');
    await expect.poll(() => page.getByTestId('policy-view').count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'setup policy');
    await app.screenshot('setup-3-policy');
    await page.getByTestId('policy-reviewed').click();

    await expect.poll(() => page.getByTestId('setup').getAttribute('data-stage')).toBe('first-import');
    await page.getByTestId('import-choose').click();
    await page.getByTestId('import-dry-run').click();
    await expect.poll(() => page.getByTestId('plan-added').textContent(), { timeout: 60_000 }).toBe('20,000人');
    expect(await page.getByTestId('plan-removed').textContent()).toBe('0人');
    await fill(page, 'import-staff', STAFF.admin2.staffId);
    await fill(page, 'import-pin', STAFF.admin2.pin);
    await expectNoSeriousA11yViolations(page, 'setup import plan');
    await app.screenshot('setup-4-import-plan');
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-progress').count(), { timeout: 30_000 }).toBe(1);
    await app.screenshot('setup-5-import-progress');

    await expect.poll(() => page.getByTestId('setup-done').count(), { timeout: 90_000 }).toBe(1);
    expect(await page.getByTestId('setup-done').textContent()).toContain('20,000人を登録しました');
    await expectNoSeriousA11yViolations(page, 'setup done');
    await app.screenshot('setup-6-done');
    expect(ready).toHaveLength(1);
    expect((await ready[0]!.status()).persons).toBe(20_000);

    // The key crossed the bridge only in setup:recoveryKey responses, and never after it was confirmed.
    const key = groups.join('-');
    const confirmedAt = app.bridge.findIndex((r) => r.channel === 'setup:confirmRecoveryKey' && (r.response as { ok: boolean }).ok);
    expect(confirmedAt).toBeGreaterThan(0);
    for (const r of app.bridge.slice(confirmedAt)) expect(JSON.stringify(r.response)).not.toContain(groups[0]!);
    for (const r of app.bridge) {
      if (r.channel !== 'setup:recoveryKey') expect(JSON.stringify(r.response)).not.toContain(groups[3]!);
      expect(JSON.stringify(r.response)).not.toContain(STAFF.admin2.pin);
    }
    const again = await page.evaluate(() => window.countershield.invoke('setup:recoveryKey', {}));
    expect(again).toMatchObject({ ok: false, error: { code: 'E_SETUP_KEY_GONE' } });
    expect(audit.actions()).toEqual(expect.arrayContaining(['setup.vault_created', 'staff.bootstrap', 'setup.recovery_confirmed', 'setup.policy_reviewed', 'import.committed', 'setup.completed']));
    expect(audit.text()).not.toContain(key);
  });
});

describe('terminal enrolment', () => {
  it('another Windows account: a wrong recovery key is refused in Japanese, the right key and an administrator enrol it', async () => {
    const core = await createTestCore({ adminsOnly: true });
    const { dataDir, recoveryKey } = core;
    await core.close();
    const audit = new RecordingAudit();
    const service = await startService(dataDir, new AccountProtector(), audit, 'T-e2e00002');
    expect(service.status().stage).toBe('enrolment-required');
    app = await launchApp({ context: setupContext(service, Buffer.alloc(0), []) });
    const { page } = app;

    await expect.poll(() => page.getByTestId('go-enrol').count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'start: enrolment required');
    await app.screenshot('enrol-1-start');
    await page.getByTestId('go-enrol').click();
    await fill(page, 'enrol-key', generateRecoveryKey());
    await fill(page, 'enrol-staff', STAFF.admin1.staffId);
    await fill(page, 'enrol-pin', STAFF.admin1.pin);
    await page.getByTestId('enrol-submit').click();
    await expect.poll(() => page.getByTestId('setup-error').getAttribute('data-code')).toBe('E_RECOVERY_KEY_WRONG');
    expect(await page.getByTestId('setup-error').textContent()).toContain('回復キーが違います');
    expect(await page.getByTestId('enrol-key').inputValue()).toBe('');
    await expectNoSeriousA11yViolations(page, 'enrolment wrong key');
    await app.screenshot('enrol-2-wrong-key');
    expect(service.status().stage).toBe('enrolment-required');

    await fill(page, 'enrol-key', recoveryKey.toLowerCase().replace(/-/g, ' '));
    await fill(page, 'enrol-pin', STAFF.admin1.pin);
    await page.getByTestId('enrol-submit').click();
    await expect.poll(() => page.getByTestId('enrol-done').count(), { timeout: 30_000 }).toBe(1);
    await expectNoSeriousA11yViolations(page, 'enrolment done');
    await app.screenshot('enrol-3-done');
    expect(service.status().stage).toBe('complete');
    expect(ready).toHaveLength(1);
    expect(audit.events.at(-1)).toMatchObject({ action: 'terminal.enrolled', actors: [STAFF.admin1.staffId], detail: { terminal: 'T-e2e00002' } });
    expect(audit.text()).not.toContain(recoveryKey);
  });
});
