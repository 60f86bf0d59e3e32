/** Each feature folder owns its strings: Japanese first, English with exactly the same keys (the type checks it). */
import i18n from './setup';

export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export function registerStrings<T extends object>(namespace: string, ja: T, en: Shape<T>): void {
  i18n.addResourceBundle('ja', 'translation', { [namespace]: ja }, true, true);
  i18n.addResourceBundle('en', 'translation', { [namespace]: en }, true, true);
}
