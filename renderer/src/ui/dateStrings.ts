/** Strings of the one typed-date field (ui/DateField): the hint names 和暦 first, the read-back line says what was understood. */
import { registerStrings } from '../i18n/register';

const ja = {
  hint: '和暦・西暦どちらでも（例：令和8年6月8日、R8.6.8、2026年6月8日）',
  parsed: '読み取った日付：{{date}}',
  short: '和暦・西暦（例：R8.6.8）',
};

registerStrings('dateField', ja, {
  hint: 'Japanese era or Western (e.g. 令和8年6月8日, R8.6.8, 2026/6/8)',
  parsed: 'Read as: {{date}}',
  short: 'Era or Western (e.g. R8.6.8)',
});
