/**
 * The machine-scope protector (issue 16): DPAPI LocalMachine through Windows PowerShell with an injected spawner
 * (what is run, what travels on stdin, how each failure is told apart), and Linux's root-owned key file.
 */
import { describe, expect, it } from 'vitest';
import {
  DPAPI_ENTROPY, dpapiMachineProtector, keyFileMachineProtector, powershellCommand, spawnWithStdin, type SpawnResult,
} from '../../../electron/core/machine/machineProtector';

interface Call { file: string; args: readonly string[]; stdin: string }

const decodeScript = (args: readonly string[]): string => Buffer.from(args[args.indexOf('-EncodedCommand') + 1]!, 'base64').toString('utf16le');

/** A stand-in for powershell.exe: "protects" by reversing the bytes, tagged with the scope the script asked for. */
function fakePowershell(over: Partial<SpawnResult> = {}) {
  const calls: Call[] = [];
  const run = async (file: string, args: readonly string[], stdin: string): Promise<SpawnResult> => {
    calls.push({ file, args, stdin });
    const script = decodeScript(args);
    const bytes = Buffer.from(stdin.trim(), 'base64');
    const out = script.includes('::Protect(') ? Buffer.concat([Buffer.from('LM:'), Buffer.from(bytes).reverse()]) : Buffer.from(bytes.subarray(3)).reverse();
    return { code: 0, stdout: out.toString('base64'), stderr: '', ...over };
  };
  return { calls, run };
}

describe('DPAPI LocalMachine through PowerShell', () => {
  it('runs System32’s Windows PowerShell without profile, the script encoded, LocalMachine scope with the app’s entropy', () => {
    const { file, args } = powershellCommand('Protect', { SystemRoot: 'D:\\Windows' });
    expect(file).toBe('D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(args.slice(0, 6)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const script = decodeScript(args);
    expect(script).toContain("[System.Security.Cryptography.ProtectedData]::Protect($in, $e, 'LocalMachine')");
    expect(script).toContain(DPAPI_ENTROPY);
    expect(script).toContain('[Console]::In.ReadToEnd()');
    expect(decodeScript(powershellCommand('Unprotect', {}).args)).toContain('::Unprotect(');
    expect(powershellCommand('Unprotect', {}).file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('sends the bytes on stdin only — never on the command line other accounts can read — and round-trips them', async () => {
    const ps = fakePowershell();
    const p = dpapiMachineProtector(ps.run, { SystemRoot: 'C:\\Windows' });
    const secret = Buffer.from('data-key-and-pepper-0123456789abcdef');
    const blob = await p.protect(secret);
    expect(Buffer.from(await p.unprotect(blob))).toEqual(secret);
    for (const c of ps.calls) {
      expect(c.args.join(' ')).not.toContain(secret.toString('base64'));
      expect(c.args.join(' ')).not.toContain(Buffer.from(blob).toString('base64'));
    }
    expect(ps.calls[0]!.stdin).toBe(secret.toString('base64'));
  });

  it('tells a blob DPAPI refused (another PC’s) from PowerShell not working, and treats odd output as not working', async () => {
    const refused = dpapiMachineProtector(fakePowershell({ code: 3, stdout: '' }).run);
    await expect(refused.unprotect(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'E_MACHINE_KEY_REFUSED' });
    await expect(refused.protect(new Uint8Array([1]))).rejects.toMatchObject({ code: 'E_MACHINE_KEY_UNAVAILABLE' });
    const failing = dpapiMachineProtector(fakePowershell({ code: 1, stdout: '', stderr: 'Add-Type : Cannot find path' }).run);
    await expect(failing.unprotect(new Uint8Array([1]))).rejects.toMatchObject({ code: 'E_MACHINE_KEY_UNAVAILABLE' });
    const garbled = dpapiMachineProtector(fakePowershell({ stdout: 'Windows PowerShell\r\nCopyright (C) Microsoft' }).run);
    await expect(garbled.protect(new Uint8Array([1]))).rejects.toMatchObject({ code: 'E_MACHINE_KEY_UNAVAILABLE' });
    const missing = dpapiMachineProtector(async () => {
      throw Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' });
    });
    await expect(missing.protect(new Uint8Array([1]))).rejects.toMatchObject({ code: 'E_MACHINE_KEY_UNAVAILABLE' });
    expect(await missing.isAvailable()).toBe(false);
    expect(await dpapiMachineProtector(fakePowershell().run).isAvailable()).toBe(true);
  });
});

describe('the spawner the app uses', () => {
  it('writes stdin to the child and collects its exit code and output (a Node child stands in for powershell.exe)', async () => {
    const echo = await spawnWithStdin(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], 'QUJD');
    expect(echo).toMatchObject({ code: 0, stdout: 'QUJD' });
    const fails = await spawnWithStdin(process.execPath, ['-e', 'process.exit(3)'], '');
    expect(fails.code).toBe(3);
    await expect(spawnWithStdin('/nonexistent/powershell.exe', [], '')).rejects.toThrow();
  });
});

describe('the Linux machine key file', () => {
  const KEY = Buffer.alloc(32, 7);
  const files = (st: { uid: number; mode: number } | undefined, content: Buffer = KEY) => ({
    read: async () => content,
    stat: async () => {
      if (!st) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return st;
    },
  });

  it('wraps and unwraps with a root-owned key; another PC’s key refuses the blob', async () => {
    const p = keyFileMachineProtector('/etc/counter-shield/machine.key', files({ uid: 0, mode: 0o100640 }));
    expect(await p.isAvailable()).toBe(true);
    const blob = await p.protect(Buffer.from('secret'));
    expect(Buffer.from(await p.unprotect(blob)).toString()).toBe('secret');
    const other = keyFileMachineProtector('/etc/counter-shield/machine.key', files({ uid: 0, mode: 0o100640 }, Buffer.alloc(32, 8)));
    await expect(other.unprotect(blob)).rejects.toMatchObject({ code: 'E_MACHINE_KEY_REFUSED' });
  });

  it('refuses a key file a clerk could have written (not root’s, group- or world-writable), a short one, or none', async () => {
    for (const st of [{ uid: 1000, mode: 0o100600 }, { uid: 0, mode: 0o100660 }, { uid: 0, mode: 0o100646 }, undefined]) {
      const p = keyFileMachineProtector('/k', files(st));
      expect(await p.isAvailable()).toBe(false);
      await expect(p.protect(Buffer.from('x'))).rejects.toMatchObject({ code: 'E_MACHINE_KEY_UNAVAILABLE' });
    }
    expect(await keyFileMachineProtector('/k', files({ uid: 0, mode: 0o100640 }, Buffer.alloc(16))).isAvailable()).toBe(false);
  });
});
