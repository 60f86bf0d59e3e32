/**
 * What IT reads in docs/IT.md about the installer must be what electron-builder really produces for our
 * electron-builder.yml: the install folder, the uninstaller's name and our own icon (issue 13, point 9).
 * The names are computed with electron-builder's own functions, so an upgrade that changes them fails here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
const { sanitizeFileName } = require('builder-util/out/filename') as { sanitizeFileName(s: string, nfd?: boolean): string };
const { getWindowsInstallationDirName } = require('app-builder-lib/out/targets/targetUtil') as {
  getWindowsInstallationDirName(appInfo: { productFilename: string; sanitizedName: string }, tryProductName: boolean): string;
};
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string };
const itDoc = readFileSync(join(root, 'docs/IT.md'), 'utf8');

/** The install folder and uninstaller electron-builder's NSIS templates derive from executableName. */
function nsisNames(): { installDir: string; uninstaller: string } {
  const productFilename = sanitizeFileName(config.executableName ?? config.productName);
  const dirName = getWindowsInstallationDirName({ productFilename, sanitizedName: sanitizeFileName(pkg.name) }, !config.nsis.oneClick || config.nsis.perMachine);
  const common = readFileSync(require.resolve('app-builder-lib/templates/nsis/common.nsh'), 'utf8');
  const define = /!define UNINSTALL_FILENAME "([^"]+)"/.exec(common)?.[1];
  if (!define) throw new Error('electron-builder no longer defines UNINSTALL_FILENAME in common.nsh');
  return { installDir: `C:\\Program Files\\${dirName}`, uninstaller: define.replace('${PRODUCT_FILENAME}', productFilename) };
}

describe('the installer IT gets', () => {
  it('installs where docs/IT.md says, with the uninstaller name it gives', () => {
    const { installDir, uninstaller } = nsisNames();
    expect(installDir).toBe('C:\\Program Files\\CounterShield');
    expect(itDoc).toContain(`\`${installDir}\``);
    expect(itDoc).toContain(`"${installDir}\\${uninstaller}" /S /allusers`);
    // The product name is Japanese, but the folder and the uninstaller follow the ASCII executableName.
    expect(itDoc).not.toContain('Program Files\\窓口シールド');
    expect(itDoc).not.toContain('Uninstall 窓口シールド.exe');
  });

  it('ships our own icon for the .exe, the installer, the uninstaller and Linux, not Electron\'s', () => {
    for (const icon of [config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon, config.nsis.installerHeaderIcon, config.linux.icon]) {
      expect(icon).toMatch(/^assets\/build\//);
      expect(existsSync(join(root, icon))).toBe(true);
    }
    // A Windows icon needs a 256 px image (Explorer's large icons); an ICO's directory lists each size.
    const ico = readFileSync(join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    // Linux desktops want at least 512×512 (electron-builder warns below 256).
    const png = readFileSync(join(root, config.linux.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
