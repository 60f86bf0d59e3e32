import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/session';
import { createTestCore, manualClock, STAFF, type TestCore } from '../../fakes/core';

let core: TestCore | null = null;
afterEach(async () => {
  await core?.close().catch(() => undefined);
  core = null;
});

const RECORD = 'D0001';
const ADDRESS = '神奈川県中郡二宮町富士見が丘5丁目5番2号';
const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: { code?: string }) => e.code ?? String(e));

async function setup(opts: Parameters<typeof createTestCore>[0] = {}): Promise<{ core: TestCore; session: Session }> {
  core = await createTestCore(opts);
  const session = await core.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
  return { core, session };
}

async function ask(c: TestCore, session: Session, field: 'address' | 'honseki' = 'address') {
  return c.unmask.requestUnmask(session, { recordId: RECORD, field, reasonCode: 'self-request', pin: STAFF.clerk1.pin });
}

const lead = (r: { requestId: string; requestHash: string }, who: { staffId: string; pin: string } = STAFF.lead1) =>
  ({ requestId: r.requestId, requestHash: r.requestHash, approverId: who.staffId, approverPin: who.pin });

describe('two-operator unmask', () => {
  it('walks request → description → approval → one-time value, and the value appears nowhere before the take', async () => {
    const { core: c, session } = await setup();
    const req = await ask(c, session);
    const shown = await c.unmask.describeRequest(req.requestId);
    expect(shown).toMatchObject({ requesterId: 'C001', requesterName: '窓口 太郎', recordId: RECORD, field: 'address', reasonCode: 'self-request', ttlSeconds: 60, requestHash: req.requestHash });
    expect(JSON.stringify(shown)).not.toContain('神奈川');
    const ticket = await c.unmask.approve(lead(req));
    expect(JSON.stringify(ticket)).not.toContain('神奈川');
    const got = await c.unmask.takeGrantedValue(ticket.grantId, session);
    expect(got).toMatchObject({ recordId: RECORD, field: 'address', value: ADDRESS });
    expect(got.remainingMs).toBeLessThanOrEqual(60_000);
    expect(c.audit.actions()).toEqual(expect.arrayContaining(['unmask.requested', 'unmask.approved', 'unmask.shown']));
  });

  it('a lead cannot approve their own request (even holding every other role)', async () => {
    core = await createTestCore();
    const session = await core.sessions.login(STAFF.lead2.staffId, STAFF.lead2.pin);
    const req = await core.unmask.requestUnmask(session, { recordId: RECORD, field: 'address', reasonCode: 'identity-check', pin: STAFF.lead2.pin });
    expect(await codeOf(core.unmask.approve(lead(req, STAFF.lead2)))).toBe('E_UNMASK_SELF_APPROVAL');
    expect(core.audit.events.at(-1)).toMatchObject({ action: 'unmask.decision.refused', detail: { reason: 'self-approval' } });
    // The request is still there for a real second person.
    expect((await core.unmask.approve(lead(req, STAFF.lead1))).recordId).toBe(RECORD);
  });

  it('a clerk cannot approve, and neither can an administrator without the lead role', async () => {
    const { core: c, session } = await setup();
    const req = await ask(c, session);
    expect(await codeOf(c.unmask.approve(lead(req, STAFF.clerk2)))).toBe('E_UNMASK_NOT_LEAD');
    expect(await codeOf(c.unmask.approve(lead(req, STAFF.admin1)))).toBe('E_UNMASK_NOT_LEAD');
    expect(await codeOf(c.unmask.refuse(lead(req, STAFF.admin2)))).toBe('E_UNMASK_NOT_LEAD');
    expect(c.unmask.counts().grants).toBe(0);
  });

  it('the rule is backed by the key: no PIN but a lead\'s opens the sealed field, whatever the code path', async () => {
    const { core: c } = await setup();
    for (const s of [STAFF.clerk1, STAFF.admin1]) {
      const k = await c.staff.authenticate(s.staffId, s.pin, 'test', { wantSealKek: true });
      expect(await codeOf(c.vault.openSealed(RECORD, 'address', { wrapId: `staff:${s.staffId}`, kek: k.sealKek! }))).toBe('E_SEAL_UNLOCK_REFUSED');
      // …nor with a lead's wrap id.
      expect(await codeOf(c.vault.openSealed(RECORD, 'address', { wrapId: 'staff:L001', kek: k.sealKek! }))).toBe('E_SEAL_UNLOCK_REFUSED');
    }
  });

  it('an approval for anything other than the request shown (hash mismatch) is refused and approves nothing', async () => {
    const { core: c, session } = await setup();
    const shown = await ask(c, session, 'address');
    const other = await ask(c, session, 'honseki');
    // The lead saw the address request; the approval carries the honseki request's id.
    expect(await codeOf(c.unmask.approve({ ...lead(shown), requestId: other.requestId }))).toBe('E_UNMASK_HASH_MISMATCH');
    expect(await codeOf(c.unmask.approve({ ...lead(shown), requestHash: '0'.repeat(64) }))).toBe('E_UNMASK_HASH_MISMATCH');
    expect(await codeOf(c.unmask.approve({ ...lead(shown), requestHash: 'not-a-hash' }))).toBe('E_UNMASK_HASH_MISMATCH');
    expect(c.unmask.counts()).toEqual({ pending: 2, grants: 0 });
  });

  it('a grant is single use: the value is handed out once, and the request cannot be approved twice', async () => {
    const { core: c, session } = await setup();
    const req = await ask(c, session);
    const t = await c.unmask.approve(lead(req));
    await c.unmask.takeGrantedValue(t.grantId, session);
    expect(await codeOf(c.unmask.takeGrantedValue(t.grantId, session))).toBe('E_GRANT_USED');
    expect(await codeOf(c.unmask.approve(lead(req, STAFF.lead2)))).toBe('E_UNMASK_REQUEST_UNKNOWN');
  });

  it('a grant cannot be extended: it ends at its TTL whatever happens, and only a new request and approval give a new one', async () => {
    const clock = manualClock();
    const { core: c, session } = await setup({ clock });
    const t = await c.unmask.approve(lead(await ask(c, session)));
    clock.advance(30);
    await c.sessions.touch();
    const got = await c.unmask.takeGrantedValue(t.grantId, session);
    expect(got.remainingMs).toBe(30_000);
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(c.unmask))).not.toEqual(expect.arrayContaining([expect.stringMatching(/extend|renew|refresh/i)]));
    clock.advance(30);
    await c.unmask.sweep();
    expect(c.unmask.counts().grants).toBe(0);
    expect(c.audit.events.at(-1)).toMatchObject({ action: 'unmask.revoked', targets: [{ recordId: RECORD, field: 'address' }], detail: { reason: 'expired', taken: true } });
    const t2 = await c.unmask.approve(lead(await ask(c, session)));
    expect(t2.grantId).not.toBe(t.grantId);
  });

  it('nothing reaches the clerk after expiry: an untaken grant past its TTL is refused', async () => {
    const clock = manualClock();
    const { core: c, session } = await setup({ clock, grantTtlSeconds: 45 });
    const t = await c.unmask.approve(lead(await ask(c, session)));
    expect(t.ttlSeconds).toBe(45);
    clock.advance(45);
    expect(await codeOf(c.unmask.takeGrantedValue(t.grantId, session))).toBe('E_GRANT_EXPIRED');
  });

  it('unanswered requests expire (default 3 minutes) and can then be neither approved nor described', async () => {
    const clock = manualClock();
    const { core: c, session } = await setup({ clock });
    const req = await ask(c, session);
    clock.advance(179);
    await c.sessions.touch();
    expect((await c.unmask.describeRequest(req.requestId)).expiresInSeconds).toBe(1);
    clock.advance(1);
    expect(await codeOf(c.unmask.describeRequest(req.requestId))).toBe('E_UNMASK_REQUEST_UNKNOWN');
    expect(await codeOf(c.unmask.approve(lead(req)))).toBe('E_UNMASK_REQUEST_UNKNOWN');
    expect(c.audit.actions()).toContain('unmask.request.expired');
  });

  it('locking the session (idle or screen lock) re-masks everything: grants revoked, requests voided', async () => {
    const clock = manualClock();
    const { core: c, session } = await setup({ clock });
    const t = await c.unmask.approve(lead(await ask(c, session)));
    const pending = await ask(c, session, 'honseki');
    clock.advance(301);
    expect(await c.sessions.current()).toBeNull();
    expect(c.unmask.counts()).toEqual({ pending: 0, grants: 0 });
    const again = await c.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
    expect(await codeOf(c.unmask.takeGrantedValue(t.grantId, again))).toBe('E_GRANT_REVOKED');
    expect(await codeOf(c.unmask.approve(lead(pending)))).toBe('E_UNMASK_REQUEST_UNKNOWN');
    expect(c.audit.actions()).toEqual(expect.arrayContaining(['unmask.revoked', 'unmask.request.voided', 'session.lock']));
  });

  it('navigation or case close gives the value back early; a grant belongs to the session that asked', async () => {
    const { core: c, session } = await setup();
    const t = await c.unmask.approve(lead(await ask(c, session)));
    await c.sessions.lock('screen-lock');
    const other = await c.sessions.login(STAFF.clerk2.staffId, STAFF.clerk2.pin);
    expect(await codeOf(c.unmask.takeGrantedValue(t.grantId, other))).toBe('E_GRANT_REVOKED');
    const req = await c.unmask.requestUnmask(other, { recordId: RECORD, field: 'address', reasonCode: 'other', reasonText: '関係機関からの照会', pin: STAFF.clerk2.pin });
    const t2 = await c.unmask.approve(lead(req));
    await c.unmask.release(t2.grantId, other, 'navigation');
    expect(await codeOf(c.unmask.takeGrantedValue(t2.grantId, other))).toBe('E_GRANT_REVOKED');
    expect(c.audit.events.at(-1)).toMatchObject({ action: 'unmask.revoked', detail: { reason: 'navigation' } });
  });

  it('the clerk must re-enter their own PIN; a wrong one is a counted failure and creates nothing', async () => {
    const { core: c, session } = await setup();
    expect(await codeOf(c.unmask.requestUnmask(session, { recordId: RECORD, field: 'address', reasonCode: 'self-request', pin: STAFF.clerk2.pin }))).toBe('E_PIN_WRONG');
    expect((await c.staff.describe('C001'))?.failedCount).toBe(1);
    expect(c.unmask.counts().pending).toBe(0);
    expect(await codeOf(c.unmask.requestUnmask(session, { recordId: RECORD, field: 'address', reasonCode: 'other', pin: STAFF.clerk1.pin }))).toBe('E_UNMASK_REASON');
    expect(await codeOf(c.unmask.requestUnmask(session, { recordId: 'D9999', field: 'address', reasonCode: 'self-request', pin: STAFF.clerk1.pin }))).toBe('E_VAULT_NO_RECORD');
  });

  it("an approver's wrong PINs count toward their lockout; a locked lead cannot approve with the right PIN", async () => {
    const clock = manualClock();
    const { core: c, session } = await setup({ clock, requestTtlSeconds: 3600, idleSeconds: 7200 });
    const req = await ask(c, session);
    for (let i = 0; i < 10; i++) {
      await codeOf(c.unmask.approve({ ...lead(req), approverPin: '905172' }));
      clock.advance(61);
    }
    expect(await codeOf(c.unmask.approve(lead(req)))).toBe('E_PIN_LOCKED');
    expect(c.unmask.counts().grants).toBe(0);
  });

  it("a terminal's screen describes only its own session's requests", async () => {
    const { core: c, session } = await setup();
    const req = await ask(c, session);
    expect((await c.unmask.describeRequest(req.requestId, session)).requestId).toBe(req.requestId);
    // (A lock voids every request anyway; this is the check behind it, for a session that is not the asker's.)
    expect(await codeOf(c.unmask.describeRequest(req.requestId, { ...session, sessionId: 's0000000000000000' }))).toBe('E_UNMASK_REQUEST_UNKNOWN');
  });

  it('refusal by a lead ends the request and is audited', async () => {
    const { core: c, session } = await setup();
    const req = await ask(c, session);
    await c.unmask.refuse(lead(req));
    expect(await codeOf(c.unmask.approve(lead(req, STAFF.lead2)))).toBe('E_UNMASK_REQUEST_UNKNOWN');
    expect(c.audit.events.at(-1)).toMatchObject({ action: 'unmask.refused', actors: ['C001', 'L001'] });
  });

  it('if the audit trail cannot record the approval, nobody gets the value', async () => {
    const { core: c, session } = await setup();
    const req = await ask(c, session);
    c.audit.failNext = true;
    expect(await codeOf(c.unmask.approve(lead(req)))).not.toBe('resolved');
    expect(c.unmask.counts().grants).toBe(0);
  });
});
