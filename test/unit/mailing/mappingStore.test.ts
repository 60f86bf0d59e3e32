import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MappingStore } from '../../../electron/core/mailing';
import { Vault } from '../../../electron/core/vault/vault';
import { testNow } from '../../clock';
import { tempDir } from '../vault/helpers';
import { KODOMO_MAPPING, MemoryAudit } from './helpers';

async function open() {
  const { vault } = await Vault.create({ dataDir: join(tempDir('cs-mapping-'), 'data'), clock: testNow });
  const audit = new MemoryAudit();
  const store = await MappingStore.open(vault.database, vault.serviceKey('mailing-mappings'), audit);
  return { vault, audit, store };
}

describe("a department's column mapping", () => {
  it('is remembered per department, with an audit entry (column count only)', async () => {
    const { vault, audit, store } = await open();
    await store.save('kodomo-teate', KODOMO_MAPPING, 'A1');
    expect(await store.get('kodomo-teate')).toEqual(KODOMO_MAPPING);
    expect(await store.get('zeimu')).toBeNull();
    expect(audit.events).toEqual([{ action: 'mailing.mapping_saved', actors: ['A1'], detail: { department: 'kodomo-teate', columns: 6 } }]);
    await vault.close();
  });

  it('refuses a mapping without the address, or with one column for two fields', async () => {
    const { vault, store } = await open();
    await expect(store.save('zeimu', { recipientName: '氏名' }, 'A1')).rejects.toMatchObject({ code: 'E_MAILING_MAPPING' });
    await expect(store.save('zeimu', { recipientName: '氏名', address: '氏名' }, 'A1')).rejects.toMatchObject({ code: 'E_MAILING_MAPPING' });
    await expect(store.save('../x', KODOMO_MAPPING, 'A1')).rejects.toMatchObject({ code: 'E_MAILING_DEPARTMENT' });
    await vault.close();
  });

  it('refuses a stored mapping edited in the database (e.g. 送付先住所 pointed at another column) instead of using it', async () => {
    const { vault, store } = await open();
    await store.save('kodomo-teate', KODOMO_MAPPING, 'A1');
    await store.save('zeimu', { recipientName: '氏名', address: '通知番号' }, 'A1');
    // Copying another department's sealed row over this one must fail too: each row is bound to its department.
    await vault.database.run("UPDATE mailing_mappings SET body = (SELECT body FROM mailing_mappings WHERE department = 'zeimu') WHERE department = 'kodomo-teate'");
    await expect(store.get('kodomo-teate')).rejects.toMatchObject({ code: 'E_MAILING_MAPPING_DAMAGED' });
    await vault.close();
  });
});
