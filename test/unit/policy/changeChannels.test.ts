/**
 * The policy change over IPC, as the app wires it: the real staff directory (two administrators, leads,
 * clerks with real PINs), the real PolicyAdmin and loader on a temp file, the router main uses.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../electron/ipc';
import type { AppContext } from '../../../electron/ipc/context';
import { policyAdminContext } from '../../../electron/ipc/policyContext';
import { loadEffectivePolicy, PolicyAdmin, PROPOSAL_TTL_MS } from '../../../electron/core/policy';
import { DEFAULT_CAMERA_POLICY, DEFAULT_MASKED_FIELDS, type EffectivePolicy } from '../../../shared/policy/cameraPolicy';
import { ALL_PINS, createTestCore, manualClock, STAFF, type TestCore } from '../../fakes/core';
import { fakeKeys } from '../../fakes/policy';
import { tempDir } from '../vault/helpers';

const sender = { url: 'app://countershield/index.html', isMainFrame: true };
const change = { idleLockSeconds: 120, unmaskGrantTtlSeconds: 30, maskedFields: [...DEFAULT_MASKED_FIELDS, 'workplace'], label: '市民課 2026' };
const who = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });

let core: TestCore;
beforeAll(async () => {
  core = await createTestCore();
}, 60_000);

interface Rig {
  path: string;
  clock: ReturnType<typeof manualClock>;
  // The responses are checked by the router against the contract; the test reads them loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(channel: string, payload: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string } }>;
  effective(): EffectivePolicy;
}

async function rig(withAdmin = true): Promise<Rig> {
  const path = join(tempDir('cs-polchg-'), 'policy.json');
  const keys = fakeKeys();
  const clock = manualClock();
  let effective = await loadEffectivePolicy({ path, keys });
  const admin = new PolicyAdmin({ path, keys, auth: core.staff, audit: core.audit, clock });
  const ctx = {
    version: 't',
    prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
    vaultState: () => 'open',
    staffCount: () => 6,
    policy: {
      effective: () => effective,
      recordPhotoRequest: async () => ({ ref: 'X', recordedAt: '' }),
      ...(withAdmin && { admin: policyAdminContext(admin, async () => { effective = await loadEffectivePolicy({ path, keys }); }) }),
    },
  } as AppContext;
  const router = createAppRouter(ctx, 'app://countershield');
  return { path, clock, effective: () => effective, call: (channel, payload) => router.dispatch(sender, { channel, payload }) as never };
}

describe('changing the camera policy at the terminal takes two administrators (SPEC F5)', () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });

  it('one administrator alone cannot change the policy: the proposer cannot approve their own proposal', async () => {
    const p = await r.call('policy:propose', { ...who(STAFF.admin1), change });
    expect(p.ok).toBe(true);
    const res = await r.call('policy:approve', { proposalId: p.value.proposalId, policyHash: p.value.policyHash, ...who(STAFF.admin1) });
    expect(res).toMatchObject({ ok: false, error: { code: 'E_POLICY_SELF_APPROVAL' } });
    expect(existsSync(r.path)).toBe(false);
    // Issue 14: a missing file means the strict bounds, not the loosest a file may set.
    expect(r.effective()).toMatchObject({ source: 'defaults', state: 'missing', policy: { idleLockSeconds: 60 } });
  });

  it('a lead or a clerk can neither propose nor approve', async () => {
    for (const s of [STAFF.clerk1, STAFF.lead1]) {
      expect(await r.call('policy:propose', { ...who(s), change })).toMatchObject({ ok: false, error: { code: 'E_POLICY_NOT_ADMIN' } });
    }
    const p = await r.call('policy:propose', { ...who(STAFF.admin1), change });
    for (const s of [STAFF.clerk1, STAFF.lead1]) {
      const res = await r.call('policy:approve', { proposalId: p.value.proposalId, policyHash: p.value.policyHash, ...who(s) });
      expect(res).toMatchObject({ ok: false, error: { code: 'E_POLICY_NOT_ADMIN' } });
    }
    expect(existsSync(r.path)).toBe(false);
  });

  it('an approval bound to a different hash is refused, and the proposal stays for the right one', async () => {
    const p = await r.call('policy:propose', { ...who(STAFF.admin1), change });
    const other = p.value.policyHash.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    const res = await r.call('policy:approve', { proposalId: p.value.proposalId, policyHash: other, ...who(STAFF.admin2) });
    expect(res).toMatchObject({ ok: false, error: { code: 'E_POLICY_HASH_MISMATCH' } });
    expect(existsSync(r.path)).toBe(false);
    expect((await r.call('policy:pending', {})).value.proposal.proposalId).toBe(p.value.proposalId);
  });

  it('the second administrator is shown who proposed, exactly what changes and a check code — never a PIN', async () => {
    const p = await r.call('policy:propose', { ...who(STAFF.admin1), change: { ...change, label: '' } });
    const pending = await r.call('policy:pending', {});
    const view = pending.value.proposal;
    expect(view).toMatchObject({ proposalId: p.value.proposalId, proposedBy: STAFF.admin1.staffId, restartNeeded: true });
    expect(view.checkCode).toBe(`${view.policyHash.slice(0, 4)}-${view.policyHash.slice(4, 8)}`.toUpperCase());
    expect(view.changes).toEqual([
      // Before = what is in force: with no file, the strict bounds (issue 14).
      { field: 'idleLockSeconds', before: 60, after: 120 },
      { field: 'unmaskGrantTtlSeconds', before: 15, after: 30 },
      { field: 'maskedFields', before: [...DEFAULT_MASKED_FIELDS], after: [...DEFAULT_MASKED_FIELDS, 'workplace'] },
    ]);
    const text = JSON.stringify([p, pending]);
    for (const pin of ALL_PINS) expect(text).not.toContain(pin);
  });

  it('after the second administrator approves, policy:effective shows the new values from the signed file', async () => {
    const p = await r.call('policy:propose', { ...who(STAFF.admin1), change });
    const done = await r.call('policy:approve', { proposalId: p.value.proposalId, policyHash: p.value.policyHash, ...who(STAFF.admin2) });
    expect(done).toMatchObject({ ok: true, value: { revision: 1, restartNeeded: true } });
    const eff = await r.call('policy:effective', {});
    expect(eff.value).toMatchObject({ source: 'file', state: 'ok', revision: 1, policy: { ...DEFAULT_CAMERA_POLICY, ...change } });
    expect((await r.call('policy:pending', {})).value.proposal).toBeNull();
    // Single use: the same approval a second time changes nothing.
    const again = await r.call('policy:approve', { proposalId: p.value.proposalId, policyHash: p.value.policyHash, ...who(STAFF.admin2) });
    expect(again).toMatchObject({ ok: false, error: { code: 'E_POLICY_NO_PROPOSAL' } });
    const changed = core.audit.events.filter((e) => e.action === 'policy.changed').at(-1);
    expect(changed).toMatchObject({ actors: [STAFF.admin1.staffId, STAFF.admin2.staffId], detail: { revision: 1, policyHash: p.value.policyHash } });
    for (const pin of ALL_PINS) expect(core.audit.text()).not.toContain(pin);
  });

  it('a proposal outside the bounds is refused and audited; a looser fixed field cannot even be sent', async () => {
    const res = await r.call('policy:propose', { ...who(STAFF.admin1), change: { ...change, idleLockSeconds: 600 } });
    expect(res).toMatchObject({ ok: false, error: { code: 'E_POLICY_INVALID' } });
    expect(core.audit.events.at(-1)).toMatchObject({ action: 'policy.propose_refused', detail: { code: 'E_POLICY_INVALID', field: 'idleLockSeconds' } });
    const removed = await r.call('policy:propose', { ...who(STAFF.admin1), change: { ...change, maskedFields: ['katagaki', 'honseki', 'household', 'phone'] } });
    expect(removed).toMatchObject({ ok: false, error: { code: 'E_POLICY_INVALID' } });
    const looser = await r.call('policy:propose', { ...who(STAFF.admin1), change: { ...change, contentProtection: false } });
    expect(looser).toMatchObject({ ok: false, error: { code: 'E_IPC_PAYLOAD' } });
    expect((await r.call('policy:pending', {})).value.proposal).toBeNull();
  });

  it('a proposal nobody approves expires: it is no longer shown, and approving it is refused', async () => {
    const p = await r.call('policy:propose', { ...who(STAFF.admin1), change });
    r.clock.advance(PROPOSAL_TTL_MS / 1000 + 1);
    expect((await r.call('policy:pending', {})).value.proposal).toBeNull();
    const res = await r.call('policy:approve', { proposalId: p.value.proposalId, policyHash: p.value.policyHash, ...who(STAFF.admin2) });
    expect(res).toMatchObject({ ok: false, error: { code: 'E_POLICY_PROPOSAL_EXPIRED' } });
    expect(existsSync(r.path)).toBe(false);
  });

  it('proposing the policy in force unchanged is refused once a signed file is in force', async () => {
    const p = await r.call('policy:propose', { ...who(STAFF.admin1), change });
    await r.call('policy:approve', { proposalId: p.value.proposalId, policyHash: p.value.policyHash, ...who(STAFF.admin2) });
    expect(await r.call('policy:propose', { ...who(STAFF.admin2), change })).toMatchObject({ ok: false, error: { code: 'E_POLICY_NO_CHANGE' } });
  });

  it('before the vault is open nothing can be proposed (no key to sign with)', async () => {
    const closed = await rig(false);
    expect(await closed.call('policy:propose', { ...who(STAFF.admin1), change })).toMatchObject({ ok: false, error: { code: 'E_POLICY_KEY_UNAVAILABLE' } });
    expect((await closed.call('policy:pending', {})).value.proposal).toBeNull();
  });
});
