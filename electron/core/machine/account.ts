/**
 * Which OS account this process runs as, reduced to the id of its protector slot (SPEC F14). Each account's
 * DPAPI / keyring wraps the vault's data key and the pepper once, under this id, so a second account never
 * overwrites the first one's slot and a lost DPAPI key costs only that account a re-enrolment.
 * The id is a hash: the audit trail and the database never carry the Windows or Linux user name.
 */
import { createHash } from 'node:crypto';

export interface AccountIdentity {
  /** Stable per OS account on this PC: `DOMAIN\user` on Windows, `uid:user` on Linux. */
  readonly identity: string;
}

/** What the platform adapter reports; injected so tests can be two accounts in one process. */
export function currentAccount(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, user: { username: string; uid: number }): AccountIdentity {
  const name = user.username.toLowerCase();
  // Windows user names are case-insensitive and may exist both locally and in the domain: the domain is part of who it is.
  if (platform === 'win32') return { identity: `${(env.USERDOMAIN ?? env.COMPUTERNAME ?? '.').toLowerCase()}\\${name}` };
  return { identity: `${user.uid}:${name}` };
}

const SLOT_ID = /^a-[0-9a-f]{24}$/;

export function accountSlotId(account: AccountIdentity): string {
  return `a-${createHash('sha256').update('countershield/v1/account-slot|').update(account.identity).digest('hex').slice(0, 24)}`;
}

export function isAccountSlotId(id: string): boolean {
  return SLOT_ID.test(id);
}
