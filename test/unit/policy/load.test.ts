import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_CAMERA_POLICY, MASKABLE_FIELDS, STRICT_CAMERA_POLICY, type CameraPolicy } from '../../../shared/policy/cameraPolicy';
import { derivePolicyMacKey, defaultPolicyPath, loadEffectivePolicy, policyHash, POLICY_FILE_FORMAT, signPolicyFile } from '../../../electron/core/policy';
import { fakeKeys } from '../../fakes/policy';
import { looserThanDefaults } from './oracle';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cs-policy-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const STRICTER: CameraPolicy = { ...DEFAULT_CAMERA_POLICY, idleLockSeconds: 120, unmaskGrantTtlSeconds: 30, maskedFields: [...DEFAULT_CAMERA_POLICY.maskedFields, 'note'], label: '市民課 2025' };

function signed(key: Uint8Array, policy: unknown, over: Partial<{ proposedBy: string; approvedBy: string; policyHash: string }> = {}) {
  return signPolicyFile(key, {
    format: POLICY_FILE_FORMAT,
    policy,
    approval: { revision: 3, policyHash: policyHash(policy), proposedBy: 'A001', approvedBy: 'A002', approvedAt: '2025-04-01T09:00:00.000Z', ...over },
  });
}

describe('loading the machine-wide policy (fail closed)', () => {
  it('applies a file approved by two administrators and signed with the vault key', async () => {
    const keys = fakeKeys();
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify(signed(keys.key!, STRICTER)));
    const eff = await loadEffectivePolicy({ path, keys });
    expect(eff).toMatchObject({ source: 'file', state: 'ok', revision: 3, path });
    expect(eff.policy).toEqual(STRICTER);
  });

  it('a missing file gives the strict defaults and says so', async () => {
    const eff = await loadEffectivePolicy({ path: join(dir, 'nope.json'), keys: fakeKeys() });
    expect(eff).toMatchObject({ source: 'defaults', state: 'missing', policy: STRICT_CAMERA_POLICY, revision: 0 });
    expect(eff.messageJa).toContain('最も厳しい既定の設定');
  });

  it('an unreadable path gives the strict defaults', async () => {
    const path = join(dir, 'policy.json');
    mkdirSync(path);
    expect(await loadEffectivePolicy({ path, keys: fakeKeys() })).toMatchObject({ source: 'defaults', state: 'unreadable', policy: STRICT_CAMERA_POLICY });
  });

  it.each([
    ['not JSON', '{"format": '],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x7b])],
    ['the wrong format tag', JSON.stringify({ format: 'other', policy: {}, approval: {}, mac: 'x' })],
    ['far too large', 'x'.repeat(70 * 1024)],
  ])('a file that is %s gives the strict defaults as invalid', async (_n, content) => {
    const path = join(dir, 'policy.json');
    writeFileSync(path, content);
    expect(await loadEffectivePolicy({ path, keys: fakeKeys() })).toMatchObject({ source: 'defaults', state: 'invalid', policy: STRICT_CAMERA_POLICY });
  });

  it('a correctly signed file with a looser value is still refused (invalid → defaults)', async () => {
    const keys = fakeKeys();
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify(signed(keys.key!, { ...DEFAULT_CAMERA_POLICY, unmaskGrantTtlSeconds: 600 })));
    expect(await loadEffectivePolicy({ path, keys })).toMatchObject({ state: 'invalid', policy: STRICT_CAMERA_POLICY });
  });

  it('an edit outside the app — one value changed in a text editor — is detected as tampered', async () => {
    const keys = fakeKeys();
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify(signed(keys.key!, STRICTER), null, 2));
    writeFileSync(path, readFileSync(path, 'utf8').replace('"unmaskGrantTtlSeconds": 30', '"unmaskGrantTtlSeconds": 60'));
    const eff = await loadEffectivePolicy({ path, keys });
    expect(eff).toMatchObject({ source: 'defaults', state: 'tampered', policy: STRICT_CAMERA_POLICY });
    expect(eff.messageJa).toContain('直ちに管理者に連絡');
  });

  it('a file signed by another vault (copied from another PC) is tampered', async () => {
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify(signed(randomBytes(32), STRICTER)));
    expect(await loadEffectivePolicy({ path, keys: fakeKeys() })).toMatchObject({ state: 'tampered', source: 'defaults' });
  });

  it('a signed file whose approval names one person twice, or other bytes, is tampered', async () => {
    const keys = fakeKeys();
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify(signed(keys.key!, STRICTER, { approvedBy: 'A001' })));
    expect((await loadEffectivePolicy({ path, keys })).state).toBe('tampered');
    writeFileSync(path, JSON.stringify(signed(keys.key!, STRICTER, { policyHash: policyHash(DEFAULT_CAMERA_POLICY) })));
    expect((await loadEffectivePolicy({ path, keys })).state).toBe('tampered');
  });

  it('before the vault opens the file cannot be verified, so the defaults apply', async () => {
    const keys = fakeKeys();
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify(signed(keys.key!, STRICTER)));
    expect(await loadEffectivePolicy({ path, keys: fakeKeys(null) })).toMatchObject({ state: 'unverified', source: 'defaults', policy: STRICT_CAMERA_POLICY });
    const throwing = { policyMacKey: async () => { throw new Error('vault locked'); } };
    expect((await loadEffectivePolicy({ path, keys: throwing })).state).toBe('unverified');
  });

  it('derives the MAC key from the vault data key with its own label (not the data key itself)', () => {
    const dataKey = randomBytes(32);
    const k = derivePolicyMacKey(dataKey);
    expect(k).toHaveLength(32);
    expect(Buffer.compare(k, dataKey)).not.toBe(0);
    expect(derivePolicyMacKey(dataKey)).toEqual(k);
  });

  it('looks in %ProgramData% on Windows and /etc on Linux; the env override only when allowed', () => {
    expect(defaultPolicyPath('win32', { ProgramData: 'D:\\PD' }, { allowEnvOverride: false })).toBe('D:\\PD\\CounterShield\\policy.json');
    expect(defaultPolicyPath('linux', {}, { allowEnvOverride: false })).toBe('/etc/counter-shield/policy.json');
    expect(defaultPolicyPath('linux', { COUNTERSHIELD_POLICY_PATH: '/tmp/p.json' }, { allowEnvOverride: true })).toBe('/tmp/p.json');
    expect(defaultPolicyPath('linux', { COUNTERSHIELD_POLICY_PATH: '/tmp/p.json' }, { allowEnvOverride: false })).toBe('/etc/counter-shield/policy.json');
  });
});

describe('property: no input file yields anything looser than the strict defaults', () => {
  const key = randomBytes(32);
  const keys = fakeKeys(key);
  const anyValue = fc.oneof(
    fc.boolean(), fc.integer({ min: -100_000, max: 100_000 }), fc.double(), fc.string({ maxLength: 12 }), fc.constant(null),
    fc.constantFrom('forbidden', 'allowed', 'deny-all', 'allow-all'),
    fc.array(fc.constantFrom(...MASKABLE_FIELDS, 'dob', ''), { maxLength: 14 }),
  );
  // Policies near the real shape: every key may be missing, changed or extra.
  const policyLike = fc.dictionary(fc.constantFrom(...Object.keys(DEFAULT_CAMERA_POLICY), 'allowScreenshots'), anyValue).map((over) => ({ ...DEFAULT_CAMERA_POLICY, ...over }));
  const fileBytes = fc.oneof(
    // Signed with the right key: the MAC passes, so only the model stands between the file and the counter.
    policyLike.map((p) => JSON.stringify(signed(key, p))),
    policyLike.map((p) => JSON.stringify(signed(randomBytes(32), p))),
    policyLike.map((p) => JSON.stringify({ ...signed(key, DEFAULT_CAMERA_POLICY), policy: p })),
    fc.json(),
    fc.string(),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  );

  it('holds for signed, unsigned, re-signed and garbage files', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, async (content) => {
        const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
        const eff = await loadEffectivePolicy({ path: '/virtual/policy.json', keys, read: async () => bytes });
        expect(looserThanDefaults(eff.policy)).toEqual([]);
        if (eff.state !== 'ok') expect(eff).toMatchObject({ source: 'defaults', policy: STRICT_CAMERA_POLICY });
      }),
      { numRuns: 600 },
    );
  });
});
