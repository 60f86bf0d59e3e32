/** Every way a temporary release refuses (issue 22, SPEC F20). No value from the list. */
import { AppError } from '../../../shared/errors';

const make = (code: string, ja: string, en: string): AppError => new AppError({ code, ja, en });

export const releaseErrors = {
  twoPeople: () =>
    make('E_RELEASE_TWO_PEOPLE', '一時解除は、別々の班長または管理者2名が、それぞれ本人の暗証番号で承認してください。', 'A temporary release needs two different approvers (a lead and the officer), each with their own PIN.'),
  role: () =>
    make('E_RELEASE_ROLE', '一時解除を承認できるのは、班長または管理者だけです。', 'Only a lead or an administrator may approve a temporary release.'),
  hours: () =>
    make('E_RELEASE_HOURS', '一時解除の時間は1時間から8時間までです（日をまたぐ解除はできません）。', 'A release lasts 1 to 8 hours, never days.'),
  reason: () =>
    make('E_RELEASE_REASON', '一時解除の理由を選んでください。', 'Choose the reason for the release.'),
  notFound: () =>
    make('E_RELEASE_NOT_FOUND', 'この管理番号は保護リストにありません。管理番号を確かめてください。', 'No such person on the list.'),
  alreadyActive: () =>
    make('E_RELEASE_ACTIVE', 'この支援措置対象者には、すでに一時解除があります。終わってから、または終えてから、改めて承認してください。', 'This person already has an active release; end it first.'),
  stopped: () =>
    make('E_RELEASE_STOPPED', 'この端末は停止中のため、一時解除はできません。開始画面の表示に従ってください。', 'This terminal is stopped (fail closed); no release can be made.'),
  selfApproval: () =>
    make('E_RELEASE_SELF', '案件を受け付けている職員は、その案件の一時解除を承認できません。別の班長または管理者が承認してください。', 'The issuing clerk cannot approve a release for their own case.'),
  notInCase: () =>
    make('E_RELEASE_NOT_IN_CASE', '一時解除は、この端末でログイン中の職員が開いている案件で、氏名と生年月日で一致した支援措置対象者1名にだけ承認できます。案件の画面から操作してください。', 'A release can be granted only for one person matched by name and birth date in the issuing clerk\'s open case on this terminal.'),
  form: (caseForm: string) =>
    make('E_RELEASE_FORM', `この案件の書類は「${caseForm}」です。一時解除は、この案件の書類にだけ承認できます。別の書類は、別の案件を開いて承認してください。`, 'A release covers the document of its case only; open another case for another document.'),
  contractor: () =>
    make('E_RELEASE_CONTRACTOR', '委託職員の案件には一時解除を承認できません。職員が案件を引き継いでから承認してください。', 'No release on a case held by outsourced staff; a staff member takes the case over first.'),
  gone: () =>
    make('E_RELEASE_GONE', 'この一時解除は、すでに終わっています。', 'This release has already ended.'),
};
