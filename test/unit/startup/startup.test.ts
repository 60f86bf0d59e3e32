import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  checkDataDir, checkPolicyReadable, findDebugSwitch, startupErrors, startupFailureForStage, startupFailureFrom, startupFailureHtml,
} from '../../../electron/core/startup';

const none = (): boolean => false;
const temp = (): string => mkdtempSync(join(tmpdir(), 'cs-startup-'));

describe('debugging switches are refused', () => {
  it.each([
    ['--remote-debugging-port=9222', 'remote-debugging-port'],
    ['--remote-debugging-pipe', 'remote-debugging-pipe'],
    ['--inspect', 'inspect'],
    ['--inspect-brk=0', 'inspect-brk'],
    ['--inspect-port=9229', 'inspect-port'],
    ['--js-flags=--allow-natives-syntax', 'js-flags'],
    ['-remote-debugging-port=9222', 'remote-debugging-port'],
    ['--REMOTE-DEBUGGING-PORT=9222', 'remote-debugging-port'],
  ])('finds %s on the command line', (arg, name) => {
    expect(findDebugSwitch(['/opt/CounterShield/CounterShield', arg], none, 'linux')).toBe(name);
  });

  it('finds a switch Chromium holds even when argv does not show it', () => {
    expect(findDebugSwitch(['/opt/CounterShield/CounterShield'], (n) => n === 'remote-debugging-pipe', 'linux')).toBe('remote-debugging-pipe');
    expect(findDebugSwitch(['CounterShield.exe'], (n) => n === 'inspect-brk', 'win32')).toBe('inspect-brk');
  });

  it('reads Windows slash switches on Windows only', () => {
    expect(findDebugSwitch(['CounterShield.exe', '/remote-debugging-port=9222'], none, 'win32')).toBe('remote-debugging-port');
    expect(findDebugSwitch(['/opt/CounterShield/CounterShield', '/inspect'], none, 'linux')).toBeNull();
  });

  it('lets an ordinary start through', () => {
    expect(findDebugSwitch(['/opt/CounterShield/CounterShield', '--lang=ja', '--enable-logging', 'list.csv'], none, 'linux')).toBeNull();
  });

  it('explains the refusal with a code, in Japanese and English', () => {
    const e = startupErrors.debugSwitch('inspect');
    expect(e.code).toBe('E_STARTUP_DEBUG_SWITCH');
    expect(e.ja).toContain('デバッグ');
    expect(e.en).toContain('--inspect');
  });
});

describe('start-up failures become a code and what to do', () => {
  it('keeps the code of a coded error and adds what to do', () => {
    const f = startupFailureFrom(startupErrors.dataDir('ENOTDIR'));
    expect(f).toMatchObject({ code: 'E_STARTUP_DATA_DIR' });
    expect(f.todoJa).toContain('書き込み権限');
    expect(f.todoEn).toContain('data folder');
  });

  it('turns anything uncoded into E_STARTUP_FAILED without repeating its message', () => {
    const f = startupFailureFrom(new Error('SQLITE_CANTOPEN at /home/clerk/secret/path'));
    expect(f.code).toBe('E_STARTUP_FAILED');
    expect(JSON.stringify(f)).not.toContain('secret');
  });

  it('keeps an unknown coded error\'s code and text, with the generic advice', () => {
    const f = startupFailureFrom(new AppError({ code: 'E_SOMETHING', ja: '何か', en: 'Something' }));
    expect(f).toMatchObject({ code: 'E_SOMETHING', ja: '何か', en: 'Something' });
    expect(f.todoJa).toContain('管理者に連絡');
  });

  it('treats an unreadable vault and a missing key protector as failures, the setup steps and enrolment not', () => {
    expect(startupFailureForStage({ stage: 'error', errorCode: 'E_VAULT_CORRUPT' })).toMatchObject({ code: 'E_VAULT_CORRUPT' });
    expect(startupFailureForStage({ stage: 'error', errorCode: 'E_VAULT_CORRUPT' })?.todoJa).toContain('バックアップから復元');
    expect(startupFailureForStage({ stage: 'error', errorCode: 'E_INTERNAL' })).toMatchObject({ code: 'E_INTERNAL' });
    expect(startupFailureForStage({ stage: 'key-protection-unavailable' })).toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE' });
    for (const stage of ['admins', 'recovery-key', 'policy', 'first-import', 'complete', 'enrolment-required']) expect(startupFailureForStage({ stage })).toBeNull();
  });
});

describe('the fail-closed screen', () => {
  const hostile = { code: 'E_X', ja: '<script>alert(1)</script>', en: '"><img src=x onerror=alert(1)>', todoJa: "it's & more", todoEn: 'ok' };

  it('escapes every text it shows', () => {
    const html = startupFailureHtml(hostile);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('it&#39;s &amp; more');
  });

  it('has no script and no inline style (the CSP forbids both), and offers only 終了', () => {
    const html = startupFailureHtml(startupFailureFrom(startupErrors.policyUnreadable('EACCES')));
    expect(html).not.toMatch(/<script|style=|on[a-z]+=/i);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('E_STARTUP_POLICY_UNREADABLE');
    expect([...html.matchAll(/<a |<button|<form|<input/g)].map((m) => m[0])).toEqual(['<a ']);
    expect(html).toMatch(/<a class="quit" data-testid="startup-quit" href="\/quit">終了<\/a>/);
  });
});

describe('pre-flight checks', () => {
  it('creates a missing data folder and leaves nothing behind in it', async () => {
    const dir = join(temp(), 'a', 'vault');
    await checkDataDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file where the data folder should be', async () => {
    const dir = join(temp(), 'vault');
    writeFileSync(dir, 'not a folder');
    await expect(checkDataDir(dir)).rejects.toMatchObject({ code: 'E_STARTUP_DATA_DIR', detail: { why: 'EEXIST' } });
    await expect(checkDataDir(join(dir, 'inner'))).rejects.toMatchObject({ code: 'E_STARTUP_DATA_DIR', detail: { why: 'ENOTDIR' } });
  });

  it('accepts a missing policy (strict defaults apply) and refuses one that is there but unreadable', async () => {
    const root = temp();
    await expect(checkPolicyReadable(join(root, 'policy.json'))).resolves.toBeUndefined();
    mkdirSync(join(root, 'dir-policy.json'));
    await expect(checkPolicyReadable(join(root, 'dir-policy.json'))).rejects.toMatchObject({ code: 'E_STARTUP_POLICY_UNREADABLE' });
    expect(existsSync(join(root, 'policy.json'))).toBe(false);
  });
});
