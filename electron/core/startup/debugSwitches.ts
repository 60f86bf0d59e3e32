/**
 * SPEC F21 / issue 13 item 5: the app refuses to run with a debugging door open. A DevTools protocol client
 * takes screenshots inside Chromium, past the OS capture path that content protection closes, and reads every
 * IPC message; an inspector on main reads the vault keys. The fuses refuse Node's own --inspect in a packaged
 * build; this refuses the rest, and --inspect too where the fuses are not flipped (a development build).
 */
export const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'js-flags'] as const;
/** Node's inspector switches all start with `inspect` (inspect, inspect-brk, inspect-port, inspect-wait, …). */
const INSPECT_PREFIX = 'inspect';
/** Spellings Chromium's switch parser hands to hasSwitch under one name. */
const INSPECT_SWITCHES = ['inspect', 'inspect-brk', 'inspect-port', 'inspect-wait', 'inspect-publish-uid', 'inspect-brk-node'] as const;

/** The switch name of one argv entry, or null: Chromium reads `--x`, `-x` and (on Windows) `/x`, case-insensitively there. */
function switchName(arg: string, platform: NodeJS.Platform): string | null {
  const m = /^(?:--?|\/)([^=]+)/.exec(arg);
  if (!m || (arg.startsWith('/') && platform !== 'win32')) return null;
  return m[1]!.toLowerCase();
}

function isDebugSwitch(name: string): boolean {
  return (DEBUG_SWITCHES as readonly string[]).includes(name) || name.startsWith(INSPECT_PREFIX);
}

/**
 * The first debugging switch on the command line, or null. Both sources are read: `process.argv` is what the
 * user typed, `app.commandLine` is what Chromium acts on (switches can also arrive from elsewhere, and
 * `app.commandLine` never shows up in argv).
 */
export function findDebugSwitch(argv: readonly string[], hasSwitch: (name: string) => boolean, platform: NodeJS.Platform): string | null {
  // Even after a bare `--`, where Chromium stops reading switches: refusing one harmless launch costs less than guessing.
  for (const arg of argv) {
    const name = switchName(arg, platform);
    if (name && isDebugSwitch(name)) return name;
  }
  for (const name of [...DEBUG_SWITCHES, ...INSPECT_SWITCHES]) if (hasSwitch(name)) return name;
  return null;
}

