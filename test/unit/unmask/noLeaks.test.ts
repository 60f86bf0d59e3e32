import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALL_PINS, createTestCore, sampleSecrets, STAFF, type TestCore } from '../../fakes/core';

let core: TestCore | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await core?.close().catch(() => undefined);
  core = null;
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function findIn(haystack: Buffer, needles: readonly string[]): string[] {
  return needles.filter((s) => haystack.includes(Buffer.from(s, 'utf8')) || haystack.includes(Buffer.from(s, 'utf16le')));
}

const REASON_TEXT = '申出者本人が窓口で住所の確認を希望';

describe('no PIN and no protected value in any file, log or audit row (SPEC invariant 3)', () => {
  it('after a whole unmask flow with failures, a lockout, a PIN change and a refusal', async () => {
    const logged: string[] = [];
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' ')));
    core = await createTestCore();
    const secrets = sampleSecrets();
    const session = await core.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
    for (const [i, field] of (['address', 'honseki', 'note'] as const).entries()) {
      const req = await core.unmask.requestUnmask(session, { recordId: `D000${i + 1}`, field, reasonCode: 'other', reasonText: REASON_TEXT, pin: STAFF.clerk1.pin });
      await core.unmask.approve({ requestId: req.requestId, requestHash: req.requestHash, approverId: 'L001', approverPin: '905172' }).catch(() => undefined);
      const t = await core.unmask.approve({ requestId: req.requestId, requestHash: req.requestHash, approverId: 'L001', approverPin: STAFF.lead1.pin });
      const got = await core.unmask.takeGrantedValue(t.grantId, session);
      if (field === 'address') expect(secrets.addresses).toContain(got.value);
    }
    const refused = await core.unmask.requestUnmask(session, { recordId: 'D0004', field: 'address', reasonCode: 'identity-check', pin: STAFF.clerk1.pin });
    await core.unmask.refuse({ requestId: refused.requestId, requestHash: refused.requestHash, approverId: 'L002', approverPin: STAFF.lead2.pin });
    await core.staff.changePin(STAFF.lead2.staffId, STAFF.lead2.pin, '905172');
    for (let i = 0; i < 3; i++) await core.sessions.login(STAFF.clerk2.staffId, STAFF.clerk1.pin).catch(() => undefined);
    await core.sessions.lock('screen-lock');

    const pins = [...ALL_PINS, '905172'];
    // The search itself can find things (a test that cannot fail is a defect).
    expect(findIn(Buffer.from(`x${STAFF.lead1.pin}x`, 'utf16le'), pins)).toEqual([STAFF.lead1.pin]);
    // The audit rows: ids, field names, codes — never a PIN, a value or the reason text.
    expect(findIn(Buffer.from(core.audit.text()), [...pins, ...secrets.all, REASON_TEXT])).toEqual([]);
    expect(findIn(Buffer.from(logged.join('\n')), [...pins, ...secrets.all, REASON_TEXT])).toEqual([]);
    // Every file in the data folder, while open (database, WAL, SHM, pepper.bin) and after close.
    const check = () => {
      for (const f of filesUnder(core!.dataDir)) expect({ file: f, found: findIn(readFileSync(f), [...pins, ...secrets.all, REASON_TEXT, '管理 一郎', '窓口 太郎']) }).toEqual({ file: f, found: [] });
    };
    check();
    const dir = core.dataDir;
    await core.close();
    core = null;
    for (const f of filesUnder(dir)) expect(findIn(readFileSync(f), [...pins, ...secrets.all])).toEqual([]);
  });

  it('a coded error never carries the PIN that was typed', async () => {
    core = await createTestCore({ adminsOnly: true });
    const errors = await Promise.all([
      core.sessions.login('A001', '905172').catch((e: unknown) => e),
      core.staff.changePin('A001', STAFF.admin1.pin, '345678').catch((e: unknown) => e),
      core.staff.changePin('A001', '905172', '284739').catch((e: unknown) => e),
    ]);
    for (const e of errors) {
      const text = JSON.stringify(e) + String((e as Error).message) + String((e as Error).stack);
      expect(text).not.toMatch(/905172|345678|284739|240681/);
    }
  });
});
