import { describe, expect, it } from 'vitest';
import { findBrowser, NO_BROWSER_MESSAGE } from '../../e2e/harness/browser';

describe('e2e browser discovery', () => {
  it('prefers CHROMIUM_PATH, then the Debian chromium', () => {
    expect(findBrowser({ CHROMIUM_PATH: '/opt/c' }, (p) => p === '/opt/c')).toBe('/opt/c');
    expect(findBrowser({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
  });
  it('reports none when nothing exists, and the message says how to install one', () => {
    expect(findBrowser({}, () => false)).toBeNull();
    expect(findBrowser({ CHROMIUM_PATH: '/missing' }, () => false)).toBeNull();
    expect(NO_BROWSER_MESSAGE).toContain('apt-get install -y chromium');
  });
});
