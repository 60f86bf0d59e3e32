/**
 * The per-machine installer's data folder (issue 16): electron-builder includes assets/build/installer.nsh, which
 * creates %ProgramData%\CounterShield\vault with an ACL for one local group and SYSTEM only, and whose uninstall
 * keeps the data unless IT passes /PURGEDATA. The include is compiled with Debian's makensis (the same NSIS 3
 * electron-builder drives) into a small installer + uninstaller, so a syntax error or an unknown macro fails here,
 * not on IT's build machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { MACHINE_MARKS_FILE } from '../../../electron/core/fleet/highWater';

const root = resolve(__dirname, '../../..');
const NSH = join(root, 'assets/build/installer.nsh');
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { nsis: Record<string, unknown> };
const text = readFileSync(NSH, 'utf8');

function compile(defines: string[] = []): { status: number | null; output: string; exe: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cs-nsis-'));
  const exe = join(dir, 'include-check.exe');
  // The shape electron-builder gives it: the include at the top, customInstall in the install section, customUnInstall
  // in the uninstaller's.
  writeFileSync(join(dir, 'harness.nsi'), `Unicode true
Name "CounterShield include check"
OutFile "${exe}"
RequestExecutionLevel admin
InstallDir "$PROGRAMFILES64\\CounterShield"
!include "${NSH}"
Section "install"
  SetOutPath "$INSTDIR"
  !insertmacro customInstall
  WriteUninstaller "$INSTDIR\\uninstall.exe"
SectionEnd
Section "Uninstall"
  !insertmacro customUnInstall
SectionEnd
`);
  const r = spawnSync('makensis', ['-V2', '-WX', ...defines.map((d) => `-D${d}`), join(dir, 'harness.nsi')], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, exe };
}

describe('the installer include for the machine-wide data folder', () => {
  it('is what electron-builder.yml includes, in a per-machine installer', () => {
    expect(config.nsis.include).toBe('assets/build/installer.nsh');
    expect(config.nsis.perMachine).toBe(true);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    // UTF-8 with a BOM, or makensis reads the Japanese message in the build machine's ANSI code page.
    expect([...readFileSync(NSH).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('compiles with makensis (warnings are errors) into an installer and its uninstaller, also with another default group', () => {
    for (const defines of [[], ['CS_DEFAULT_GROUP=Madoguchi']]) {
      const r = compile(defines);
      expect(r.output).not.toMatch(/error/i);
      expect(r.status).toBe(0);
      expect(existsSync(r.exe)).toBe(true);
    }
  });

  it('creates the group if missing and gives the folder to that group and SYSTEM only, inheritance from ProgramData removed', () => {
    expect(text).toMatch(/CreateDirectory "\$CsDataDir"/);
    expect(text).toContain('ExpandEnvStrings $CsDataDir "%ProgramData%\\${CS_DATA_SUBDIR}"');
    expect(text).toContain('!define CS_DATA_SUBDIR "CounterShield\\vault"');
    expect(text).toMatch(/net localgroup "\$CsGroup" \/add/);
    const icacls = text.split('\n').filter((l) => /nsExec::ExecToLog 'icacls "\$CsDataDir"/.test(l));
    expect(icacls).toHaveLength(1);
    // Exactly two grants — SYSTEM (by SID, any language of Windows) and the group — and nothing inherited.
    expect(icacls[0]).toContain('/inheritance:r');
    expect([...icacls[0]!.matchAll(/"([^"]+):\(OI\)\(CI\)([A-Z]+)"/g)].map((m) => [m[1], m[2]])).toEqual([['*S-1-5-18', 'F'], ['$CsGroup', 'M']]);
    expect(text).toContain('${GetOptions} $R0 "/CSGROUP=" $CsGroup');
  });

  it('deletes the data and the machine-wide marks on uninstall only when IT passes /PURGEDATA', () => {
    const un = text.slice(text.indexOf('!macro customUnInstall'));
    const lines = un.split('\n').map((l) => l.trim());
    const rm = lines.findIndex((l) => l.startsWith('RMDir'));
    expect(lines.filter((l) => l.startsWith('RMDir') || l.startsWith('Delete'))).toEqual(['RMDir /r "$CsDataDir"', 'Delete "$CsMarksFile"']);
    // Inside `${IfNot} ${Errors}` right after asking for /PURGEDATA — the only branch that removes anything.
    expect(lines.slice(rm - 3, rm)).toEqual(['${GetOptions} $R0 "/PURGEDATA" $R1', '${IfNot} ${Errors}', '!insertmacro csDataDir']);
    expect(lines.slice(rm + 1, rm + 3)).toEqual(['Delete "$CsMarksFile"', '${EndIf}']);
    expect(text.slice(0, text.indexOf('!macro customUnInstall'))).not.toMatch(/RMDir|Delete "/);
  });

  it('creates the machine-wide marks file beside the policy, outside the vault, that the counter group can write but not delete or replace', () => {
    const install = text.slice(text.indexOf('!macro customInstall'), text.indexOf('!macro customUnInstall'));
    // The name the app uses (electron/core/fleet/highWater.ts), beside policy.json — not inside the vault a clerk may copy.
    expect(text).toContain(`!define CS_MARKS_SUBPATH "CounterShield\\${MACHINE_MARKS_FILE}"`);
    expect(text).toContain('ExpandEnvStrings $CsMarksFile "%ProgramData%\\${CS_MARKS_SUBPATH}"');
    // Created if missing, never truncated: an upgrade keeps the marks already written.
    expect(install).toMatch(/FileOpen \$1 "\$CsMarksFile" a\r?\n\s*FileClose \$1/);
    expect(install).not.toMatch(/FileOpen \$\d "\$CsMarksFile" w/);
    const icacls = install.split('\n').filter((l) => /icacls "\$CsMarksFile"/.test(l));
    expect(icacls).toHaveLength(2);
    expect(icacls[0]).toContain('/setowner "*S-1-5-32-544"');
    // No inherited ACE (ProgramData lets users create and their CREATOR OWNER ACE would give full control).
    expect(icacls[1]).toContain('/inheritance:r /grant:r');
    const grants = [...icacls[1]!.matchAll(/"([^"]+):(\([^"]+\)|[A-Z]+)"/g)].map((m) => [m[1], m[2]]);
    expect(grants).toEqual([['*S-1-5-18', 'F'], ['*S-1-5-32-544', 'F'], ['*S-1-3-4', 'R'], ['$CsGroup', '(R,W)']]);
    // The group's right holds neither delete (D, DE, DC), nor full/modify (both include delete), nor WDAC/WO.
    expect(grants[3]![1]).not.toMatch(/\b(F|M|D|DE|DC|WDAC|WO)\b/);
    // A failed icacls stops the installer like the vault's does.
    const after = install.slice(install.indexOf(icacls[1]!));
    expect(after).toMatch(/\$\{If\} \$0 != "0"\s+MessageBox MB_ICONSTOP\|MB_OK "PC 全体の記録ファイル/);
    expect(after).toMatch(/SetErrorLevel 3/);
  });
});
