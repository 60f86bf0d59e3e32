/** What the start screen and the admin screen say about each policy state (clerk: ja; IT: en). */
import type { PolicyState } from '../../../shared/policy/cameraPolicy';

export const POLICY_STATE_MESSAGES: Record<PolicyState, { ja: string; en: string }> = {
  ok: {
    ja: '管理者が承認した撮影防止ポリシーが適用されています。',
    en: 'The camera policy approved by two administrators is in force.',
  },
  missing: {
    ja: 'ポリシーファイルがありません。最も厳しい既定の設定で動作しています。',
    en: 'No policy file. The strict defaults are in force.',
  },
  unreadable: {
    ja: 'ポリシーファイルを読み込めません。最も厳しい既定の設定で動作しています。管理者に連絡してください。',
    en: 'The policy file cannot be read. The strict defaults are in force. Check the file and its permissions.',
  },
  invalid: {
    ja: 'ポリシーファイルの内容が正しくありません。最も厳しい既定の設定で動作しています。管理者に連絡してください。',
    en: 'The policy file is not a valid CounterShield policy. The strict defaults are in force.',
  },
  tampered: {
    ja: 'ポリシーファイルがアプリの外で変更された可能性があります。最も厳しい既定の設定で動作しています。直ちに管理者に連絡してください。',
    en: 'The policy file failed its integrity check (edited outside the app, or from another vault). The strict defaults are in force.',
  },
  unverified: {
    ja: '保護リストが開かれていないため、ポリシーファイルを検証できません。最も厳しい既定の設定で動作しています。',
    en: 'The policy file cannot be verified until the vault is open. The strict defaults are in force.',
  },
  'rolled-back': {
    ja: 'ポリシーファイルが、この保管庫で最後に承認された版より古いか、削除されています。最も厳しい既定の設定で動作し、2名が確認するまで表示申請と保護リストの取込を停止します。管理者2名で設定を承認し直してください。',
    en: 'The policy file is older than the last revision approved in this vault, or was deleted. The strict defaults are in force and unmasking and imports stop until two people acknowledge; have two administrators approve the policy again.',
  },
};
