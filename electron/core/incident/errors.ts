import { AppError } from '../../../shared/errors';

const make = (code: string, ja: string, en: string): AppError => new AppError({ code, ja, en });

export const incidentErrors = {
  notFound: () => make('E_INCIDENT_NOT_FOUND', '指定の事故記録がありません。', 'No such incident record.'),
  leadRequired: () => make('E_INCIDENT_LEAD_REQUIRED', '事故記録は班長（または管理者）が暗証番号で確認して記録します。', 'Incident records are written by a team lead (or administrator) with their PIN.'),
  invalid: (field: string) => new AppError({ code: 'E_INCIDENT_INVALID', ja: `入力内容に誤りがあります（${field}）。`, en: `Invalid input (${field}).`, detail: { field } }),
  corrupt: () => make('E_INCIDENT_CORRUPT', '事故記録を復号できません。データが壊れているか改ざんされています。', 'An incident record cannot be decrypted; it is damaged or has been tampered with.'),
};
