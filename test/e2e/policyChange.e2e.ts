/**
 * Changing the camera policy at the terminal (SPEC F5), end to end: the real staff directory and PINs,
 * the real PolicyAdmin signing a temp policy file, the loader reading it back. Administrator A proposes,
 * administrator B sees the before → after table and the check code and approves; the admin screen then
 * shows the new policy from the signed file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchApp, SCREENSHOT_DIR, type AppHandle } from './harness/app';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { coreContext } from '../../electron/ipc/coreContext';
import { policyAdminContext } from '../../electron/ipc/policyContext';
import type { PolicyContext } from '../../electron/ipc/context';
import { loadEffectivePolicy, PhotoRequestLog, PolicyAdmin } from '../../electron/core/policy';
import { ALL_PINS, createTestCore, STAFF, type TestCore } from '../fakes/core';
import { fakeKeys } from '../fakes/policy';
import { tempDir } from '../unit/vault/helpers';
import { testClock } from '../clock';

let app: AppHandle | null = null;
let core: TestCore | null = null;
afterEach(async () => {
  await app?.close();
  await core?.close().catch(() => undefined);
  app = null;
  core = null;
});

/** The policy part of the AppContext as the Terminal wires it, on a temp file and a test key. */
async function policyContext(c: TestCore): Promise<{ ctx: PolicyContext; path: string }> {
  const path = join(tempDir('cs-e2e-pol-'), 'policy.json');
  const keys = fakeKeys();
  let effective = await loadEffectivePolicy({ path, keys });
  const admin = new PolicyAdmin({ path, keys, auth: c.staff, audit: c.audit, clock: testClock });
  const photos = new PhotoRequestLog({ audit: c.audit, clock: testClock, actor: () => 'terminal' });
  return {
    path,
    ctx: {
      effective: () => effective,
      recordPhotoRequest: (i) => photos.record(i),
      admin: policyAdminContext(admin, async () => { effective = await loadEffectivePolicy({ path, keys }); }),
    },
  };
}

async function loginAndOpenPolicy(page: Page): Promise<void> {
  await page.getByLabel('職員番号').fill(STAFF.admin1.staffId);
  await page.getByLabel('暗証番号').fill(STAFF.admin1.pin);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('button', { name: 'ポリシーの内容（管理者向け）' }).click();
  await page.getByTestId('policy-change').waitFor();
}

describe('changing the camera policy takes two administrators at the terminal (SPEC F5)', () => {
  it('A proposes within the bounds, B sees before → after and the check code and approves; the policy in force changes', async () => {
    core = await createTestCore();
    const pol = await policyContext(core);
    app = await launchApp({ context: { ...coreContext(core), policy: pol.ctx } });
    const { page } = app;
    await loginAndOpenPolicy(page);
    const change = page.getByTestId('policy-change');
    await change.getByRole('button', { name: '変更を提案する' }).click();
    await page.getByLabel('無操作時のロック（秒）').fill('120');
    await page.getByLabel('保護情報の表示時間（秒）').fill('30');
    await change.getByRole('checkbox', { name: '勤務先' }).check();
    // The defaults are shown as fixed: they cannot be unticked.
    expect(await change.getByRole('checkbox', { name: /^住所/ }).isDisabled()).toBe(true);
    expect(await change.getByText('書類を撮影されたことが、過去の事故の原因でした。').isVisible()).toBe(true);
    await page.getByLabel('提案する管理者の職員番号').fill(STAFF.admin1.staffId);
    await page.getByLabel('提案する管理者の暗証番号').fill(STAFF.admin1.pin);
    await change.getByRole('heading', { name: '1. 変更の提案（管理者 A）' }).scrollIntoViewIfNeeded();
    await app.screenshot('policy-change-propose');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'policy-change-propose-full.png'), fullPage: true });
    await expectNoSeriousA11yViolations(page, 'policy change: propose');
    await change.getByRole('button', { name: 'この内容で提案する' }).click();

    const approve = page.getByTestId('pc-approve');
    await approve.waitFor();
    expect(await page.getByTestId('pc-proposer').textContent()).toBe(STAFF.admin1.staffId);
    const code = (await page.getByTestId('pc-check-code').textContent())!;
    expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    const diff = page.getByTestId('pc-diff');
    expect(await diff.locator('tbody tr').count()).toBe(3);
    // "Before" is what is in force: with no file yet, the strict bounds (issue 14), not the loosest a file may set.
    expect(await diff.locator('tr[data-field="idleLockSeconds"]').innerText()).toMatch(/60秒\s*→\s*120秒/);
    expect(await diff.locator('tr[data-field="unmaskGrantTtlSeconds"]').innerText()).toMatch(/15秒\s*→\s*30秒/);
    expect(await diff.locator('tr[data-field="maskedFields"] .pc-after').innerText()).toContain('勤務先');
    expect(await approve.textContent()).toContain('アプリを再起動すると適用されます');
    // The proposer's PIN field is gone and empty: nothing of A's PIN stays on B's screen.
    expect(await page.getByLabel('提案する管理者の暗証番号').count()).toBe(0);
    await app.screenshot('policy-change-approve');
    await expectNoSeriousA11yViolations(page, 'policy change: approve');

    // A cannot complete it alone.
    await page.getByLabel('承認する管理者の職員番号（提案者以外）').fill(STAFF.admin1.staffId);
    await page.getByLabel('承認する管理者の暗証番号').fill(STAFF.admin1.pin);
    await approve.getByRole('button', { name: '承認してポリシーを変更する' }).click();
    await expect.poll(() => page.getByTestId('pc-error').textContent()).toContain('提案した本人は承認できません');
    expect(existsSync(pol.path)).toBe(false);
    await app.screenshot('policy-change-self-refused');

    // B approves, by keyboard: fields and the button are reachable with Tab, submitted with Enter.
    await page.getByLabel('承認する管理者の職員番号（提案者以外）').fill(STAFF.admin2.staffId);
    await page.getByLabel('承認する管理者の暗証番号').focus();
    await page.keyboard.type(STAFF.admin2.pin);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('pc-done').textContent()).toContain('第1版のポリシーとして承認され');
    await expect.poll(() => page.getByTestId('pv-source').textContent()).toBe('管理者2名が承認したポリシーファイル');
    expect(await page.getByTestId('pv-state').textContent()).toBe('正常');
    expect(await page.locator('tr[data-field="idleLockSeconds"] td').first().textContent()).toContain('120秒');
    expect(existsSync(pol.path)).toBe(true);
    await app.screenshot('policy-change-approved');
    await expectNoSeriousA11yViolations(page, 'policy change: approved');

    const actions = core.audit.actions();
    expect(actions).toEqual(expect.arrayContaining(['policy.proposed', 'policy.approve_refused', 'policy.changed']));
    // No PIN crossed back over the bridge or into the audit trail.
    const seen = JSON.stringify(app.bridge.map((r) => r.response)) + core.audit.text();
    for (const pin of ALL_PINS) expect(seen).not.toContain(pin);
  });
});
