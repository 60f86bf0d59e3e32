/**
 * Renderer guard (SPEC F5): a value shown after a two-person unmask must not leave the screen by
 * copy, cut, drag or the context menu. Elements holding such a value carry `data-unmasked`. The
 * guard listens in the capture phase on the document, so no component can forget it, and it
 * overwrites the clipboard with nothing, so even an earlier copy is not left to paste by mistake.
 * Main backs it up: no clipboard API on the bridge, clipboard permissions denied.
 */
export const UNMASKED_SELECTOR = '[data-unmasked]';

function touchesUnmasked(doc: Document, target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest(UNMASKED_SELECTOR)) return true;
  const sel = doc.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return false;
  const marked = doc.querySelectorAll(UNMASKED_SELECTOR);
  for (let i = 0; i < sel.rangeCount; i++) {
    const range = sel.getRangeAt(i);
    for (const el of marked) if (range.intersectsNode(el)) return true;
  }
  return false;
}

/** Installs the guard; returns the function that removes it (for tests and unmounting). */
export function installNoCopyGuard(doc: Document = document): () => void {
  const onClipboard = (e: Event): void => {
    if (!touchesUnmasked(doc, e.target)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    (e as ClipboardEvent).clipboardData?.setData('text/plain', '');
  };
  const onDragOrMenu = (e: Event): void => {
    if (!touchesUnmasked(doc, e.target)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const opts = { capture: true } as const;
  doc.addEventListener('copy', onClipboard, opts);
  doc.addEventListener('cut', onClipboard, opts);
  doc.addEventListener('dragstart', onDragOrMenu, opts);
  doc.addEventListener('contextmenu', onDragOrMenu, opts);
  return () => {
    doc.removeEventListener('copy', onClipboard, opts);
    doc.removeEventListener('cut', onClipboard, opts);
    doc.removeEventListener('dragstart', onDragOrMenu, opts);
    doc.removeEventListener('contextmenu', onDragOrMenu, opts);
  };
}
