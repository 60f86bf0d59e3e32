/**
 * What a temporary release (一時解除, SPEC F20) lifts, per document kind: the fields that document itself carries,
 * nothing wider. A 住民票の写し shows the address, 方書 and household; a 戸籍の附票 the address history and 本籍;
 * a 戸籍謄抄本 and a 転籍届 the 本籍. The phone number is on no document, so no release ever lifts it.
 * Only fields the policy masks are lifted; sealed values in the vault still need the F4 two-operator unmask.
 */
import type { FormKind, PersonField } from './model';

export const RELEASE_FIELDS: Readonly<Record<FormKind, readonly PersonField[]>> = {
  juminhyo: ['address', 'katagaki', 'household'],
  fuhyo: ['address', 'katagaki', 'honseki'],
  koseki: ['honseki'],
  tenseki: ['honseki'],
};

/** The document names a message from main may use (the case screen has its own labels). */
export const FORM_NAMES_JA: Readonly<Record<FormKind, string>> = {
  tenseki: '転籍届',
  juminhyo: '住民票の写し等交付請求',
  fuhyo: '戸籍の附票の写し交付請求',
  koseki: '戸籍謄抄本等交付請求',
};
