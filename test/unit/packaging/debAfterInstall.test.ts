/**
 * The deb creates the PC's machine key itself (issue 16): electron-builder.yml's deb.afterInstall is electron-builder's
 * own after-install template plus one block that does what docs/IT.md's `install` command did by hand. electron-builder
 * cannot build a deb here (no download), so the block that ships is run as it is, against a temporary root
 * (COUNTER_SHIELD_TEST_ROOT, with its own etc/group) — as root when the test runs as root, else under fakeroot, with
 * the ownership read inside the same session.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { keyFileMachineProtector } from '../../../electron/core/machine/machineProtector';
import { tempDir } from '../vault/helpers';

const root = resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { deb?: { afterInstall?: string; afterRemove?: string } };
const script = readFileSync(join(root, config.deb?.afterInstall ?? 'missing'), 'utf8');
const upstream = readFileSync(require.resolve('app-builder-lib/templates/linux/after-install.tpl'), 'utf8');
const block = script.slice(script.indexOf('# >>> CounterShield'), script.indexOf('# <<< CounterShield'));
const itDoc = readFileSync(join(root, 'docs/IT.md'), 'utf8');

interface Run { out: string; uid: number; gid: number; mode: number; dirMode: number; size: number; key: Buffer; marks: string }

/** Runs the shipped block in a fresh shell against `prefix`, then reads the key's owner and mode in that same session. */
function install(prefix: string): Run {
  const etc = '"$COUNTER_SHIELD_TEST_ROOT/etc/counter-shield';
  const cmd = `${block}\nstat -c '%u %g %a %s' ${etc}/machine.key"; stat -c '%a' ${etc}"; stat -c '%u %g %a %s' ${etc}/fleet-marks.json"`;
  const asRoot = process.getuid?.() === 0;
  const out = execFileSync(asRoot ? 'bash' : 'fakeroot', asRoot ? ['-c', cmd] : ['bash', '-c', cmd], { env: { ...process.env, COUNTER_SHIELD_TEST_ROOT: prefix }, encoding: 'utf8' });
  const lines = out.trim().split('\n');
  const [uid, gid, mode, size] = lines.at(-3)!.split(' ').map((s, i) => (i === 2 ? parseInt(s, 8) : Number(s)));
  return { out, uid: uid!, gid: gid!, mode: mode!, size: size!, dirMode: parseInt(lines.at(-2)!, 8), marks: lines.at(-1)!, key: readFileSync(join(prefix, 'etc/counter-shield/machine.key')) };
}

function prefixWithGroups(groups = 'root:x:0:\n'): string {
  const p = tempDir('cs-deb-root-');
  mkdirSync(join(p, 'etc'));
  writeFileSync(join(p, 'etc/group'), groups);
  return p;
}

const gidOf = (prefix: string, name: string) => Number(readFileSync(join(prefix, 'etc/group'), 'utf8').split('\n').find((l) => l.startsWith(`${name}:`))?.split(':')[2]);

describe('the deb creates the machine key (docs/IT.md, Linux)', () => {
  it('electron-builder.yml installs this script, and it is electron-builder\'s own after-install template with the block added', () => {
    expect(config.deb?.afterInstall).toBe('assets/build/deb-after-install.tpl');
    // An electron-builder upgrade that changes its template fails here: copy the new one above the block again.
    expect(script.startsWith(upstream)).toBe(true);
    expect(block.length).toBeGreaterThan(0);
    // electron-builder substitutes ${letters} macros and fails on unknown ones: the block uses none.
    expect(block.match(/\$\{[a-zA-Z]+\}/g)).toBeNull();
    // Removing the package keeps the key (the vault's enrolment slots need it after a reinstall).
    expect(config.deb?.afterRemove).toBeUndefined();
  });

  it('on a fresh PC: a 32-byte key, root:counter-shield 0640, in a 0755 folder, the group created as a system group', () => {
    const p = prefixWithGroups();
    const r = install(p);
    const gid = gidOf(p, 'counter-shield');
    expect(gid).toBeGreaterThan(0);
    expect(r).toMatchObject({ uid: 0, gid, mode: 0o640, size: 32, dirMode: 0o755 });
    expect(r.key.equals(Buffer.alloc(32))).toBe(false);
    // No temporary file is left beside the key.
    expect(execFileSync('ls', ['-A', join(p, 'etc/counter-shield')], { encoding: 'utf8' }).trim().split('\n')).toEqual(['fleet-marks.json', 'machine.key']);
  });

  it('uses the counter-shield group IT already made, with its own number', () => {
    const p = prefixWithGroups('root:x:0:\ncounter-shield:x:1234:clerk1\n');
    expect(install(p).gid).toBe(1234);
    expect(readFileSync(join(p, 'etc/group'), 'utf8').match(/^counter-shield:/gm)).toHaveLength(1);
  });

  it('run again (an upgrade, a reinstall) it keeps the existing key byte for byte — a new key would orphan every enrolment', () => {
    const p = prefixWithGroups();
    const first = install(p);
    const second = install(p);
    expect(second.key.equals(first.key)).toBe(true);
    expect(second.out).toContain('keeping the existing machine key');
    expect(readFileSync(join(p, 'etc/group'), 'utf8').match(/^counter-shield:/gm)).toHaveLength(1);
  });

  it('makes the machine-wide marks file empty, root:counter-shield 0660 (the app rewrites it, only root deletes it), and keeps its content on the next run', () => {
    const p = prefixWithGroups();
    const marks = join(p, 'etc/counter-shield/fleet-marks.json');
    expect(install(p).marks).toBe(`0 ${gidOf(p, 'counter-shield')} 660 0`);
    writeFileSync(marks, '{"body":"{}","mac":"00"}');
    install(p);
    expect(readFileSync(marks, 'utf8')).toBe('{"body":"{}","mac":"00"}');
  });

  it('the app accepts the key file it made: the enrolment slot wraps and unwraps under it', async () => {
    const p = prefixWithGroups();
    const r = install(p);
    const file = join(p, 'etc/counter-shield/machine.key');
    const protector = keyFileMachineProtector(file, { read: async (f) => readFileSync(f), stat: async () => ({ uid: r.uid, mode: r.mode }) });
    expect(await protector.isAvailable()).toBe(true);
    const blob = await protector.protect(Buffer.from('slot'));
    expect((await protector.unprotect(blob)).toString()).toBe('slot');
  });

  it('docs/IT.md says the deb creates it, and how to check it', () => {
    expect(itDoc).toContain('assets/build/deb-after-install.tpl');
    expect(itDoc).toContain('stat -c');
  });
});
