/**
 * A directory built straight from a list file's persons, for the admin command and the tests — the same
 * indexes the vault builds at import (blind name index, address tokens), under a key that lives for the run.
 */
import { randomBytes } from 'node:crypto';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { Matcher, createHmacKeyer } from '../matching';
import { AddressIndex } from './addressIndex';
import type { MailingDirectory } from './check';

export function directoryFromPersons(persons: readonly ProtectedPerson[], key: Uint8Array = randomBytes(32)): MailingDirectory {
  const keyer = createHmacKeyer(Buffer.from(key));
  const matcher = Matcher.build(persons, keyer);
  const addresses = AddressIndex.build(persons, keyer);
  return {
    match: (q) => matcher.query(q),
    matchAddress: (id, text) => addresses.agreement(id, text),
    addressToken: (text) => addresses.tokens(text).sort().join('.'),
  };
}
