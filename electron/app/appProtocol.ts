/**
 * The app:// handler: the bundled renderer, read-only, with the CSP on every response — or, after a failed
 * start, the fail-closed screen and nothing else (the renderer is not served, so nothing can talk to main).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './hardening';
import { resolveAppRequest } from './scheme';
import { startupFailureHtml, STARTUP_FAILURE_CSS, STARTUP_FAILURE_PAGE, STARTUP_FAILURE_STYLES, type StartupFailure } from '../core/startup';

const headers = (mime: string): Record<string, string> => ({ 'content-type': mime, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' });
const notFound = (): Response => new Response('Not found', { status: 404 });

export function appRequestHandler(rendererDir: string, failure: () => StartupFailure | null): (request: Request) => Promise<Response> {
  return async (request) => {
    const hit = resolveAppRequest(request.url, rendererDir, join);
    if (!hit) return notFound();
    const failed = failure();
    if (failed) {
      const path = new URL(request.url).pathname;
      if (path === STARTUP_FAILURE_PAGE) return new Response(startupFailureHtml(failed), { headers: headers(hit.mime) });
      if (path === STARTUP_FAILURE_CSS) return new Response(STARTUP_FAILURE_STYLES, { headers: headers(hit.mime) });
      return notFound();
    }
    try {
      return new Response(await readFile(hit.path), { headers: headers(hit.mime) });
    } catch {
      return notFound();
    }
  };
}
