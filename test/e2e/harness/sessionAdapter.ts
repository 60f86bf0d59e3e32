/**
 * Runs the app's real `hardenSession` against a Playwright BrowserContext: the webRequest filter
 * becomes a context route, and permission handlers become "grant nothing". So the same decision
 * code that guards Electron's session guards the harness, and the renderer is served exactly as
 * the app:// protocol handler serves it (same file resolution, same CSP header).
 */
import type { BrowserContext, Route } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, type SessionLike } from '../../../electron/app/hardening';
import { resolveAppRequest } from '../../../electron/app/scheme';

export interface HarnessNetLog {
  blocked: string[];
  served: string[];
}

export function playwrightSession(context: BrowserContext, rendererDir: string, harnessOrigin: string, net: HarnessNetLog): SessionLike & { install(): Promise<void> } {
  let beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  let permissionRequest: ((wc: unknown, permission: string, cb: (g: boolean) => void) => void) | null = null;
  const appScheme = new URL(harnessOrigin);
  const serve = async (route: Route): Promise<void> => {
    const url = new URL(route.request().url());
    // resolveAppRequest knows the app:// origin; map the harness origin onto it for file resolution.
    const hit = resolveAppRequest(`app://countershield${url.pathname}`, rendererDir, join);
    if (!hit) return route.fulfill({ status: 404, body: 'Not found' });
    const body = await readFile(hit.path).catch(() => null);
    if (!body) return route.fulfill({ status: 404, body: 'Not found' });
    net.served.push(url.pathname);
    return route.fulfill({ status: 200, body, headers: { 'content-type': hit.mime, 'content-security-policy': CONTENT_SECURITY_POLICY } });
  };
  return {
    setPermissionRequestHandler: (h) => (permissionRequest = h),
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
    setSpellCheckerEnabled: () => undefined,
    on: () => undefined,
    webRequest: {
      onBeforeRequest: (_filter, listener) => (beforeRequest = listener),
      onHeadersReceived: () => undefined,
    },
    async install() {
      if (!beforeRequest || !permissionRequest) throw new Error('hardenSession did not install its handlers');
      const decide = beforeRequest;
      await context.route('**/*', (route) => {
        const url = route.request().url();
        decide({ url }, ({ cancel }) => {
          if (cancel) {
            net.blocked.push(url);
            void route.abort('blockedbyclient');
          } else void serve(route);
        });
      });
      // Playwright grants nothing unless asked; ask the app's own handler what to grant for each, and grant only what it allows.
      const wanted = ['camera', 'microphone', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-write', 'midi', 'background-sync'];
      const granted: string[] = [];
      for (const p of wanted) permissionRequest(null, p === 'camera' || p === 'microphone' ? 'media' : p, (g) => g && granted.push(p));
      await context.clearPermissions();
      if (granted.length) await context.grantPermissions(granted, { origin: `${appScheme.protocol}//${appScheme.host}` });
    },
  };
}
