/**
 * 本部の配布作業 (issue 18) through the real router: an administrator at the station creates the drop folder with a
 * second administrator, releases the first package (the screen says what it carries, how many terminals will pick it
 * up and where it is written), retires a PC and rotates the signing keys. Every bad input gets its Japanese reason,
 * every refusal from main is shown as main said it, and no PIN or key crosses back over the bridge.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { launchApp, type AppHandle } from './harness/app';
import { ADMIN_1, ADMIN_2, LEAD, stationDeskFixture, TERMINAL, type StationDeskFixture } from './harness/stationDeskContext';
import { generateRecoveryKey } from '../../electron/core/vault/recoveryKey';
import type { Page } from 'playwright-core';
import { testNowMs } from '../clock';

let app: AppHandle | null = null;
let fx: StationDeskFixture | null = null;
afterEach(async () => {
  await app?.close();
  await fx?.close();
  app = null;
  fx = null;
});

async function fillAdmins(page: Page, panel: string, a: { staffId: string; pin: string }, b: { staffId: string; pin: string }) {
  const p = page.getByTestId(panel);
  await p.getByLabel('職員番号').nth(0).fill(a.staffId);
  await p.getByLabel('暗証番号').nth(0).fill(a.pin);
  await p.getByLabel('職員番号').nth(1).fill(b.staffId);
  await p.getByLabel('暗証番号').nth(1).fill(b.pin);
}

const text = async (page: Page, id: string) => (await page.getByTestId(id).textContent()) ?? '';
const metadata = (drop: string) => (existsSync(join(drop, 'metadata')) ? readdirSync(join(drop, 'metadata')).sort() : []);

describe('the station desk (issue 18)', () => {
  it('creates the drop folder, releases, retires a PC and rotates the keys, each saying what it does and what comes next', async () => {
    fx = await stationDeskFixture();
    const f = fx;
    app = await launchApp({ context: f.context });
    const { page } = app;
    await page.getByRole('button', { name: '月次点検' }).click();
    await page.getByRole('button', { name: '配布と端末' }).click();
    await page.getByRole('button', { name: '本部の配布作業へ' }).click();

    // Create: what it does first; empty and malformed input answered beside each field.
    const create = page.getByTestId('desk-create');
    await create.waitFor();
    expect(await text(page, 'desk-create-does')).toContain('管理者2名の署名が必要');
    // Until the drop folder exists there is nothing else to choose.
    expect(await page.getByTestId('desk-tabs').count()).toBe(0);
    await page.getByRole('button', { name: '配布フォルダーを作成する' }).click();
    expect(await create.textContent()).toContain('回復キー（初期設定で印刷した控え）を入力してください');
    await create.getByLabel('回復キー（初期設定で印刷した控え）').fill('ABCD-1234');
    await page.getByRole('button', { name: '配布フォルダーを作成する' }).click();
    expect(await create.textContent()).toContain('回復キーは4文字ずつ9組');
    expect(await text(page, 'desk-create-pair-error')).toBe('管理者（1人目）：職員番号を入力してください。 管理者（2人目）：職員番号を入力してください。');
    await expectNoSeriousA11yViolations(page, 'station-create-errors');
    await app.screenshot('station-create-errors');
    await create.getByLabel('回復キー（初期設定で印刷した控え）').fill(f.recoveryKey);
    await fillAdmins(page, 'desk-create', ADMIN_1, ADMIN_1);
    await page.getByRole('button', { name: '配布フォルダーを作成する' }).click();
    expect(await text(page, 'desk-create-pair-error')).toContain('別の管理者');
    // A lead's PIN is not an administrator's signature: main refuses, the screen says so, nothing is written.
    await fillAdmins(page, 'desk-create', ADMIN_1, LEAD);
    await page.getByRole('button', { name: '配布フォルダーを作成する' }).click();
    await expect.poll(() => create.getByRole('alert').filter({ hasText: '班長の暗証番号では行えません' }).count()).toBeGreaterThan(0);
    expect(metadata(f.drop)).toEqual([]);
    // The PINs and the recovery key are cleared after every attempt.
    expect(await create.getByLabel('暗証番号').nth(1).inputValue()).toBe('');
    expect(await create.getByLabel('回復キー（初期設定で印刷した控え）').inputValue()).toBe('');
    await create.getByLabel('回復キー（初期設定で印刷した控え）').fill(f.recoveryKey);
    await fillAdmins(page, 'desk-create', ADMIN_1, ADMIN_2);
    await page.getByRole('button', { name: '配布フォルダーを作成する' }).click();
    await expect.poll(() => text(page, 'desk-create-done'), { timeout: 60_000 }).toContain('配布フォルダーを作成しました');
    expect(await text(page, 'desk-create-done')).toContain('「端末パッケージの配布」で最初の版を配布します');
    expect(metadata(f.drop)).toContain('1.root.json');
    await app.screenshot('station-created');

    // The terminal sends its first segment: the station now knows one terminal that will pick the release up.
    await f.sendSegment();
    await page.getByRole('button', { name: '配布と端末' }).click();
    await page.getByRole('button', { name: '本部の配布作業へ' }).click();
    const release = page.getByTestId('desk-release');
    await release.waitFor();
    const does = await text(page, 'desk-release-does');
    expect(does).toContain('第1版の端末パッケージ');
    expect(does).toContain(`保護リスト${f.persons}人`);
    expect(does).toContain('監査記録が届いている1台');
    expect(does).toContain(f.drop);
    // Typed as a clerk writes it (和暦, era letter): the field is text, not Chromium's locale-drawn date picker.
    await release.getByLabel('住基データの日付（取り込んだ住基データを作成した日）').fill('R81.1.1');
    await page.getByRole('button', { name: '第1版を配布する' }).click();
    expect(await release.textContent()).toContain('住基データの日付が今日より後');
    await expectNoSeriousA11yViolations(page, 'station-release');
    await app.screenshot('station-release-errors');
    // Two days before the test clock's day (JST), typed in 西暦: under the date matrix's era instant it is 平成31年.
    const made = jstDay(testNowMs() - 2 * 86_400_000);
    await release.getByLabel('住基データの日付（取り込んだ住基データを作成した日）').fill(`${made.y}年${made.m}月${made.d}日`);
    expect(await release.textContent()).toMatch(new RegExp(`読み取った日付：(令和|平成)(\\d+|元)年${made.m}月${made.d}日（${made.y}年）`));
    await release.getByLabel('回復キー（初期設定で印刷した控え）').fill(f.recoveryKey);
    await fillAdmins(page, 'desk-release', ADMIN_1, ADMIN_2);
    await page.getByRole('button', { name: '第1版を配布する' }).click();
    await page.getByTestId('desk-progress').waitFor();
    expect(await page.getByRole('button', { name: '第1版を配布する' }).isDisabled()).toBe(true);
    await app.screenshot('station-release-working');
    await expect.poll(() => text(page, 'desk-release-done'), { timeout: 60_000 }).toContain(`第1版（保護リスト${f.persons}人）を配布フォルダーに書き込みました`);
    expect(await text(page, 'desk-release-done')).toContain('起動時と5分ごと');
    expect(readdirSync(join(f.drop, 'targets')).some((n) => n.endsWith('.pkg-1.csp'))).toBe(true);
    await app.screenshot('station-released');

    // Retire: a malformed id is answered; an id the station never heard from is allowed, with a note.
    await page.getByRole('button', { name: '端末の廃止' }).click();
    const retire = page.getByTestId('desk-retire');
    expect(await retire.textContent()).toContain(TERMINAL);
    await retire.getByLabel('廃止する端末の端末番号').fill('T 1/..');
    await page.getByRole('button', { name: 'この端末を廃止する' }).click();
    expect(await retire.textContent()).toContain('端末番号は英数字とハイフン');
    await retire.getByLabel('廃止する端末の端末番号').fill('T-1a2b3c09');
    expect(await text(page, 'desk-retire-unknown')).toContain('本部に記録のない端末番号');
    await fillAdmins(page, 'desk-retire', ADMIN_1, ADMIN_2);
    await page.getByRole('button', { name: 'この端末を廃止する' }).click();
    await expect.poll(() => text(page, 'desk-retire-done'), { timeout: 60_000 }).toContain('T-1a2b3c09を廃止しました');
    expect(await text(page, 'desk-retire-done')).toContain('続けて「署名鍵の交換」');
    expect((await f.runtime.stationDesk()).retired).toEqual(['T-1a2b3c09']);
    await app.screenshot('station-retired');

    // Rotate: a well-formed but wrong key is refused by main with the reason; the right one shows the new sheet once.
    await page.getByRole('button', { name: '署名鍵の交換' }).click();
    const rotate = page.getByTestId('desk-rotate');
    expect(await text(page, 'desk-rotate-does')).toContain('第2版');
    await rotate.getByLabel('今の署名キー（まだ交換していなければ回復キー）').fill(generateRecoveryKey());
    await fillAdmins(page, 'desk-rotate', ADMIN_1, ADMIN_2);
    await page.getByRole('button', { name: '署名鍵を交換する' }).click();
    // Main's refusal of the key stands under the key's own field, with its code, where the right key is typed.
    await expect.poll(async () => (await rotate.locator('#desk-rotate-key-error').textContent()) ?? '', { timeout: 60_000 }).toContain('今の署名キー');
    expect(await rotate.locator('#desk-rotate-key-error').getAttribute('data-code')).toBe('E_FLEET_ROOT_KEY_WRONG');
    expect(await rotate.getByLabel('今の署名キー（まだ交換していなければ回復キー）').getAttribute('aria-invalid')).toBe('true');
    expect(metadata(f.drop)).not.toContain('2.root.json');
    // The key field was cleared with the PINs; main's reason stands alone, not buried under 「入力してください」.
    expect(await rotate.textContent()).not.toContain('を入力してください');
    await app.screenshot('station-rotate-refused');
    await rotate.getByLabel('今の署名キー（まだ交換していなければ回復キー）').fill(f.recoveryKey);
    await fillAdmins(page, 'desk-rotate', ADMIN_1, ADMIN_2);
    await page.getByRole('button', { name: '署名鍵を交換する' }).click();
    await expect.poll(() => text(page, 'desk-rotate-done'), { timeout: 60_000 }).toContain('署名鍵を交換しました（署名の情報 第2版）');
    const sheet = await text(page, 'desk-new-sheet');
    expect(sheet).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    expect(sheet).not.toBe(f.recoveryKey);
    const root2 = JSON.parse(readFileSync(join(f.drop, 'metadata', '2.root.json'), 'utf8')) as { signatures: unknown[] };
    expect(root2.signatures).toHaveLength(2);
    await expectNoSeriousA11yViolations(page, 'station-rotated');
    await app.screenshot('station-rotated');

    // Nothing secret came back but the new sheet, once; no PIN, no recovery key.
    const responses = JSON.stringify(app.bridge.map((b) => b.response));
    for (const secret of [ADMIN_1.pin, ADMIN_2.pin, LEAD.pin, f.recoveryKey]) expect(responses).not.toContain(secret);
    expect(app.bridge.filter((b) => JSON.stringify(b.response).includes(sheet.split('-').join('","'))).map((b) => b.channel)).toEqual(['fleet:rotateKeys']);
  }, 240_000);
});

/** The calendar day (JST) of an instant, as numbers. */
function jstDay(ms: number): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(ms);
  const n = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  return { y: n('year'), m: n('month'), d: n('day') };
}
