/**
 * The AppContext fields that come from the core services (vault, staff, sessions, unmask), so Electron main
 * and the e2e harness wire them the same way: `{ ...baseContext, ...coreContext(core) }`.
 */
import type { CoreServices } from '../core/compose';
import type { AppContext } from './context';

export function coreContext(core: Pick<CoreServices, 'staff' | 'sessions' | 'unmask'>): Pick<AppContext, 'vaultState' | 'staffCount' | 'unmask' | 'staff'> {
  return {
    vaultState: () => 'open',
    staffCount: () => core.staff.staffCount(),
    unmask: { sessions: core.sessions, service: core.unmask },
    staff: { service: core.staff, sessions: core.sessions },
  };
}
