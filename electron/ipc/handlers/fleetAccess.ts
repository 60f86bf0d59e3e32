/**
 * Who may use the fleet channels (issues 18, 19), checked in main on every call from the live session — never the
 * renderer's idea of who is logged in. Reading the list's age is for everyone; ids, the drop folder and the station's
 * views need a lead or administrator; changing the mode, creating the station, releasing and retiring need an
 * administrator (and the two PINs the core checks).
 */
import { AppError } from '../../../shared/errors';
import { fleetRuntimeErrors } from '../../core/fleet/runtimeErrors';
import type { Actor } from '../../core/ports';
import type { AppContext, FleetContext } from '../context';

const unavailable = () =>
  new AppError({ code: 'E_FLEET_UNAVAILABLE', ja: '保護リストが開かれていないため、配布と端末の画面を使えません。', en: 'The vault is not open: the fleet screens are unavailable.' });
const sessionRequired = () =>
  new AppError({ code: 'E_FLEET_SESSION_REQUIRED', ja: 'この操作には、班長または管理者のログインが必要です。', en: 'Log in as a lead or administrator for this.' });
const roleRequired = (admin: boolean) =>
  admin
    ? fleetRuntimeErrors.adminRequired()
    : new AppError({ code: 'E_FLEET_ROLE_REQUIRED', ja: 'この画面は班長または管理者だけが使えます。班長または管理者に代わってもらってください。', en: 'Only a lead or an administrator may use this screen.' });

export function fleetOf(ctx: AppContext): FleetContext {
  if (!ctx.fleet) throw unavailable();
  return ctx.fleet;
}

export const isLead = (a: Actor | null): boolean => !!a && (a.roles.includes('lead') || a.roles.includes('admin'));

export async function leadSession(ctx: AppContext): Promise<{ fleet: FleetContext; actor: Actor }> {
  const fleet = fleetOf(ctx);
  const actor = await fleet.actor();
  if (!actor) throw sessionRequired();
  if (!isLead(actor)) throw roleRequired(false);
  return { fleet, actor };
}

export async function adminSession(ctx: AppContext): Promise<{ fleet: FleetContext; actor: Actor }> {
  const fleet = fleetOf(ctx);
  const actor = await fleet.actor();
  if (!actor) throw sessionRequired();
  if (!actor.roles.includes('admin')) throw roleRequired(true);
  return { fleet, actor };
}
