/**
 * Non-secret preferences (language, window bounds, terminal label) in electron-store behind a JSON
 * schema. Never personal data, never keys: the vault holds those, encrypted.
 */
import Store from 'electron-store';
import type { Language, Preferences } from '../ipc/context';

interface PrefsShape {
  language: Language;
  terminalLabel: string;
  windowBounds: { width: number; height: number } | null;
}

const schema = {
  language: { type: 'string', enum: ['ja', 'en'], default: 'ja' },
  terminalLabel: { type: 'string', maxLength: 40, pattern: '^[^\\u0000-\\u001f]*$', default: '' },
  windowBounds: {
    type: ['object', 'null'],
    properties: { width: { type: 'number', minimum: 800, maximum: 10000 }, height: { type: 'number', minimum: 600, maximum: 10000 } },
    additionalProperties: false,
    default: null,
  },
} as const;

export function createPreferences(): Preferences & { store: Store<PrefsShape> } {
  // A corrupt preferences file must not stop the counter: electron-store resets to the schema defaults,
  // which is safe here because nothing in it is secret or protective (the policy lives elsewhere).
  const store = new Store<PrefsShape>({ name: 'preferences', schema: schema as never, clearInvalidConfig: true });
  return {
    store,
    getLanguage: () => store.get('language'),
    setLanguage: (language) => store.set('language', language),
    getTerminalLabel: () => store.get('terminalLabel'),
  };
}
