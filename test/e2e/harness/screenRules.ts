/**
 * Two DADS button rules read from the live DOM (issue 23), checked on every screen an e2e spec photographs:
 * one filled primary button per view (the open dialog if there is one, else the page), and a disabled button
 * says why beside it (aria-describedby pointing at visible text) — unless a progress bar on the view is the why.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Classes that turn a .btn into a non-primary one (renderer/src/styles.css, "Buttons"). */
const NOT_PRIMARY = ['btn-secondary', 'btn-quiet', 'btn-danger', 'btn-lead', 'btn-photo'];

export async function screenRuleViolations(page: Page): Promise<string[]> {
  return page.evaluate((notPrimary) => {
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    // The topmost open dialog is the view: the page behind it is covered and inert for the clerk.
    const dialogs = [...document.querySelectorAll('dialog[open], [role="alertdialog"], [role="dialog"]')].filter(shown);
    const view: ParentNode = dialogs.at(-1) ?? document;
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
    return out;
  }, NOT_PRIMARY);
}

export async function expectScreenRules(page: Page, screen: string): Promise<void> {
  expect(await screenRuleViolations(page), screen).toEqual([]);
}
