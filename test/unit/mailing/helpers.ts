import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { parseProtectedList } from '../../../electron/core/import/parseList';
import type { AuditEvent, AuditSink } from '../../../electron/core/ports';
import type { MailMapping } from '../../../electron/core/mailing';

export const MAILING_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'mailing');
export const fixture = (name: string) => readFileSync(join(MAILING_FIXTURES, name));
export const jsonl = <T>(name: string): T[] => fixture(name).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as T);

export function listPersons(): ProtectedPerson[] {
  const r = parseProtectedList(fixture('list.csv'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.persons;
}

/** The 児童手当 department's mapping for the fixture batch (column names only). */
export const KODOMO_MAPPING: MailMapping = {
  recipientName: '宛名氏名', recipientKana: '宛名カナ', recipientDob: '宛名生年月日', address: '送付先住所',
  concerned1Name: '児童1氏名', concerned1Dob: '児童1生年月日',
};

export class MemoryAudit implements AuditSink {
  readonly events: AuditEvent[] = [];
  async append(e: AuditEvent): Promise<void> {
    this.events.push(e);
  }
  async appendInTransaction(es: readonly AuditEvent[]): Promise<void> {
    this.events.push(...es);
  }
}

export const utf8 = (s: string) => new TextEncoder().encode(`\ufeff${s}`);
