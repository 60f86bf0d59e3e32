/** The one machine-wide data folder (issue 16), as the app and the CLI both choose it. */
import { describe, expect, it } from 'vitest';
import { defaultPolicyPath } from '../../../electron/core/policy';
import { machineDataDir } from '../../../electron/core/machine/dataDir';

const missing = async (): Promise<string> => Promise.reject(Object.assign(new Error('no'), { code: 'ENOENT' }));
const file = (text: string) => async (p: string): Promise<string> => {
  if (!/machine\.json$/.test(p)) throw new Error(`read ${p}`);
  return text;
};
const win = { ProgramData: 'D:\\PD', COUNTERSHIELD_DATA_DIR: 'C:\\Users\\clerk\\mine' };
const winPolicy = defaultPolicyPath('win32', win, { allowEnvOverride: false });

describe('the machine-wide data folder', () => {
  it('is %ProgramData%\\CounterShield\\vault on Windows and /var/lib/counter-shield on Linux, for every account', async () => {
    expect(await machineDataDir({ platform: 'win32', env: win, policyPath: winPolicy, allowEnvOverride: false, read: missing })).toBe('D:\\PD\\CounterShield\\vault');
    expect(await machineDataDir({ platform: 'win32', env: {}, policyPath: defaultPolicyPath('win32', {}, { allowEnvOverride: false }), allowEnvOverride: false, read: missing })).toBe('C:\\ProgramData\\CounterShield\\vault');
    expect(await machineDataDir({ platform: 'linux', env: {}, policyPath: '/etc/counter-shield/policy.json', allowEnvOverride: false, read: missing })).toBe('/var/lib/counter-shield');
  });

  it('IT may move it with machine.json beside the machine-wide policy; a clerk environment variable is ignored when packaged', async () => {
    const reads: string[] = [];
    const dir = await machineDataDir({ platform: 'win32', env: win, policyPath: winPolicy, allowEnvOverride: false, read: async (p) => (reads.push(p), '{"dataDir":"E:\\\\CounterShield"}') });
    expect(dir).toBe('E:\\CounterShield');
    expect(reads).toEqual(['D:\\PD\\CounterShield\\machine.json']);
    expect(await machineDataDir({ platform: 'win32', env: win, policyPath: winPolicy, allowEnvOverride: true, read: missing })).toBe('C:\\Users\\clerk\\mine');
  });

  it('a machine.json that is broken, relative or on a share stops start-up (fail closed) instead of falling back', async () => {
    const bad = async (text: string, platform: NodeJS.Platform = 'win32') =>
      machineDataDir({ platform, env: win, policyPath: platform === 'win32' ? winPolicy : '/etc/counter-shield/policy.json', allowEnvOverride: false, read: file(text) });
    await expect(bad('{')).rejects.toMatchObject({ code: 'E_MACHINE_CONFIG', ja: expect.stringContaining('machine.json') });
    await expect(bad('{"dataDir":"vault"}')).rejects.toMatchObject({ code: 'E_MACHINE_CONFIG' });
    await expect(bad('{"dataDir":"\\\\\\\\server\\\\share"}')).rejects.toMatchObject({ code: 'E_MACHINE_CONFIG' });
    await expect(bad('{"dataDir":"srv/cs"}', 'linux')).rejects.toMatchObject({ code: 'E_MACHINE_CONFIG' });
    expect(await bad('{"dataDir":"/srv/cs"}', 'linux')).toBe('/srv/cs');
    await expect(machineDataDir({ platform: 'linux', env: {}, policyPath: '/etc/counter-shield/policy.json', allowEnvOverride: false, read: async () => Promise.reject(Object.assign(new Error('no'), { code: 'EACCES' })) })).rejects.toMatchObject({ code: 'E_MACHINE_CONFIG' });
  });
});
