/**
 * What the OS under the app cannot do, from Electron 45's documentation rather than from hope: content protection
 * (`win.setContentProtection`) is _macOS_ _Windows_ only, and powerMonitor's `lock-screen` / `unlock-screen` are
 * _macOS_ _Windows_ only. On Linux the start screen therefore shows capture protection in red and says why.
 * Plain function (no 'electron' import) so a unit test can run it for every platform.
 */
import type { PlatformLimit } from '../../shared/ipc/contract';

export function platformLimitsFor(platform: NodeJS.Platform): PlatformLimit[] {
  if (platform === 'win32' || platform === 'darwin') return [];
  return ['no-capture-protection', 'no-os-lock-event'];
}
