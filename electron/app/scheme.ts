/**
 * The renderer is served from a privileged custom scheme rather than file:// (Electron security
 * checklist #18): file:// would give the page the whole disk as "same origin".
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'countershield';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const PRIVILEGED_SCHEME = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false, bypassCSP: false, allowServiceWorkers: false, codeCache: true },
} as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Maps an app:// URL to a file path inside the renderer folder, or null. Only our host, no
 * traversal out of the folder, only known file types — anything else is a 404.
 */
export function resolveAppRequest(url: string, rendererDir: string, join: (...p: string[]) => string): { path: string; mime: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const segments = pathname.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0') || s.includes(':'))) return null;
  const last = segments[segments.length - 1] ?? '';
  const dot = last.lastIndexOf('.');
  const mime = dot >= 0 ? MIME[last.slice(dot).toLowerCase()] : undefined;
  if (!mime) return null;
  return { path: join(rendererDir, ...segments), mime };
}
