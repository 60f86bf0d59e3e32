import { AppError } from '../../../shared/errors';

/** Refusals of a policy change (bilingual: the admin at the terminal reads ja, IT logs read en). */
export const policyErrors = {
  notAdmin: () => new AppError({ code: 'E_POLICY_NOT_ADMIN', ja: 'ポリシーの変更は管理者だけが行えます。', en: 'Only an administrator can propose or approve a policy change.' }),
  selfApproval: () => new AppError({ code: 'E_POLICY_SELF_APPROVAL', ja: '提案した本人は承認できません。別の管理者が承認してください。', en: 'The proposer cannot approve their own change; a second administrator must.' }),
  unknownProposal: () => new AppError({ code: 'E_POLICY_NO_PROPOSAL', ja: 'この変更提案は存在しないか、既に処理されました。', en: 'No such pending proposal (already approved, refused or expired).' }),
  hashMismatch: () => new AppError({ code: 'E_POLICY_HASH_MISMATCH', ja: '承認しようとした内容が提案と一致しません。提案をもう一度確認してください。', en: 'The approval does not match the proposal as it was shown. Nothing was approved; review the proposal again.' }),
  expired: () => new AppError({ code: 'E_POLICY_PROPOSAL_EXPIRED', ja: '変更提案の有効期限が切れました。もう一度提案してください。', en: 'The proposal expired; propose again.' }),
  stale: () => new AppError({ code: 'E_POLICY_STALE', ja: '提案の後にポリシーが変更されました。もう一度提案してください。', en: 'The policy changed after this proposal was made; propose again.' }),
  invalid: (issue: string) => new AppError({ code: 'E_POLICY_INVALID', ja: 'ポリシーの内容が正しくないか、既定より緩い設定を含んでいます。', en: 'The proposed policy is invalid or looser than the strict defaults.', detail: { issue: issue.slice(0, 120) } }),
  keyUnavailable: () => new AppError({ code: 'E_POLICY_KEY_UNAVAILABLE', ja: '保護リストが開かれていないため、ポリシーを変更できません。', en: 'The vault is not open, so the policy file cannot be signed.' }),
  writeFailed: () => new AppError({ code: 'E_POLICY_WRITE', ja: 'ポリシーファイルを書き込めませんでした。現在のポリシーは変更されていません。保存先の空き容量と書き込み権限をシステム担当者に確認してもらい、もう一度提案してください。', en: 'Writing the policy file failed; the previous file is unchanged. Ask your administrator to check free space and write permission where it is saved, then propose the change again.' }),
};
