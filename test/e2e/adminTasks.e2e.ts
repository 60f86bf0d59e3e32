/**
 * Issue 17: the administration screen end to end in Chromium over the real Terminal, router, handlers and core —
 * administrator login (a lead is refused), the terminal's state, audit verify, checkpoint (file + paper PDF),
 * support bundle, a backup with the PIN only and a restore from it (a wrong recovery key refused first), each saved
 * where the save dialog points; the paper form is read back from its PDF with pdftotext. Screenshots at 1366×768 for review; the
 * bridge log proves no PIN, recovery key or file content crossed back to the renderer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startTerminal, type TestTerminal } from '../fakes/terminal';
import { STAFF } from '../fakes/core';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { launchApp, SCREENSHOT_DIR, type AppHandle } from './harness/app';
import { personalNeedles, scanBytes } from '../unit/audit/personal';
import { ADMIN_EXIT, runAdminCommand } from '../../electron/core/admin';
import { testClock } from '../clock';

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
    let toOpen: Buffer | null = null;
    let renderPdf: ((html: string) => Promise<Uint8Array>) | null = null;
    const seqOf = (c: { seq: number }) => c.seq;
    const save = (name: string, bytes: Uint8Array | string) => {
      const path = join(out, name);
      writeFileSync(path, bytes);
      savedFiles.push(path);
      return { saved: true, location: name };
    };
    app = await launchApp({
      context: ({ pdf }) => (renderPdf = pdf, t.terminal.context(
        { version: '0.1.0-e2e', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' }, locks: () => ({ networkBlocked: true, contentProtection: false, permissionsDenied: true, source: 'test-harness' }) },
        {
          saveApplicantCopy: async (html, name) => save(name, await pdf(html)),
          saveExport: async () => ({ location: '' }),
          printRecoverySheet: async () => ({ printed: false }),
          chooseListFile: async () => (toOpen ? { name: 'バックアップ.csbackup', bytes: toOpen } : null),
          saveBundle: async (file, name) => save(name, file),
          saveText: async (content, name) => save(name, content),
        },
      )),
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
    const cp = JSON.parse(readFileSync(savedFiles.find((f) => f.endsWith('.json'))!, 'utf8')) as { format: string; seq: number; keyFingerprint: string };
    expect(cp).toMatchObject({ format: 'countershield-audit-checkpoint/v1' });
    // The paper form read back from the PDF as a person would read the printout: title, number, fingerprint, signature lines.
    const paper = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(paper).toContain('監査記録 確認点');
    expect(paper).toMatch(new RegExp(`通し番号\\s*:\\s*${cp.seq}`));
    expect(paper.replace(/\s/g, '')).toContain(cp.keyFingerprint);
    expect(paper).toContain('確認者2');
    await app.screenshot('admin-5-checkpoint');

    await page.getByTestId('admin-support').click();
    await expect.poll(() => page.getByTestId('admin-result').textContent()).toContain('サポート用ファイル');
    const support = readFileSync(savedFiles.find((f) => f.includes('サポート'))!);
    expect(scanBytes(support, personalNeedles())).toEqual([]);

    // A backup with the logged-in administrator's PIN only: no recovery key on this screen.
    await page.getByTestId('admin-backup').click();
    await expect.poll(() => page.getByTestId('admin-result').textContent(), { timeout: 30_000 }).toContain('バックアップを作成しました（150名）');
    const backupFile = savedFiles.find((f) => f.endsWith('.csbackup'))!;
    expect(existsSync(backupFile)).toBe(true);
    await app.screenshot('admin-6-backup');

    // Restore from the screen: a wrong recovery key is refused in Japanese and the app keeps its vault and login.
    toOpen = readFileSync(backupFile);
    await page.getByTestId('admin-restore-choose').click();
    await expect.poll(() => page.getByTestId('admin-restore-chosen').textContent()).toContain('バックアップ.csbackup');
    // The second administrator's refusal sits under the second person's own field, not above the button.
    await page.getByLabel('回復キー（紙に控えたもの）').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-JJJJ');
    await page.locator('#at-second-id').fill(STAFF.admin2.staffId);
    await page.locator('#at-second-pin').fill(STAFF.admin2.pin);
    await page.getByTestId('admin-restore').click();
    await expect.poll(async () => (await page.locator('#at-second-id-error').textContent()) ?? '').toContain('別の管理者');
    expect(await page.locator('#at-second-id').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('admin-restore-error').count()).toBe(0);
    await app.screenshot('admin-7a-restore-second-refused');
    await page.locator('#at-second-id').fill('');
    await page.getByLabel('回復キー（紙に控えたもの）').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-JJJJ');
    await page.getByTestId('admin-restore').click();
    // The refusal of the typed key sits under the key's own field, with its code in small print.
    await expect.poll(async () => (await page.locator('#at-recovery-error').textContent()) ?? '').toContain('回復キー');
    expect(await page.getByLabel('回復キー（紙に控えたもの）').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('admin-status').textContent()).toContain('150名');
    await app.screenshot('admin-7-restore-refused');
    await page.getByLabel('回復キー（紙に控えたもの）').fill(t.recoveryKey);
    await page.getByTestId('admin-restore').click();
    // Every login ended with the old vault: the app is back at the staff login, open on the restored vault.
    await page.getByRole('heading', { name: '職員ログイン' }).waitFor({ timeout: 90_000 });
    // The login says once what was restored (和暦 date of the backup, counts) and what to do next — no person's data.
    const notice = page.getByTestId('restore-notice');
    await notice.waitFor({ timeout: 30_000 });
    const said = (await notice.textContent()) ?? '';
    expect(said).toMatch(/令和(?:\d+|元)年\d+月\d+日（\d{4}年）\d{2}:\d{2}（日本時間）作成のバックアップに戻しました/);
    expect(said).toContain('保護リストは150名です');
    expect(said).toContain('終わった支援措置・短くなった期間はありません');
    expect(said).toContain('次に：');
    expect(scanBytes(Buffer.from(said), personalNeedles())).toEqual([]);
    await app.screenshot('admin-8-restored-login');
    await login(page, STAFF.admin1);
    // The app returns to the screen it was on: the administration screen, asking for an administrator again.
    await page.getByTestId('admin-login').waitFor();
    await page.getByLabel('管理者の職員番号').fill(STAFF.admin2.staffId);
    await page.getByLabel('管理者の暗証番号').fill(STAFF.admin2.pin);
    await page.getByRole('button', { name: 'ログイン' }).last().click();
    await expect.poll(() => page.getByTestId('admin-status').textContent()).toContain('150名');
    await app.screenshot('admin-9-after-restore');
    // Once only: locking back to the login shows no notice again.
    await page.getByRole('button', { name: 'ロックする' }).click();
    await page.getByRole('heading', { name: '職員ログイン' }).waitFor();
    await page.waitForTimeout(2500);
    expect(await page.getByTestId('restore-notice').count()).toBe(0);

    const wire = JSON.stringify(app.bridge.map((r) => r.response));
    for (const secret of [STAFF.admin2.pin, STAFF.lead1.pin, t.recoveryKey]) expect(wire).not.toContain(secret);
    expect(scanBytes(Buffer.from(wire), personalNeedles())).toEqual([]);

    // The same paper form from `CounterShield.exe --admin checkpoint --paper`, once the app has let go of the vault:
    // rendered to PDF by the platform (Chromium here, printToPDF in the app) and read back with pdftotext.
    await t.close();
    // A fresh name per run: the export folder outlives runs, and --admin never overwrites a file.
    const stem = join(out, `cp-admin-${seqOf(cp)}-${Math.random().toString(36).slice(2)}`);
    const cpFile = `${stem}.json`;
    const paperFile = `${stem}.pdf`;
    const env = { dataDir: t.dataDir, access: { kind: 'slot' as const, protector: t.protector }, terminalId: 'T-oracle01', appVersion: '0.1.0-e2e', clock: testClock, policyPath: t.policyPath };
    const run = await runAdminCommand(['checkpoint', '--file', cpFile, '--paper', paperFile, '--by', STAFF.admin1.staffId, '--json'], env, { platform: 'win32', readSecret: async () => STAFF.admin1.pin, renderPdf: renderPdf! });
    expect(run.code).toBe(ADMIN_EXIT.ok);
    const written = JSON.parse(readFileSync(cpFile, 'utf8')) as { seq: number; keyFingerprint: string };
    const printed = execFileSync('pdftotext', ['-layout', paperFile, '-'], { encoding: 'utf8' });
    expect(printed).toMatch(new RegExp(`通し番号\\s*:\\s*${written.seq}`));
    expect(printed.replace(/\s/g, '')).toContain(written.keyFingerprint);
  }, 180_000);
});
