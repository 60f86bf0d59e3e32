/**
 * WCAG 2.2 AA by computation, not by eye (issue 23): every text colour pair the renderer's CSS can produce reaches
 * 4.5:1, inputs' borders 3:1 (1.4.11), and the two-tone focus ring 3:1 on every background the app paints
 * (2.4.11 / 1.4.11 — the old #f0b400 ring was about 1.9:1 on white). The CSS may only use the palette's tokens
 * outside :root, so the palette below is the whole story. One type scale of at most six steps, too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../vault/helpers';

const SRC = join(REPO_ROOT, 'renderer/src');
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
/** The customer display is a separate static window with its own page (no tokens, no controls). */
const CSS = walk(SRC).filter((f) => f.endsWith('.css') && !f.includes('/customer/'));

const css = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const root = css(join(SRC, 'styles.css')).match(/:root\s*\{([^}]*)\}/)![1]!;
const TOKENS = Object.fromEntries([...root.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));

function hex(v: string): [number, number, number] | null {
  const t = v.trim().replace(/var\(--([\w-]+)\)/, (_, n: string) => TOKENS[n] ?? '');
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(t);
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}
function lum([r, g, b]: [number, number, number]): number {
  const c = (x: number) => { const s = x / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}
export function contrast(a: string, b: string): number {
  const [x, y] = [lum(hex(a)!), lum(hex(b)!)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

interface Rule { file: string; selector: string; decls: Record<string, string> }
function rules(): Rule[] {
  return CSS.flatMap((f) => [...css(f).matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    file: relative(REPO_ROOT, f),
    selector: m[1]!.trim(),
    decls: Object.fromEntries([...m[2]!.matchAll(/([\w-]+)\s*:\s*([^;]+)/g)].map((d) => [d[1]!, d[2]!.trim()])),
  })));
}
const bgOf = (d: Record<string, string>) => (d['background-color'] ?? d.background)?.split(/\s+/)[0];

/** Light surfaces text may sit on without its own background; dark ones carry white text in the same rule. */
const LIGHT = ['bg', 'panel', 'neutral-bg', 'info-bg', 'notice-bg', 'stop-bg', 'ok-bg'].map((n) => `var(--${n})`);
const DARK = ['brand', 'stop-strong', 'ink'].map((n) => `var(--${n})`);

describe('colour contrast of the renderer CSS (WCAG 2.2 AA)', () => {
  it('uses palette tokens only: no colour literal outside :root', () => {
    const literals = rules().filter((r) => r.selector !== ':root').flatMap((r) =>
      Object.entries(r.decls).filter(([, v]) => /#[0-9a-f]{3,6}\b|rgba?\(/i.test(v)).map(([k, v]) => `${r.file} ${r.selector} { ${k}: ${v} }`));
    expect(literals).toEqual([]);
  });

  it('every text colour pair reaches 4.5:1', () => {
    const low: string[] = [];
    const check = (where: string, fg: string, bg: string) => {
      if (!hex(fg) || !hex(bg)) return;
      const c = contrast(fg, bg);
      if (c < 4.5) low.push(`${where}: ${fg} on ${bg} = ${c.toFixed(2)}`);
    };
    let pairs = 0;
    // Boxes that never hold text: chart bars and legend swatches, progress bars, the modal backdrop.
    const NON_TEXT = /\.swatch|\.bar-|progress|::backdrop|overlay/;
    for (const r of rules()) {
      if (r.selector === ':root' || NON_TEXT.test(r.selector)) continue;
      const fg = r.decls.color;
      const bg = bgOf(r.decls);
      const where = `${r.file} ${r.selector}`;
      if (fg && bg && hex(bg)) { check(where, fg, bg); pairs++; }
      else if (fg && hex(fg)) {
        for (const s of fg === 'var(--on-dark)' ? DARK : LIGHT) { check(where, fg, s); pairs++; }
      } else if (bg && hex(bg)) {
        for (const text of ['var(--ink)', 'var(--muted)']) { check(`${where} (inherited text)`, text, bg); pairs++; }
      }
    }
    expect(pairs).toBeGreaterThan(50);
    expect(low).toEqual([]);
  });

  it('input borders reach 3:1 on the panel (1.4.11)', () => {
    expect(contrast('var(--input-line)', 'var(--panel)')).toBeGreaterThanOrEqual(3);
    expect(contrast('var(--input-line)', 'var(--bg)')).toBeGreaterThanOrEqual(3);
  });

  it('the focus ring is two-tone: its tones differ by 3:1 and one of them reaches 3:1 on every background', () => {
    expect(contrast('var(--focus-dark)', 'var(--focus-light)')).toBeGreaterThanOrEqual(3);
    const backgrounds = new Set([...LIGHT, ...DARK, ...rules().map((r) => bgOf(r.decls)).filter((b): b is string => !!b && !!hex(b))]);
    const weak = [...backgrounds].filter((bg) => Math.max(contrast('var(--focus-dark)', bg), contrast('var(--focus-light)', bg)) < 3);
    expect(weak).toEqual([]);
    // The ring is drawn by one global rule with both tones; no component overrides it with a one-tone outline.
    const all = rules();
    const ring = all.find((r) => r.selector.startsWith(':focus-visible'))!;
    expect(ring.decls.outline).toContain('var(--focus-dark)');
    expect(ring.decls['box-shadow']).toContain('var(--focus-light)');
    expect(all.filter((r) => r !== ring && /:focus/.test(r.selector) && r.decls.outline)).toEqual([]);
  });

  it('the old one-tone ring would fail this test (the check can fail)', () => {
    expect(contrast('#f0b400', '#ffffff')).toBeLessThan(3);
  });

  it('has one type scale of at most six steps, and every font size uses it', () => {
    const steps = Object.keys(TOKENS).filter((k) => k.startsWith('fs-'));
    expect(steps.length).toBeLessThanOrEqual(6);
    const raw = rules().flatMap((r) => (r.decls['font-size'] && !/^var\(--fs-[\w-]+\)/.test(r.decls['font-size']) && r.selector !== ':root' ? [`${r.file} ${r.selector}: ${r.decls['font-size']}`] : []));
    expect(raw).toEqual([]);
  });
});
