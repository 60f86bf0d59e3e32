/**
 * A counter PC the drop folder does not reach (issue 19: a segment is "written to the drop folder or a USB stick …
 * on demand"): on 配布と端末 a lead types the stick's folder and writes this terminal's audit segment there. The button
 * says why it cannot be pressed while the folder is empty; a relative path is refused in Japanese; the file lands on
 * the stick, and the next segment (into the drop folder) continues from it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetRuntime } from '../../electron/core/fleet/runtime';
import { createLeadServices } from '../../electron/core/leads';
import { DEFAULT_CAMERA_POLICY } from '../../shared/policy/cameraPolicy';
import { fakedSystemClock } from '../clock';
import { fakeStaff } from '../fakes/policy';
import { makeFleet, release, SAMPLE, type Fleet } from '../unit/fleet/helpers';
import { tempDir } from '../unit/vault/helpers';
import { launchApp, type AppHandle } from './harness/app';

let app: AppHandle | null = null;
let fleet: Fleet | undefined;
let runtime: FleetRuntime | undefined;
afterEach(async () => {
  await app?.close();
  runtime?.stop();
  await fleet?.close();
  app = null;
  fleet = undefined;
  runtime = undefined;
});
const auth = fakeStaff({ 'L-0001': { pin: '482913', roles: ['lead'] }, 'A-0001': { pin: '682015', roles: ['admin'] }, 'A-0002': { pin: '682016', roles: ['admin'] } });

describe('an audit segment onto a USB stick, from the screen (issue 19)', () => {
  it('a lead writes it to the stick folder they type; empty and relative folders are stopped with a reason', async () => {
    // makeFleet's station and terminal run on the system clock; nothing here reads or seeds a date.
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(SAMPLE);
    await release(f);
    runtime = await FleetRuntime.open({
      vault: t.vault, dataDir: t.dir, terminalId: t.id, machineFile: t.machineFile, policyPath: t.policyPath, audit: t.audit, auth,
      clock: fakedSystemClock, policy: () => DEFAULT_CAMERA_POLICY, timers: { every: () => () => undefined },
    });
    await runtime.configure({ first: { staffId: 'A-0001', pin: '682015' }, second: { staffId: 'A-0002', pin: '682016' } }, { mode: 'terminal', dropDir: f.drop, recoveryKey: f.key });
    await t.audit.append({ action: 'lookup.hit', actors: ['C-0001'], targets: [{ recordId: 'R1' }] });
    const rt = runtime;
    // The terminal's own lead services on its own chain: the lead reaches 配布と端末 from the start screen's panel.
    const leads = await createLeadServices({ vault: t.vault, dataDir: t.dir, terminal: t.id, clock: fakedSystemClock, auth }, t.audit);
    const actor = async () => ({ staffId: 'L-0001', roles: ['lead' as const] });
    app = await launchApp({ context: { vaultState: () => 'open', leads: { services: leads, saveExport: async () => ({ location: '' }), actor }, fleet: { runtime: rt, actor } } });
    const { page } = app;
    await page.getByRole('button', { name: '月次点検' }).click();
    await page.getByRole('navigation').getByRole('button', { name: '配布と端末' }).click();

    const panel = page.getByRole('region', { name: /USB メモリに書き出す/ });
    const write = panel.getByRole('button', { name: 'USB メモリに書き出す' });
    await expect.poll(() => write.isDisabled()).toBe(true);
    expect(await panel.textContent()).toContain('フォルダーを入力すると押せます');

    await panel.getByLabel('USB メモリのフォルダー').fill('監査記録');
    await write.click();
    // Said under the field, with what to type instead.
    await expect.poll(async () => (await panel.locator('.field-error').textContent()) ?? '').toContain('ドライブから始まる場所');
    expect(await panel.getByLabel('USB メモリのフォルダー').getAttribute('aria-invalid')).toBe('true');
    await app.screenshot('fleet-stick-refused');

    const stick = join(tempDir('cs-e2e-stick-'), '監査記録');
    await panel.getByLabel('USB メモリのフォルダー').fill(stick);
    await write.click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'までを書き出しました' }).count()).toBe(1);
    expect(await panel.locator('.field-error').count()).toBe(0);
    await app.screenshot('fleet-stick-written');
    const onStick = readdirSync(stick);
    expect(onStick).toHaveLength(1);
    expect(onStick[0]).toMatch(new RegExp(`^seg-${t.id}-\\d+-\\d+\\.csa$`));
    const toSeq = Number(onStick[0]!.split('-')[4]!.replace('.csa', ''));
    // The field is cleared for the next stick; the next segment, into the drop folder, continues from this one.
    expect(await panel.getByLabel('USB メモリのフォルダー').inputValue()).toBe('');
    await t.audit.append({ action: 'lookup.hit', actors: ['C-0001'], targets: [{ recordId: 'R2' }] });
    await page.getByRole('button', { name: '監査記録の区間を書き出す' }).click();
    await expect.poll(() => readdirSync(join(f.drop, 'segments')).filter((n) => n.startsWith(`seg-${t.id}-${toSeq + 1}-`)).length).toBe(1);
  });
});
