/**
 * The mailing check end to end (SPEC F17, issue 21), in Chromium through the real router, vault, staff and
 * MailingService: a lead maps the 児童手当 batch's columns once, a clerk checks the Shift_JIS batch and saves the
 * report. Screenshots at 1366×768: test-results/screenshots/mailing-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreContext } from '../../electron/ipc/coreContext';
import { createTestCore, STAFF, type TestCore } from '../fakes/core';
import { departmentsContext, MAILING_FIXTURES } from '../fakes/departments';
import { testPolicyContext } from '../fakes/policy';
import { launchApp, type AppHandle } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { listPersons } from '../unit/mailing/helpers';

/** PIN checks (Argon2id) and the check itself run on a shared, loaded machine. */
const SLOW = { timeout: 20_000 };

let app: AppHandle | null = null;
let core: TestCore | null = null;
afterEach(async () => {
  await app?.close();
  await core?.close().catch(() => undefined);
  app = null;
  core = null;
});

const MAPPING: Record<string, string> = {
  recipientName: '宛名氏名', recipientKana: '宛名カナ', recipientDob: '宛名生年月日', address: '送付先住所', concerned1Name: '児童1氏名', concerned1Dob: '児童1生年月日',
};

describe('mailing check from the app (SPEC F17)', () => {
  it('a lead maps the columns once; a clerk checks the batch and sees only row numbers and reasons; the report is saved', async () => {
    core = await createTestCore();
    const c = core;
    const reports: string[] = [];
    let next: { name: string; bytes: Uint8Array } | null = { name: '児童手当_12月発送.csv', bytes: Buffer.from('宛名氏名\n今井　蓮\n') };
    const departments = await departmentsContext(c, { chooseFile: async () => next, saveReport: async (content, name) => (reports.push(content), { location: name }) });
    app = await launchApp({ context: { ...coreContext(c), policy: testPolicyContext({ audit: c.audit, actor: 'terminal' }), departments } });
    const { page } = app;
    const login = async (s: { staffId: string; pin: string }) => {
      await page.getByLabel('職員番号').fill(s.staffId);
      await page.getByLabel('暗証番号').fill(s.pin);
      await page.getByRole('button', { name: 'ログイン' }).click();
    };

    await login(STAFF.lead1);
    await page.getByTestId('go-mailing').click();
    await expect.poll(async () => page.getByTestId('mailing-mapping-missing').count(), SLOW).toBe(1);
    for (const [f, col] of Object.entries(MAPPING)) await page.getByTestId(`map-${f}`).fill(col);
    await expectNoSeriousA11yViolations(page, 'mailing mapping');
    await app.screenshot('mailing-1-mapping');
    await page.getByTestId('mailing-save-mapping').click();
    await expect.poll(async () => page.getByText('列の対応を保存しました。').count(), SLOW).toBe(1);
    await page.getByRole('button', { name: '開始画面に戻る' }).click();
    await page.getByRole('button', { name: 'ロックする' }).click();

    await login(STAFF.clerk1);
    await page.getByTestId('go-mailing').click();
    // A wrong file first: the mapped columns are not in it — a Japanese message, nothing checked.
    await page.getByTestId('mailing-choose').click();
    await page.getByTestId('mailing-check').click();
    await expect.poll(async () => page.getByTestId('setup-error').getAttribute('data-code'), SLOW).toBe('E_MAILING_FILE');
    expect(await page.getByTestId('mailing-issues').textContent()).toContain('設定した列がファイルにありません');
    await app.screenshot('mailing-2-bad-file');

    next = { name: '児童手当_12月発送.csv', bytes: readFileSync(join(MAILING_FIXTURES, 'batch.sjis.csv')) };
    await page.getByTestId('mailing-choose').click();
    await page.getByTestId('mailing-check').click();
    await expect.poll(async () => page.getByTestId('mailing-stop').textContent(), SLOW).toBe('5件');
    expect(await page.getByTestId('mailing-review').textContent()).toBe('3件');
    expect(await page.getByTestId('mailing-ok').textContent()).toBe('11件');
    // The determinate count from main reached the screen: rows done of rows in the file.
    await expect.poll(async () => page.getByTestId('mailing-progress').textContent(), SLOW).toContain('19行 / 19行を確認しました');
    expect(await page.locator('#mailing-progress-bar').evaluate((e: HTMLProgressElement) => [e.value, e.max])).toEqual([19, 19]);
    expect(await page.locator('[data-testid="mailing-table"] tbody tr').count()).toBe(8);
    expect(await page.locator('tr[data-code="RECIPIENT_AITEKATA"] td').first().textContent()).toBe('8');
    await expectNoSeriousA11yViolations(page, 'mailing result');
    await app.screenshot('mailing-3-result');
    await page.getByTestId('mailing-save-report').click();
    await expect.poll(async () => page.getByTestId('mailing-saved').count(), SLOW).toBe(1);
    expect(reports[0]).toContain('8,発送停止,RECIPIENT_AITEKATA');
    await app.screenshot('mailing-4-saved');

    // Nothing registered crossed the bridge: no name, birth date, address or 管理番号 of the list.
    const responses = JSON.stringify(app.bridge.map((r) => r.response));
    for (const p of listPersons()) for (const v of [p.id, p.name, p.dob, p.address, p.formerAddress ?? '—']) expect(responses.includes(v), v).toBe(false);
    expect(c.audit.actions()).toEqual(expect.arrayContaining(['mailing.mapping_saved', 'mailing.refused', 'mailing.checked']));
  });
});
