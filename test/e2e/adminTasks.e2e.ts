/**
 * Issue 17: the administration screen end to end in Chromium over the real Terminal, router, handlers and core —
 * administrator login (a lead is refused), the terminal's state, audit verify, checkpoint (file + paper PDF),
 * support bundle and backup, each saved where the save dialog points. Screenshots at 1366×768 for review; the
 * bridge log proves no PIN, recovery key or file content crossed back to the renderer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startTerminal, type TestTerminal } from '../fakes/terminal';
import { STAFF } from '../fakes/core';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { launchApp, SCREENSHOT_DIR, type AppHandle } from './harness/app';
import { personalNeedles, scanBytes } from '../unit/audit/personal';

let app: AppHandle | null = null;
let term: TestTerminal | null = null;
afterEach(async () => {
  await app?.close();
  await term?.close();
  app = null;
  term = null;
});

async function login(page: Page, who: { staffId: string; pin: string }): Promise<void> {
  await page.getByLabel('職員番号').fill(who.staffId);
  await page.getByLabel('暗証番号').fill(who.pin);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

describe('the administration screen (issue 17)', () => {
  it('an administrator logs in with their own PIN, sees the state, verifies, exports a checkpoint with its paper form, a support bundle and a backup', async () => {
    term = await startTerminal();
    const t = term;
    const out = join(SCREENSHOT_DIR, '..', 'admin-exports');
    mkdirSync(out, { recursive: true });
    const savedFiles: string[] = [];
    const save = (name: string, bytes: Uint8Array | string) => {
      const path = join(out, name);
      writeFileSync(path, bytes);
      savedFiles.push(path);
      return { saved: true, location: name };
    };
    app = await launchApp({
      context: ({ pdf }) => t.terminal.context(
        { version: '0.1.0-e2e', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' }, locks: () => ({ networkBlocked: true, contentProtection: false, permissionsDenied: true, source: 'test-harness' }) },
        {
          saveApplicantCopy: async (html, name) => save(name, await pdf(html)),
          saveExport: async () => ({ location: '' }),
          printRecoverySheet: async () => ({ printed: false }),
          chooseListFile: async () => null,
          saveBundle: async (file, name) => save(name, file),
          saveText: async (content, name) => save(name, content),
        },
      ),
    });
    const { page } = app;
    await page.getByRole('heading', { name: '職員ログイン' }).waitFor();
    await login(page, STAFF.admin1);
    await page.getByTestId('start-admin-tasks').click();
    await page.getByTestId('admin-login').waitFor();
    await app.screenshot('admin-1-login');
    await expectNoSeriousA11yViolations(page, 'admin login');

    // A lead's PIN is not an administrator's: refused in Japanese, the PIN field emptied.
    await page.getByLabel('管理者の職員番号').fill(STAFF.lead1.staffId);
    await page.getByLabel('管理者の暗証番号').fill(STAFF.lead1.pin);
    await page.getByRole('button', { name: 'ログイン' }).last().click();
    await expect.poll(() => page.getByTestId('admin-login-error').getAttribute('data-code')).toBe('E_ADMIN_NOT_ADMIN');
    expect(await page.getByTestId('admin-login-error').textContent()).toContain('管理者ではありません');
    expect(await page.getByLabel('管理者の暗証番号').inputValue()).toBe('');
    await app.screenshot('admin-2-login-refused');

    await page.getByLabel('管理者の職員番号').fill(STAFF.admin2.staffId);
    await page.getByLabel('管理者の暗証番号').fill(STAFF.admin2.pin);
    await page.getByRole('button', { name: 'ログイン' }).last().click();
    await page.getByTestId('admin-status').waitFor();
    const facts = await page.getByTestId('admin-status').textContent();
    expect(facts).toContain('150名');
    expect(facts).toContain('T-oracle01');
    expect(facts).toContain('管理者 2名');
    await app.screenshot('admin-3-status');
    await expectNoSeriousA11yViolations(page, 'admin status');

    await page.getByTestId('admin-verify').click();
    await expect.poll(() => page.getByTestId('admin-result').textContent()).toContain('改ざんされていません');
    await app.screenshot('admin-4-verified');

    await page.getByTestId('admin-checkpoint').click();
    await expect.poll(() => page.getByTestId('admin-result').textContent()).toContain('確認点');
    const pdfFile = savedFiles.find((f) => f.endsWith('.pdf'))!;
    expect(readFileSync(pdfFile).subarray(0, 4).toString()).toBe('%PDF');
    expect(JSON.parse(readFileSync(savedFiles.find((f) => f.endsWith('.json'))!, 'utf8'))).toMatchObject({ format: 'countershield-audit-checkpoint/v1' });
    await app.screenshot('admin-5-checkpoint');

    await page.getByTestId('admin-support').click();
    await expect.poll(() => page.getByTestId('admin-result').textContent()).toContain('サポート用ファイル');
    const support = readFileSync(savedFiles.find((f) => f.includes('サポート'))!);
    expect(scanBytes(support, personalNeedles())).toEqual([]);

    // A wrong recovery key: refused in Japanese, nothing saved.
    const before = savedFiles.length;
    await page.getByLabel('回復キー（紙に控えたもの）').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await page.getByTestId('admin-backup').click();
    await expect.poll(async () => (await page.getByTestId('admin-error').textContent()) ?? '').toMatch(/回復キー/);
    expect(savedFiles.length).toBe(before);
    await app.screenshot('admin-6-backup-refused');
    await page.getByLabel('回復キー（紙に控えたもの）').fill(t.recoveryKey);
    await page.getByTestId('admin-backup').click();
    await expect.poll(() => page.getByTestId('admin-result').textContent(), { timeout: 30_000 }).toContain('バックアップを作成しました（150名）');
    expect(existsSync(savedFiles.find((f) => f.endsWith('.csbackup'))!)).toBe(true);
    await app.screenshot('admin-7-backup');

    const wire = JSON.stringify(app.bridge.map((r) => r.response));
    for (const secret of [STAFF.admin2.pin, STAFF.lead1.pin, t.recoveryKey]) expect(wire).not.toContain(secret);
    expect(scanBytes(Buffer.from(wire), personalNeedles())).toEqual([]);
  }, 180_000);
});
