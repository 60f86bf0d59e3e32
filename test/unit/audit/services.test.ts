import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../electron/core/audit';
import { createTestCore, STAFF } from '../../fakes/core';

describe('the events the other services already write pass the audit chain', () => {
  it('staff set-up, login, a wrong PIN, an unmask request, approval, use and release are all valid entries (closed action set, ids only)', async () => {
    const core = await createTestCore();
    try {
      await expect(core.sessions.login(STAFF.clerk1.staffId, '000000')).rejects.toBeTruthy();
      const session = await core.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
      const req = await core.unmask.requestUnmask(session, { recordId: 'D0003', field: 'address', reasonCode: 'identity-check', pin: STAFF.clerk1.pin });
      const grant = await core.unmask.approve({ requestId: req.requestId, requestHash: req.requestHash, approverId: STAFF.lead1.staffId, approverPin: STAFF.lead1.pin });
      await core.unmask.takeGrantedValue(grant.grantId, session);
      await core.unmask.release(grant.grantId, session);
      expect(core.audit.events.length).toBeGreaterThan(8);
      const refused = core.audit.events.flatMap((e) => {
        try {
          validateEvent(e);
          return [];
        } catch (err) {
          return [`${e.action}: ${(err as { code?: string; detail?: unknown }).code} ${JSON.stringify((err as { detail?: unknown }).detail)}`];
        }
      });
      expect(refused).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
