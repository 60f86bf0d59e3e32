/**
 * The 2023 incident from SPEC, played end to end on the sample list: a 転籍届 names a protected member of
 * the koseki; the clerk cannot fill their address; the applicant asks to photograph the form and gets the
 * refusal; a lead approves one field, which shows on the clerk's screen for the TTL only; the applicant copy
 * holds no protected value, even while the grant is live.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProtectedList } from '../../electron/core/import/parseList';
import { SAMPLE_CSV, STAFF } from '../fakes/core';
import { expectNoSeriousA11yViolations } from './harness/a11y';
import { launchApp, type AppHandle } from './harness/app';
import { fullCounter, type FullCounter } from './harness/fullContext';

let app: AppHandle | null = null;
let counter: FullCounter | null = null;
afterEach(async () => {
  await app?.close();
  await counter?.close();
  app = null;
  counter = null;
});

const sample = () => {
  const parsed = parseProtectedList(readFileSync(SAMPLE_CSV));
  if (!parsed.ok) throw new Error('sample did not parse');
  return parsed.persons;
};

describe('the incident, replayed (SPEC "Why it exists")', () => {
  it('masks the protected member, refuses the photo, shows one approved field for the TTL only, and prints no protected value', async () => {
    const TTL = 15;
    counter = await fullCounter({ grantTtlSeconds: TTL, sweepMs: 250 });
    app = await launchApp({ context: counter.context });
    const { page } = app;
    // A protected person with an active measure and no 相手方 link to the (invented) applicant.
    const member = sample().find((p) => p.state === '本措置' && p.endDate > '2027-01-01' && /丁目/.test(p.address))!;

    await page.getByLabel('職員番号').fill(STAFF.clerk1.staffId);
    await page.getByLabel('暗証番号').fill(STAFF.clerk1.pin);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByTestId('start-counter').click();
    await page.getByTestId('open-tenseki').click();
    await page.getByTestId('case-workspace').waitFor();

    // The applicant is family — not the registered 相手方 — and the form names the protected member.
    await page.getByLabel('氏名').first().fill('架空　申出人');
    await page.getByLabel('生年月日').first().fill('昭和50年5月5日');
    await page.getByLabel('生年月日').nth(1).fill(member.dob);
    await page.getByLabel('氏名').nth(1).fill(member.name);
    const dialog = page.getByRole('alertdialog');
    await dialog.getByTestId('warning-protected').waitFor();
    expect(await dialog.textContent()).toContain('家族であっても同じです');
    await app.screenshot('incident-1-warning');
    while (await dialog.getByRole('button', { name: '確認しました' }).count()) await dialog.getByRole('button', { name: '確認しました' }).first().click();

    // The blank address of the protected member cannot be filled: it is not an input, and main refuses a value.
    const card = page.locator('[data-protected="yes"]');
    expect(await card.locator('input[id$="-address"]').count()).toBe(0);
    const last = [...app.bridge].reverse().find((r) => r.channel.startsWith('case:') && (r.response as { ok: boolean }).ok)!.response as { value: { caseId: string; persons: { slot: string; protected: boolean }[] } };
    const slot = last.value.persons.find((p) => p.protected)!.slot;
    const forced = await page.evaluate(
      ([caseId, slot]) => window.countershield.invoke('case:updatePerson', { caseId: caseId!, slot: slot!, input: { fields: { address: '東京都架空区1-1' } } }),
      [last.value.caseId, slot],
    );
    expect(forced).toMatchObject({ ok: false, error: { code: 'E_CASE_MASKED_FIELD' } });
    await app.screenshot('incident-2-masked');

    // The applicant asks to photograph the form: the refusal script, and the request is recorded.
    await page.getByRole('button', { name: '撮影をお断りする' }).click();
    await page.getByTestId('refusal-script').waitFor();
    await expect.poll(() => page.getByTestId('photo-record').textContent()).toContain('記録しました');
    expect(counter.core.audit.actions()).toContain('policy.photo_requested');
    await app.screenshot('incident-3-photo-refused');
    await page.keyboard.press('Escape');
    await page.getByTestId('refusal-dialog').waitFor({ state: 'hidden' });

    // One field, two people: the clerk asks with a reason and their PIN; the lead approves with theirs.
    await card.getByRole('button', { name: '表示を申請' }).first().click();
    await page.getByLabel('ご自身の暗証番号').fill(STAFF.clerk1.pin);
    await app.screenshot('incident-4-request');
    await page.getByRole('button', { name: '申請する' }).click();
    await page.getByTestId('unmask-waiting').waitFor();
    await page.getByRole('button', { name: '班長がこの端末で承認する' }).click();
    await page.getByTestId('approval-screen').waitFor();
    expect(await page.getByTestId('approval-screen').textContent()).not.toContain(member.address);
    await app.screenshot('incident-5-approval');
    await page.getByLabel('班長の職員番号').fill(STAFF.lead1.staffId);
    await page.getByLabel('班長の暗証番号').fill(STAFF.lead1.pin);
    await page.getByRole('button', { name: '承認する' }).click();
    const value = page.getByTestId('granted-value');
    await value.waitFor();
    expect((await value.textContent())?.replace(/\s/g, '')).toBe(member.address.replace(/\s/g, ''));
    expect(await value.getAttribute('data-unmasked')).not.toBeNull();
    await app.screenshot('incident-6-granted');
    // Not readable across the counter (issue 23): body size, not bold, inside its own field; 「すぐに伏せる」 is one
    // horizontal button; the field stays compact, so 本籍 and 世帯主 below it stay in view.
    const look = await page.getByTestId('granted').evaluate((el) => {
      const v = getComputedStyle(el.querySelector('[data-testid="granted-value"]')!);
      const body = getComputedStyle(document.documentElement);
      const hide = [...el.querySelectorAll('button')].find((b) => b.textContent === 'すぐに伏せる')!.getBoundingClientRect();
      return { size: v.fontSize, weight: Number(v.fontWeight), body: body.fontSize, hideW: hide.width, hideH: hide.height, h: el.getBoundingClientRect().height, inField: !!el.closest('.field') };
    });
    expect(look.size).toBe(look.body);
    expect(look.weight).toBeLessThan(600);
    expect(look.hideW).toBeGreaterThan(look.hideH * 2);
    expect(look.hideH).toBeLessThan(60);
    expect(look.h).toBeLessThan(200);
    expect(look.inField).toBe(true);
    expect(await card.getByText('本籍', { exact: true }).isVisible()).toBe(true);
    // The value crossed the bridge once, in the one channel that may carry it.
    const carriers = app.bridge.filter((r) => JSON.stringify(r.response).includes(member.address));
    expect(carriers.map((r) => r.channel)).toEqual(['unmask:take']);

    // The applicant copy, made while the grant is live, still holds placeholders only.
    await page.getByRole('button', { name: 'お客様控えを出力（PDF）' }).click();
    // Rendering a CJK PDF can take seconds on a loaded machine: wait for the outcome, whichever it is.
    const outcome = page.locator('.case-notice, .case-error').first();
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.textContent()).toContain('お客様控えを保存しました');
    const [pdf] = readdirSync(counter.pdfDir);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(counter.pdfDir, pdf!), '-'], { encoding: 'utf8' }).replace(/\s/g, '');
    expect(text).toContain('●●●●');
    for (const secret of [member.address, member.honseki, member.katagaki, member.note].filter((x): x is string => !!x)) expect(text).not.toContain(secret.replace(/\s/g, ''));

    // After the TTL the value is gone from the screen, and taking it again is refused.
    await value.waitFor({ state: 'detached', timeout: (TTL + 5) * 1000 });
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(member.address);
    expect(counter.core.audit.actions()).toEqual(expect.arrayContaining(['lookup.hit', 'unmask.requested', 'unmask.approved']));
    await expectNoSeriousA11yViolations(page, 'incident-after-expiry');
  });
});
