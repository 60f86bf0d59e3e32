import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChainBreaks } from '../../../electron/core/audit';
import { fakeStaff } from '../../fakes/policy';
import { appendMany, auditFixture, tamper, type AuditFixture } from './helpers';

const staff = fakeStaff({ L0001: { pin: '482915', roles: ['lead'] }, S0001: { pin: '561827', roles: ['clerk'] } });
let fx: AuditFixture;
beforeEach(async () => {
  fx = await auditFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('a broken chain is shown until two people acknowledge it', () => {
  it('records the break in the log, refuses one person or a clerk first, and clears after a lead and a second person; a later break shows again', async () => {
    const breaks = new ChainBreaks(fx.chain, staff);
    await appendMany(fx.chain, 10);
    expect(await breaks.brokenChainNotice()).toBeNull();
    await tamper(fx.chain, 'DELETE FROM audit_log WHERE seq = 4');
    expect((await breaks.verifyAndRecord()).ok).toBe(false);
    expect((await breaks.verifyAndRecord()).ok).toBe(false);
    const notice = await breaks.brokenChainNotice();
    expect(notice?.breaks).toEqual([expect.objectContaining({ kind: 'missing', seq: 4 })]);
    await expect(breaks.acknowledgeBroken({ staffId: 'L0001', pin: '482915' }, { staffId: 'L0001', pin: '482915' })).rejects.toMatchObject({ code: 'E_AUDIT_TWO_PEOPLE' });
    await expect(breaks.acknowledgeBroken({ staffId: 'S0001', pin: '561827' }, { staffId: 'L0001', pin: '482915' })).rejects.toMatchObject({ code: 'E_AUDIT_LEAD_REQUIRED' });
    await expect(breaks.acknowledgeBroken({ staffId: 'L0001', pin: '1' }, { staffId: 'S0001', pin: '561827' })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(await breaks.acknowledgeBroken({ staffId: 'L0001', pin: '482915' }, { staffId: 'S0001', pin: '561827' })).toEqual({ acknowledged: 1 });
    expect(await breaks.brokenChainNotice()).toBeNull();
    await breaks.verifyAndRecord();
    expect(await breaks.brokenChainNotice()).toBeNull();
    await fx.chain.db.run("UPDATE audit_log SET detail = replace(detail, 'match', 'MATCH') WHERE seq = 9");
    await breaks.verifyAndRecord();
    expect((await breaks.brokenChainNotice())?.breaks).toEqual([expect.objectContaining({ kind: 'edited', seq: 9 })]);
  });
});
