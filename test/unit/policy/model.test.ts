import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CameraPolicySchema, DEFAULT_CAMERA_POLICY, MASKABLE_FIELDS, tightenToDefaults, type CameraPolicy } from '../../../shared/policy/cameraPolicy';
import { looserThanDefaults } from './oracle';

const valid = (over: Partial<Record<keyof CameraPolicy, unknown>>) => ({ ...DEFAULT_CAMERA_POLICY, ...over });

describe('CameraPolicy model (SPEC F5)', () => {
  it('has strict defaults: no photography, capture blocked, nothing unmasked printed or copied, 5 min idle, 60 s grants', () => {
    expect(DEFAULT_CAMERA_POLICY).toMatchObject({
      photography: 'forbidden', contentProtection: true, permissions: 'deny-all', printUnmasked: false, copyUnmasked: false,
      noPhotoBanner: true, customerDisplayNotice: true, idleLockSeconds: 300, unmaskGrantTtlSeconds: 60,
    });
    expect(DEFAULT_CAMERA_POLICY.maskedFields).toEqual(expect.arrayContaining(['address', 'katagaki', 'honseki', 'household', 'phone']));
    expect(looserThanDefaults(DEFAULT_CAMERA_POLICY)).toEqual([]);
    expect(CameraPolicySchema.safeParse(DEFAULT_CAMERA_POLICY).success).toBe(true);
  });

  it.each([
    ['content protection off', { contentProtection: false }],
    ['photography allowed', { photography: 'allowed' }],
    ['a permission granted', { permissions: 'allow-camera' }],
    ['printing unmasked values', { printUnmasked: true }],
    ['copying unmasked values', { copyUnmasked: true }],
    ['no banner', { noPhotoBanner: false }],
    ['no customer notice', { customerDisplayNotice: false }],
    ['a longer idle lock', { idleLockSeconds: 301 }],
    ['a longer grant', { unmaskGrantTtlSeconds: 61 }],
    ['the address unmasked', { maskedFields: ['katagaki', 'honseki', 'household', 'phone'] }],
    ['an unknown field', { allowScreenshots: true }],
  ])('refuses a policy with %s', (_name, over) => {
    expect(CameraPolicySchema.safeParse(valid(over as Partial<CameraPolicy>)).success).toBe(false);
  });

  it('accepts stricter settings: a shorter idle lock and grant, more masked fields', () => {
    const p = valid({ idleLockSeconds: 120, unmaskGrantTtlSeconds: 30, maskedFields: [...MASKABLE_FIELDS] });
    expect(CameraPolicySchema.parse(p)).toEqual(p);
  });

  it('the merge rule alone never yields anything looser than the defaults, whatever object it is handed', () => {
    const anyValue = fc.oneof(fc.boolean(), fc.integer({ min: -1e6, max: 1e6 }), fc.double(), fc.string(), fc.constant(null), fc.array(fc.constantFrom(...MASKABLE_FIELDS, 'x', '')));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(DEFAULT_CAMERA_POLICY), 'other'), anyValue), (forged) => {
        const p = tightenToDefaults({ ...DEFAULT_CAMERA_POLICY, ...forged } as CameraPolicy);
        expect(looserThanDefaults(p)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
