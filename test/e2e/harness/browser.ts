/** Finds a Chromium-family browser for the e2e tests; CI installs Debian's `chromium`. */
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const NO_BROWSER_MESSAGE =
  'e2e テストには Chromium 系ブラウザが必要です / The e2e tests need a Chromium-family browser.\n' +
  '  Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk\n' +
  '  Windows: Microsoft Edge (installed by default)\n' +
  '  or set CHROMIUM_PATH=/path/to/chromium';

export function findBrowser(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string | null {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CANDIDATES.find((p) => exists(p)) ?? null;
}

/** Flags that keep Chromium from reaching any network on its own (this machine has none). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--font-render-hinting=none',
];
