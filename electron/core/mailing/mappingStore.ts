/**
 * Remembered column mappings, one per department (issue 21), in the vault database rather than the
 * preferences. The mapping holds column names only, so secrecy is not the point — integrity is: a mapping
 * edited to point 送付先住所 at another column would quietly turn every check into `ok`. The preferences file
 * is unauthenticated and resets itself when invalid; here each mapping is AEAD-sealed under a service key and
 * bound to its department, a saved change is audited in the same transaction, and backups carry it.
 */
import { AppError } from '../../../shared/errors';
import type { AuditEvent, TransactionalAuditSink } from '../ports';
import * as aead from '../vault/aead';
import type { Db } from '../vault/db';
import { migrateSubsystem } from '../vault/schema';
import { departmentCode, mailMappingSchema, type MailMapping } from './mapping';

const MIGRATIONS = ['CREATE TABLE mailing_mappings (department TEXT PRIMARY KEY, body BLOB NOT NULL);'];
const aad = (department: string) => `cs/v1|mailing-mapping|${department}`;

export const mappingErrors = {
  invalid: () => new AppError({ code: 'E_MAILING_MAPPING', ja: '列の対応が正しくありません。宛先の氏名と送付先住所は必ず設定し、同じ列を二つの項目に設定しないでください。', en: 'Invalid column mapping: map recipient name and address, and no column twice.' }),
  department: () => new AppError({ code: 'E_MAILING_DEPARTMENT', ja: '部署の記号は半角英小文字・数字・ハイフンで入力してください（例：kodomo-teate）。', en: 'Department codes are lower-case letters, digits and hyphens.' }),
  tampered: () => new AppError({ code: 'E_MAILING_MAPPING_DAMAGED', ja: '保存された列の対応を読み取れません（改変の可能性）。管理者が列の対応を設定し直してください。', en: 'The stored mapping failed its integrity check; set it again.' }),
};

export class MappingStore {
  private constructor(private readonly db: Db, private readonly key: Buffer, private readonly audit: TransactionalAuditSink) {}

  static async open(db: Db, key: Buffer, audit: TransactionalAuditSink): Promise<MappingStore> {
    await migrateSubsystem(db, 'mailing', MIGRATIONS);
    return new MappingStore(db, key, audit);
  }

  async get(department: string): Promise<MailMapping | null> {
    if (!departmentCode.safeParse(department).success) throw mappingErrors.department();
    const row = await this.db.get<{ body: Buffer }>('SELECT body FROM mailing_mappings WHERE department = ?', [department]);
    if (!row) return null;
    try {
      return mailMappingSchema.parse(JSON.parse(aead.open(this.key, row.body, aad(department), 'mailing-mapping').toString('utf8'))) as MailMapping;
    } catch {
      throw mappingErrors.tampered();
    }
  }

  async save(department: string, mapping: unknown, staffId: string): Promise<MailMapping> {
    if (!departmentCode.safeParse(department).success) throw mappingErrors.department();
    const parsed = mailMappingSchema.safeParse(mapping);
    if (!parsed.success) throw mappingErrors.invalid();
    const body = aead.seal(this.key, Buffer.from(JSON.stringify(parsed.data), 'utf8'), aad(department));
    const event: AuditEvent = { action: 'mailing.mapping_saved', actors: [staffId], detail: { department, columns: Object.keys(parsed.data).length } };
    await this.db.transaction(async () => {
      await this.db.run('INSERT INTO mailing_mappings (department, body) VALUES (?, ?) ON CONFLICT(department) DO UPDATE SET body = excluded.body', [department, body]);
      await this.audit.appendInTransaction([event]);
    });
    return parsed.data as MailMapping;
  }
}
