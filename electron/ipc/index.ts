/** One handler per channel; the table below is the whole renderer-facing surface of main. */
import type { AppContext } from './context';
import { createIpcRouter, type Handlers, type IpcRouter } from './router';
import { appStatus, setLanguage } from './handlers/app';
import { effectivePolicy, photoRequested } from './handlers/policy';
import { policyChangeHandlers } from './handlers/policyChange';
import { caseHandlers } from './handlers/cases';
import { sessionHandlers } from './handlers/session';
import { unmaskHandlers } from './handlers/unmask';
import { leadsHandlers } from './handlers/leads';
import { setupHandlers } from './handlers/setup';
import { listHandlers } from './handlers/list';
import { staffHandlers } from './handlers/staff';
import { adminTaskHandlers } from './handlers/adminTasks';
import { mailingHandlers } from './handlers/mailing';
import { reconcileHandlers } from './handlers/reconcile';
import { fleetHandlers } from './handlers/fleet';
import { fleetStationHandlers } from './handlers/fleetStation';

export function createHandlers(ctx: AppContext): Handlers {
  return {
    'app:status': appStatus(ctx),
    'prefs:setLanguage': setLanguage(ctx),
    'policy:effective': effectivePolicy(ctx),
    'policy:photoRequested': photoRequested(ctx),
    ...policyChangeHandlers(ctx),
    ...caseHandlers(ctx),
    ...sessionHandlers(ctx),
    ...unmaskHandlers(ctx),
    ...leadsHandlers(ctx),
    ...setupHandlers(ctx),
    ...listHandlers(ctx),
    ...staffHandlers(ctx),
    ...adminTaskHandlers(ctx),
    ...mailingHandlers(ctx),
    ...reconcileHandlers(ctx),
    ...fleetHandlers(ctx),
    ...fleetStationHandlers(ctx),
  };
}

export function createAppRouter(ctx: AppContext, appOrigin: string, log?: (code: string, channel: string) => void): IpcRouter {
  return createIpcRouter(createHandlers(ctx), appOrigin, log);
}

export { type AppContext } from './context';
export { type IpcRouter, type IpcSender } from './router';
