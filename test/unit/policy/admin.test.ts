import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CAMERA_POLICY, type CameraPolicy } from '../../../shared/policy/cameraPolicy';
import { loadEffectivePolicy, PolicyAdmin, PROPOSAL_TTL_MS } from '../../../electron/core/policy';
import { fakeKeys, fakeStaff, MemoryAudit } from '../../fakes/policy';

const STAFF = fakeStaff({
  A001: { pin: '482913', roles: ['admin'] },
  A002: { pin: '730164', roles: ['admin', 'lead'] },
  L001: { pin: '555821', roles: ['lead'] },
});
const NEW: CameraPolicy = { ...DEFAULT_CAMERA_POLICY, unmaskGrantTtlSeconds: 30, label: '市民課' };

let dir: string;
let path: string;
let now: Date;
let audit: MemoryAudit;
let keys: ReturnType<typeof fakeKeys>;
let admin: PolicyAdmin;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-policy-admin-'));
  path = join(dir, 'CounterShield', 'policy.json');
  now = new Date('2025-04-01T09:00:00Z');
  audit = new MemoryAudit();
  keys = fakeKeys();
  admin = new PolicyAdmin({ path, auth: STAFF, audit, clock: () => now, keys });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('changing the policy takes two administrators', () => {
  it('A proposes, B approves the exact proposal: the signed file is written and applies', async () => {
    const p = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    const res = await admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'A002', pin: '730164' });
    expect(res.revision).toBe(1);
    const eff = await loadEffectivePolicy({ path, keys });
    expect(eff).toMatchObject({ state: 'ok', source: 'file', revision: 1, policy: NEW });
    expect(audit.actions()).toEqual(['policy.proposed', 'policy.changed']);
    expect(audit.events[1]).toMatchObject({ actors: ['A001', 'A002'], detail: { revision: 1, policyHash: p.policyHash } });
    // The audit holds ids and hashes only: no PIN crossed into it.
    expect(JSON.stringify(audit.events)).not.toMatch(/482913|730164/);
    // Atomic write: nothing but the policy file is left in the folder.
    expect(readdirSync(join(dir, 'CounterShield'))).toEqual(['policy.json']);
  });

  it('one administrator alone cannot change it: approving their own proposal is refused and nothing is written', async () => {
    const p = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    await expect(admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'A001', pin: '482913' })).rejects.toMatchObject({ code: 'E_POLICY_SELF_APPROVAL' });
    expect(existsSync(path)).toBe(false);
    expect(audit.actions()).toEqual(['policy.proposed', 'policy.approve_refused']);
  });

  it('a lead who is not an administrator can neither propose nor approve', async () => {
    await expect(admin.propose({ staffId: 'L001', pin: '555821', policy: NEW })).rejects.toMatchObject({ code: 'E_POLICY_NOT_ADMIN' });
    const p = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    await expect(admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'L001', pin: '555821' })).rejects.toMatchObject({ code: 'E_POLICY_NOT_ADMIN' });
    expect(existsSync(path)).toBe(false);
  });

  it('a wrong PIN is refused and audited by staff id only', async () => {
    await expect(admin.propose({ staffId: 'A001', pin: '000000', policy: NEW })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(audit.events).toEqual([{ action: 'policy.propose_refused', actors: ['A001'], detail: { code: 'E_PIN_WRONG' } }]);
  });

  it('the approval is bound to the hash the approver saw: a different hash is refused', async () => {
    const p = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    await expect(admin.approve({ proposalId: p.id, policyHash: 'f'.repeat(64), staffId: 'A002', pin: '730164' })).rejects.toMatchObject({ code: 'E_POLICY_HASH_MISMATCH' });
    expect(existsSync(path)).toBe(false);
  });

  it('a proposal is single use and expires', async () => {
    const p = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    await admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'A002', pin: '730164' });
    await expect(admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'A002', pin: '730164' })).rejects.toMatchObject({ code: 'E_POLICY_NO_PROPOSAL' });
    const q = await admin.propose({ staffId: 'A001', pin: '482913', policy: DEFAULT_CAMERA_POLICY });
    now = new Date(now.getTime() + PROPOSAL_TTL_MS + 1);
    await expect(admin.approve({ proposalId: q.id, policyHash: q.policyHash, staffId: 'A002', pin: '730164' })).rejects.toMatchObject({ code: 'E_POLICY_PROPOSAL_EXPIRED' });
  });

  it('a proposal made before another change was approved is stale', async () => {
    const p1 = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    const p2 = await admin.propose({ staffId: 'A002', pin: '730164', policy: DEFAULT_CAMERA_POLICY });
    await admin.approve({ proposalId: p1.id, policyHash: p1.policyHash, staffId: 'A002', pin: '730164' });
    await expect(admin.approve({ proposalId: p2.id, policyHash: p2.policyHash, staffId: 'A001', pin: '482913' })).rejects.toMatchObject({ code: 'E_POLICY_STALE' });
    expect((await loadEffectivePolicy({ path, keys })).policy).toEqual(NEW);
  });

  it('a proposal looser than the defaults is refused before anyone can approve it', async () => {
    await expect(admin.propose({ staffId: 'A001', pin: '482913', policy: { ...DEFAULT_CAMERA_POLICY, contentProtection: false } })).rejects.toMatchObject({ code: 'E_POLICY_INVALID' });
    expect(audit.events[0]).toMatchObject({ action: 'policy.propose_refused', detail: { code: 'E_POLICY_INVALID', field: 'contentProtection' } });
  });

  it('without the vault key nothing can be signed, so nothing is written', async () => {
    const p = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    keys.key = null;
    await expect(admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'A002', pin: '730164' })).rejects.toMatchObject({ code: 'E_POLICY_KEY_UNAVAILABLE' });
    expect(existsSync(path)).toBe(false);
  });

  it('if the change cannot be audited, it is not written', async () => {
    const p = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    audit.failNext = true;
    await expect(admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'A002', pin: '730164' })).rejects.toThrow();
    expect(existsSync(path)).toBe(false);
  });

  it('a failed write leaves the previous policy file exactly as it was', async () => {
    const p = await admin.propose({ staffId: 'A001', pin: '482913', policy: NEW });
    await admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'A002', pin: '730164' });
    const before = readFileSync(path, 'utf8');
    const failing = new PolicyAdmin({ path, auth: STAFF, audit, clock: () => now, keys, write: async () => { throw new Error('disk full'); } });
    const q = await failing.propose({ staffId: 'A002', pin: '730164', policy: DEFAULT_CAMERA_POLICY });
    await expect(failing.approve({ proposalId: q.id, policyHash: q.policyHash, staffId: 'A001', pin: '482913' })).rejects.toMatchObject({ code: 'E_POLICY_WRITE' });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
