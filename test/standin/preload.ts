/**
 * Runs the built preload (out/preload/index.cjs) the way Electron runs a sandboxed preload (docs/tutorial/sandbox.md):
 * in its own context, wrapped in a function that gets a polyfilled `require` limited to the renderer-side
 * `electron` modules, `events`, `timers` and `url` (and their `node:` names); `process` and `Buffer` polyfills;
 * nothing else. What it passes to contextBridge.exposeInMainWorld is captured as the page would see it.
 */
import { readFileSync } from 'node:fs';
import events from 'node:events';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';
import { strict, violate } from './strict';
import type { StandInElectron } from './electron';

export interface RendererFrame {
  url: string;
  isMainFrame: boolean;
}

export interface PreloadWorld {
  /** What the preload put on `window` through contextBridge, by key. */
  exposed: Record<string, unknown>;
  /** Every `require` the preload made, and whether the sandbox allowed it. */
  requires: Array<{ name: string; allowed: boolean }>;
  /** The page's view of the invoke transport from a frame other than the one this world was loaded in. */
  frame: RendererFrame & { api: object };
}

const NODE_MODULES: Readonly<Record<string, unknown>> = { events, timers, url };
const RENDERER_ELECTRON_MODULES = ['contextBridge', 'crashReporter', 'ipcRenderer', 'nativeImage', 'webFrame', 'webUtils'] as const;

/** A sandboxed preload's `require`: exactly the list in sandbox.md. */
export function sandboxedRequire(electron: object, log: PreloadWorld['requires']): (name: string) => unknown {
  return (name: string) => {
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (name === 'electron') {
      log.push({ name, allowed: true });
      return electron;
    }
    if (bare in NODE_MODULES) {
      log.push({ name, allowed: true });
      return NODE_MODULES[bare];
    }
    log.push({ name, allowed: false });
    return violate('refused-require', `module not found: ${name} (a sandboxed preload may require only electron, events, timers, url)`);
  };
}

export function loadSandboxedPreload(path: string, s: StandInElectron, webContents: object, frame: RendererFrame & { api: object }): PreloadWorld {
  const world: PreloadWorld = { exposed: {}, requires: [], frame };
  const rendererElectron = strict('electron (renderer)', {
    contextBridge: strict('contextBridge', {
      exposeInMainWorld(key: string, api: unknown): void {
        if (key in world.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        world.exposed[key] = api;
      },
    }),
    ipcRenderer: strict('ipcRenderer', {
      async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
        const handler = s.ipcHandlers.get(channel);
        if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
        const event = strict('IpcMainInvokeEvent', { sender: webContents, senderFrame: frame.api, processId: 1, frameId: frame.isMainFrame ? 1 : 2 });
        try {
          // Arguments and results cross as structured clones, as over Electron's IPC.
          return structuredClone(await handler(event, ...structuredClone(args)));
        } catch (e) {
          throw new Error(`Error invoking remote method '${channel}': ${String(e)}`);
        }
      },
    }),
    ...Object.fromEntries(RENDERER_ELECTRON_MODULES.filter((m) => m !== 'contextBridge' && m !== 'ipcRenderer').map((m) => [m, strict(m, {})])),
  });
  const preloadProcess = strict('process (sandboxed preload)', {
    platform: process.platform, arch: process.arch, type: 'renderer', sandboxed: true, contextIsolated: true,
    versions: { ...process.versions, electron: '45.5.0' }, argv: [] as string[], env: {}, pid: process.pid,
  });
  const context = vm.createContext({
    console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, structuredClone, TextEncoder, TextDecoder, URL, URLSearchParams,
  });
  const wrapped = vm.compileFunction(readFileSync(path, 'utf8'), ['require', 'module', 'exports', 'process', 'Buffer', 'global', 'setImmediate', 'clearImmediate'], {
    filename: path,
    parsingContext: context,
  });
  const module = { exports: {} };
  wrapped(sandboxedRequire(rendererElectron, world.requires), module, module.exports, preloadProcess, Buffer, vm.runInContext('globalThis', context), setImmediate, clearImmediate);
  return world;
}
