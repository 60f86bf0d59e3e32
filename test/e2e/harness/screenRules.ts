/**
 * DADS rules read from the live DOM (issue 23), checked on every screen an e2e spec photographs:
 * one filled primary button per view (the open dialog or overlay if there is one, else the page), and a disabled button
 * says why beside it (aria-describedby pointing at visible text) — unless a progress bar on the view is the why.
 * Two date rules hold on the whole page: no date written as YYYY-MM-DD in visible text (the screens write 和暦 first,
 * ui/format.ts), and no native date input (Chromium draws <input type="date"> in the OS locale — 06/08/2026 — with
 * no 和暦; ui/DateField.tsx is the app's way to type a date). A date inside a file name or path is the file's name.
 * Every visible text is drawn at one step of the type scale (styles.css --fs-*, six steps), outside the customer window.
 * Plain Node, no vitest: the harness that every spec and the renderer bench (test/bench) load imports this, and a
 * bench run outside vitest cannot load vitest's expect.
 */
import type { Page } from 'playwright-core';

/** Classes that turn a .btn into a non-primary one (renderer/src/styles.css, "Buttons"). */
const NOT_PRIMARY = ['btn-secondary', 'btn-quiet', 'btn-danger', 'btn-lead', 'btn-photo'];

export async function screenRuleViolations(page: Page): Promise<string[]> {
  return page.evaluate((notPrimary) => {
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    // The topmost layer is the view: a modal <dialog>, else the last overlay that covers the window (the warning
    // and approval overlays), else the page. What lies behind an overlay is covered and inert for the clerk.
    const modal = [...document.querySelectorAll('dialog[open]')].filter(shown).at(-1);
    const overlay = [...document.querySelectorAll('body *')].filter((el) => {
      if (getComputedStyle(el).position !== 'fixed') return false;
      const r = el.getBoundingClientRect();
      return r.width >= innerWidth * 0.9 && r.height >= innerHeight * 0.9;
    }).at(-1);
    const view: ParentNode = modal ?? overlay ?? document;
    const label = (b: HTMLButtonElement) => (b.textContent ?? '').trim().slice(0, 40);
    const buttons = [...view.querySelectorAll<HTMLButtonElement>('button.btn')].filter(shown);
    const out: string[] = [];
    const primaries = buttons.filter((b) => !notPrimary.some((c) => b.classList.contains(c)));
    if (primaries.length > 1) out.push(`${primaries.length} primary buttons in one view: ${primaries.map(label).join(' | ')}`);
    const working = [...view.querySelectorAll('progress')].some(shown);
    for (const b of buttons.filter((x) => x.disabled)) {
      const why = (b.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
        .map((id) => document.getElementById(id)).filter((el): el is HTMLElement => !!el && shown(el) && (el.textContent ?? '').trim() !== '');
      if (why.length === 0 && !working) out.push(`disabled button without a reason: ${label(b)}`);
    }
    // Dates: every visible text node, not only the top view (a date behind a dialog was still written wrongly).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      const text = n.textContent ?? '';
      if (!parent || !/\d{4}-\d{2}-\d{2}/.test(text) || !shown(parent) || parent.closest('script, style, title')) continue;
      for (const m of text.matchAll(/\S*(?:19|20)\d{2}-\d{2}-\d{2}\S*/g)) {
        if (/[\\/_]|\.[a-z]{2,8}\b/i.test(m[0])) continue;
        out.push(`date written as YYYY-MM-DD (use formatDate / formatDateTime): ${text.trim().slice(0, 60)}`);
      }
    }
    // One type scale (issue 23: at most six steps, styles.css --fs-*): every visible text is drawn at one of them.
    // The customer-facing window (.notice) is sized to its own display in vh and is not part of the scale.
    const root = getComputedStyle(document.documentElement);
    const scale = ['--fs-small', '--fs-body', '--fs-lead', '--fs-h3', '--fs-h2', '--fs-display'].map((v) => parseFloat(root.getPropertyValue(v))).filter(Number.isFinite);
    if (scale.length === 6 && !document.querySelector('.notice')) {
      const off = new Map<string, string>();
      const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = texts.nextNode(); n; n = texts.nextNode()) {
        const parent = n.parentElement;
        const text = (n.textContent ?? '').trim();
        if (!parent || text === '' || parent.closest('script, style, title, option') || !shown(parent)) continue;
        const size = parseFloat(getComputedStyle(parent).fontSize);
        if (scale.some((s) => Math.abs(s - size) < 0.5)) continue;
        const key = `${size}px <${parent.tagName.toLowerCase()}${parent.className && typeof parent.className === 'string' ? `.${parent.className.split(/\s+/)[0]}` : ''}>`;
        if (!off.has(key)) off.set(key, text.slice(0, 30));
      }
      for (const [key, text] of off) out.push(`font size off the type scale (${scale.join('/')} px): ${key} 「${text}」`);
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[type="date"], input[type="month"], input[type="datetime-local"]')) {
      if (shown(input)) out.push(`native date input (drawn in the OS locale, no 和暦; use DateField): #${input.id || input.name}`);
    }
    return out;
  }, NOT_PRIMARY);
}

/** Fails the spec (or the bench) that photographed `screen` when any rule is broken, naming every violation. */
export async function expectScreenRules(page: Page, screen: string): Promise<void> {
  const broken = await screenRuleViolations(page);
  if (broken.length > 0) throw new Error(`screen rules broken on ${screen}:\n${broken.map((v) => `  - ${v}`).join('\n')}`);
}
