import type { KeyboardEvent } from 'react';

/**
 * Counter staff fill paper-shaped forms with Enter as often as with Tab: Enter in a text field moves
 * to the next field in the form's order — except while an IME is composing, where Enter confirms the
 * conversion (moving on then would drop half-converted kanji).
 */
export function enterMovesFocus(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229) return;
  const target = e.target as HTMLElement;
  if (!(target instanceof HTMLInputElement) || target.type === 'submit' || target.type === 'button') return;
  const scope = e.currentTarget;
  const focusables = [...scope.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled]), button:not([disabled])')].filter(
    (el) => el.offsetParent !== null,
  );
  const next = focusables[focusables.indexOf(target) + 1];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}
