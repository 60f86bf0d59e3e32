import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../../../shared/ipc/staff';

/** Roles in words ("窓口担当・班長"), in the fixed order clerk, lead, admin, contractor (委託職員). */
export function roleText(t: (k: string) => string, roles: readonly StaffRole[] | null): string {
  if (!roles || roles.length === 0) return t('staffAdmin.rolesNone');
  return (['clerk', 'lead', 'admin', 'contractor'] as const).filter((r) => roles.includes(r)).map((r) => t(`staffAdmin.role.${r}`)).join('・');
}

export function RoleList({ roles }: { roles: readonly StaffRole[] }) {
  const { t } = useTranslation();
  return <span className="sa-roles">{roleText(t, roles)}</span>;
}
