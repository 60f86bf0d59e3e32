/**
 * The reconciliation end to end (SPEC F18, issue 21), in Chromium through the real router, vault, staff and
 * ReconcileService: a lead compares the 附票 system's Shift_JIS list, the start screen turns red, one finding is
 * refused for one person and resolved by two. Screenshots at 1366×768: test-results/screenshots/reconcile-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreContext } from '../../electron/ipc/coreContext';
import { sampleListClock } from '../clock';
import { createTestCore, STAFF, type TestCore } from '../fakes/core';
import { departmentsAndLeads, MAILING_FIXTURES } from '../fakes/departments';
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

describe('reconciliation from the app (SPEC F18)', () => {
  it('a lead reconciles the 附票 list; missing suppression is red on the start screen until two people resolve it', async () => {
    // The reconciliation compares with the sample list's fixed periods: its clock, never the matrix's pinned instant.
    core = await createTestCore({ clock: sampleListClock });
    const c = core;
    const next = { name: '附票_支援措置設定.csv', bytes: readFileSync(join(MAILING_FIXTURES, 'other-system.csv')) };
    const { departments, leads } = await departmentsAndLeads(c, { chooseFile: async () => next, saveReport: async (_c, name) => ({ location: name }) });
    app = await launchApp({ context: { ...coreContext(c), policy: testPolicyContext({ audit: c.audit, actor: 'terminal' }), departments, leads } });
    const { page } = app;
    await page.getByLabel('職員番号').fill(STAFF.lead1.staffId);
    await page.getByLabel('暗証番号').fill(STAFF.lead1.pin);
    await page.getByRole('button', { name: 'ログイン' }).click();

    await page.getByTestId('go-reconcile').click();
    await expect.poll(async () => page.getByTestId('reconcile-none').count(), SLOW).toBe(1);
    await page.getByTestId('reconcile-choose').click();
    expect(await page.getByTestId('rmap-atenaNo').inputValue()).toBe('宛名番号');
    expect(await page.getByTestId('rmap-endDate').inputValue()).toBe('制限終了日');
    await expectNoSeriousA11yViolations(page, 'reconcile mapping');
    await app.screenshot('reconcile-1-mapping');
    await page.getByTestId('reconcile-run').click();
    await expect.poll(async () => page.getByTestId('reconcile-red').textContent(), SLOW).toBe('6件');
    await expect.poll(async () => page.locator('[data-testid="reconcile-open"] tbody tr').count(), SLOW).toBe(8);
    await expectNoSeriousA11yViolations(page, 'reconcile result');
    await expect.poll(async () => page.getByTestId('reconcile-progress').textContent(), SLOW).toContain('10行 / 10行を突き合わせました');
    // The lead panel lists findings by number: no 管理番号 on the screen or across the bridge yet.
    const ids = listPersons().map((p) => p.id);
    const screen = (await page.getByTestId('reconcile').textContent()) ?? '';
    for (const id of ids) expect(screen.includes(id), id).toBe(false);
    await app.screenshot('reconcile-2-findings');

    // The lead panel on the start screen is red while findings are open — inside the panel (issue 21), not beside it.
    await page.getByRole('button', { name: '開始画面に戻る' }).click();
    await expect.poll(async () => page.getByTestId('leads-panel').getByTestId('reconcile-alert').textContent(), SLOW).toContain('6件');
    expect(await page.getByTestId('reconcile-alert').count()).toBe(1);
    expect(await page.getByTestId('leads-panel').getAttribute('class')).toContain('has-alert');
    expect(await page.getByTestId('leads-panel').getByTestId('go-reconcile-alert').count()).toBe(1);
    await app.screenshot('reconcile-3-start-red');
    await page.getByTestId('go-reconcile-alert').click();

    const row = page.locator('[data-testid="reconcile-open"] tr[data-code="PROTECTED_NOT_SUPPRESSED"]').first();
    await row.getByRole('button', { name: '解消する' }).click();
    // One person alone is refused, and the PINs are cleared.
    await page.getByTestId('reconcile-first-id').fill(STAFF.lead1.staffId);
    await page.getByTestId('reconcile-first-pin').fill(STAFF.lead1.pin);
    await page.getByTestId('reconcile-second-id').fill(STAFF.lead1.staffId);
    await page.getByTestId('reconcile-second-pin').fill(STAFF.lead1.pin);
    // Resolving waits until the two have seen whom the finding is about.
    expect(await page.getByTestId('reconcile-submit').isDisabled()).toBe(true);
    await page.getByTestId('reconcile-reveal').click();
    await expect.poll(async () => page.getByTestId('setup-error').getAttribute('data-code'), SLOW).toBe('E_RECONCILE_TWO_PEOPLE');
    expect(await page.getByTestId('reconcile-first-pin').inputValue()).toBe('');
    expect(await page.getByTestId('reconcile-revealed').count()).toBe(0);
    await app.screenshot('reconcile-4-one-person-refused');
    const before = JSON.stringify(app.bridge.map((r) => r.response));
    for (const id of ids) expect(before.includes(id), id).toBe(false);

    await page.getByTestId('reconcile-first-pin').fill(STAFF.lead1.pin);
    await page.getByTestId('reconcile-second-id').fill(STAFF.clerk1.staffId);
    await page.getByTestId('reconcile-second-pin').fill(STAFF.clerk1.pin);
    await page.getByTestId('reconcile-reveal').click();
    await expect.poll(async () => page.getByTestId('reconcile-revealed').textContent(), SLOW).toMatch(/この不一致の管理番号 M\d{4}/);
    await app.screenshot('reconcile-5-revealed-two-people');
    await page.getByTestId('reconcile-first-pin').fill(STAFF.lead1.pin);
    await page.getByTestId('reconcile-second-pin').fill(STAFF.clerk1.pin);
    await page.getByTestId('reconcile-reference').fill('FH-2026-0042');
    await expectNoSeriousA11yViolations(page, 'reconcile resolve');
    await app.screenshot('reconcile-6-resolve-two-people');
    await page.getByTestId('reconcile-submit').click();
    await expect.poll(async () => page.locator('[data-testid="reconcile-open"] tbody tr').count(), SLOW).toBe(7);
    const resolved = c.audit.events.find((e) => e.action === 'reconcile.resolved');
    expect(resolved?.actors).toEqual([STAFF.lead1.staffId, STAFF.clerk1.staffId]);

    const responses = JSON.stringify(app.bridge.map((r) => r.response));
    for (const p of listPersons()) for (const v of [p.name, p.dob, p.address, p.atenaNo!]) expect(responses.includes(v), v).toBe(false);
  });

  it('a person deleted from the list after the reconcile: two people are told so, no 管理番号 appears, and they can still resolve it', async () => {
    // The reconciliation compares with the sample list's fixed periods: its clock, never the matrix's pinned instant.
    core = await createTestCore({ clock: sampleListClock });
    const c = core;
    const next = { name: '附票_支援措置設定.csv', bytes: readFileSync(join(MAILING_FIXTURES, 'other-system.csv')) };
    const { departments, leads } = await departmentsAndLeads(c, { chooseFile: async () => next, saveReport: async (_c, name) => ({ location: name }) });
    app = await launchApp({ context: { ...coreContext(c), policy: testPolicyContext({ audit: c.audit, actor: 'terminal' }), departments, leads } });
    const { page } = app;
    await page.getByLabel('職員番号').fill(STAFF.lead1.staffId);
    await page.getByLabel('暗証番号').fill(STAFF.lead1.pin);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByTestId('go-reconcile').click();
    await expect.poll(async () => page.getByTestId('reconcile-none').count(), SLOW).toBe(1);
    await page.getByTestId('reconcile-choose').click();
    await page.getByTestId('reconcile-run').click();
    await expect.poll(async () => page.getByTestId('reconcile-red').textContent(), SLOW).toBe('6件');
    // Everyone the other system lacks leaves the list here (removals confirmed), after the findings were stored.
    const missing = new Set(['M0009', 'M0010', 'M0011', 'M0012', 'M0099']);
    const list = readFileSync(join(MAILING_FIXTURES, 'list.csv'), 'utf8').split('\n').filter((l) => !missing.has(l.replace(/^\ufeff/, '').split(',')[0]!)).join('\n');
    expect((await c.vault.commit(Buffer.from(list, 'utf8'), { confirmRemovals: true })).ok).toBe(true);

    const row = page.locator('[data-testid="reconcile-open"] tr[data-code="PROTECTED_NOT_SUPPRESSED"]').first();
    await row.getByRole('button', { name: '解消する' }).click();
    await page.getByTestId('reconcile-first-id').fill(STAFF.lead1.staffId);
    await page.getByTestId('reconcile-first-pin').fill(STAFF.lead1.pin);
    await page.getByTestId('reconcile-second-id').fill(STAFF.clerk1.staffId);
    await page.getByTestId('reconcile-second-pin').fill(STAFF.clerk1.pin);
    await page.getByTestId('reconcile-reveal').click();
    await expect.poll(async () => page.getByTestId('reconcile-revealed').textContent(), SLOW).toContain('保護リストから削除されています');
    const screen = (await page.getByTestId('reconcile').textContent()) ?? '';
    for (const id of listPersons().map((p) => p.id)) expect(screen.includes(id), id).toBe(false);
    await app.screenshot('reconcile-7-deleted-since');
    await page.getByTestId('reconcile-first-pin').fill(STAFF.lead1.pin);
    await page.getByTestId('reconcile-second-pin').fill(STAFF.clerk1.pin);
    await page.getByTestId('reconcile-resolution').selectOption('LIST_UPDATED');
    await page.getByTestId('reconcile-submit').click();
    await expect.poll(async () => page.locator('[data-testid="reconcile-open"] tbody tr').count(), SLOW).toBe(7);
    expect(c.audit.events.find((e) => e.action === 'reconcile.resolved')).toMatchObject({ detail: { entry: 'gone', resolution: 'LIST_UPDATED' } });
  });
});
