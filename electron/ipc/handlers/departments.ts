/** What the mailing and reconciliation handlers share: the context and who is logged in (checked in main). */
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../core/ports';
import type { AppContext, DepartmentsContext } from '../context';

const unavailable = () => new AppError({ code: 'E_DEPARTMENTS_UNAVAILABLE', ja: '保護リストが開かれていないため、発送前の確認・突合はできません。', en: 'The vault is not open: mailing check and reconciliation are unavailable.' });
const sessionRequired = () => new AppError({ code: 'E_DEPARTMENTS_SESSION', ja: 'ログインしてから操作してください。', en: 'Log in first.' });
const roleRequired = () => new AppError({ code: 'E_DEPARTMENTS_ROLE', ja: 'この操作は班長または管理者だけが行えます。班長または管理者に代わってもらってください。', en: 'Only a lead or an administrator may do this.' });

export function departments(ctx: AppContext): DepartmentsContext {
  if (!ctx.departments) throw unavailable();
  return ctx.departments;
}

/** Any staff member with a live session (a department clerk checks their own batch). */
export async function loggedIn(ctx: AppContext): Promise<{ d: DepartmentsContext; who: Actor }> {
  const d = departments(ctx);
  const who = await d.actor();
  if (!who) throw sessionRequired();
  return { d, who };
}

export async function leadOrAdmin(ctx: AppContext): Promise<{ d: DepartmentsContext; who: Actor }> {
  const r = await loggedIn(ctx);
  if (!r.who.roles.includes('lead') && !r.who.roles.includes('admin')) throw roleRequired();
  return r;
}
