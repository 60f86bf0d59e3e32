import { describe, expect, it } from 'vitest';
import { platformLimitsFor } from '../../../electron/app/platformLimits';
import { LockStateSchema } from '../../../shared/ipc/contract';

describe('what the start screen says the OS cannot do (issue 13, point 8)', () => {
  it('names no capture protection and no OS lock event on Linux, and nothing on Windows or macOS', () => {
    expect(platformLimitsFor('linux')).toEqual(['no-capture-protection', 'no-os-lock-event']);
    expect(platformLimitsFor('freebsd')).toEqual(['no-capture-protection', 'no-os-lock-event']);
    expect(platformLimitsFor('win32')).toEqual([]);
    expect(platformLimitsFor('darwin')).toEqual([]);
  });

  it('travels in the lock state main answers with, and nothing else does', () => {
    const base = { networkBlocked: true, permissionsDenied: true, contentProtection: false, source: 'electron-main' as const };
    expect(LockStateSchema.parse({ ...base, platformLimits: platformLimitsFor('linux') }).platformLimits).toHaveLength(2);
    expect(() => LockStateSchema.parse({ ...base, platformLimits: ['no-network'] })).toThrow();
  });
});
