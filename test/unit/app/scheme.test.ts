import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../../electron/app/scheme';

const r = (url: string) => resolveAppRequest(url, '/app/renderer', posix.join);

describe('app:// protocol', () => {
  it('serves files from the renderer folder with their type', () => {
    expect(r('app://countershield/')).toEqual({ path: '/app/renderer/index.html', mime: 'text/html; charset=utf-8' });
    expect(r('app://countershield/assets/index-abc.js')).toEqual({ path: '/app/renderer/assets/index-abc.js', mime: 'text/javascript; charset=utf-8' });
  });

  it('keeps dot segments that URL parsing resolves inside the renderer folder', () => {
    // WHATWG URL parsing collapses ../ before we see it, so these can only name files inside the folder.
    expect(r('app://countershield/../main/index.js')?.path).toBe('/app/renderer/main/index.js');
    expect(r('app://countershield/%2e%2e/main/index.js')?.path).toBe('/app/renderer/main/index.js');
  });

  it.each([
    'app://countershield/assets/..%2f..%2fmain%2findex.js',
    'app://countershield/assets/..%5c..%5cmain.js',
    'app://countershield/C:%5cWindows%5cwin.ini',
    'app://other/index.html',
    'https://countershield/index.html',
    'app://countershield/secret.db',
    'app://countershield/noext',
    'app://countershield/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(r(url)).toBeNull();
  });
});
