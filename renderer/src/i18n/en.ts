import type { ja } from './ja';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof ja> = {
  app: { name: 'CounterShield', subtitle: 'Protection of support-measure records' },
  start: {
    notSetUpTitle: 'This terminal is not set up yet',
    notSetUpBody: 'It cannot be used at the counter until the protected list and the staff are registered. Ask the administrator (IT) to run the first-time setup.',
    vault: 'Protected list',
    staff: 'Registered staff',
    staffCount: '{{count}}',
    vaultState: { absent: 'Not created', locked: 'Locked', open: 'Ready', error: 'Fault (stopped)' },
    locksTitle: 'Protection on this terminal',
    locksNote: 'Shown as reported now by the {{source}}.',
    locks: {
      networkBlocked: { label: 'Network', on: 'Blocked', off: 'NOT blocked' },
      contentProtection: { label: 'Screen capture / recording', on: 'Prevented', off: 'NOT prevented' },
      permissionsDenied: { label: 'Camera, microphone, screen sharing', on: 'All denied', off: 'NOT denied' },
    },
    lockProblem: 'A protection is not active. Do not use this terminal; contact the administrator.',
    source: { 'electron-main': 'app core (main process)', 'test-harness': 'test harness (browser)' },
    terminal: 'Terminal',
    terminalUnnamed: '(not named)',
    version: 'Version',
    loading: 'Checking status…',
  },
  language: { label: 'Language', ja: '日本語', en: 'English' },
  error: {
    title: 'Error',
    retry: 'Reload',
    unreachable: 'Cannot reach the app core. Close and restart the app; if it persists, contact the administrator.',
  },
};
