/**
 * Which OS account this process runs as, reduced to the id of its protector slot (SPEC F14). Each account's
 * DPAPI / keyring wraps the vault's data key and the pepper once, under this id, so a second account never
 * overwrites the first one's slot and a lost DPAPI key costs only that account a re-enrolment.
 *
 * On Windows the account is its SID (from `whoami /user`), not `DOMAIN\user`: a renamed account keeps its SID and
 * its slot, and an account deleted and created again under the same name is a new account (its DPAPI keys are
 * new too). On Linux it is the uid with the user name. The id is a hash: the audit trail and the database never
 * carry the SID or the user name.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';

export interface AccountIdentity {
  /** Stable per OS account: `sid:S-1-5-21-…` on Windows, `uid:user` on Linux. */
  readonly identity: string;
}

/** The platform adapter; tests inject recorded output. */
export interface AccountSource {
  read(): Promise<AccountIdentity>;
}

export const accountErrors = {
  unknown: () =>
    new AppError({
      code: 'E_ACCOUNT_ID_UNAVAILABLE',
      ja: 'サインインしている Windows アカウントを識別できません（whoami）。保管庫は開いていません。管理者に連絡してください。',
      en: 'The signed-in Windows account cannot be identified (whoami /user). The vault was not opened. Contact your administrator.',
    }),
};

// A user SID: S-1-5-21-<3 sub-authorities>-<RID> for local and domain accounts; other authorities are allowed.
const SID = /^S-1-\d+(-\d+){1,14}$/;

/**
 * `whoami /user /fo csv /nh` prints one line, `"<domain>\<user>","<SID>"`. The name is in the console's code page
 * (a Japanese name may come out garbled), so only the SID — ASCII — is taken.
 */
export function parseWhoamiUser(stdout: string): string | undefined {
  const line = stdout.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
  const fields = line?.match(/"([^"]*)"/g)?.map((f) => f.slice(1, -1));
  const sid = fields?.at(-1)?.toUpperCase();
  return sid && SID.test(sid) ? sid : undefined;
}

export function windowsAccount(run: (file: string, args: string[]) => Promise<string> = runFile, env: Readonly<Record<string, string | undefined>> = process.env): AccountSource {
  return {
    async read() {
      const whoami = `${env.SystemRoot || 'C:\\Windows'}\\System32\\whoami.exe`;
      const sid = parseWhoamiUser(await run(whoami, ['/user', '/fo', 'csv', '/nh']).catch(() => ''));
      if (!sid) throw accountErrors.unknown();
      return { identity: `sid:${sid}` };
    },
  };
}

export function posixAccount(user: { username: string; uid: number }): AccountSource {
  return { read: async () => ({ identity: `${user.uid}:${user.username.toLowerCase()}` }) };
}

export function platformAccount(platform: NodeJS.Platform, user: { username: string; uid: number }): AccountSource {
  return platform === 'win32' ? windowsAccount() : posixAccount(user);
}

const SLOT_ID = /^a-[0-9a-f]{24}$/;

export function accountSlotId(account: AccountIdentity): string {
  return `a-${createHash('sha256').update('countershield/v1/account-slot|').update(account.identity).digest('hex').slice(0, 24)}`;
}

export function isAccountSlotId(id: string): boolean {
  return SLOT_ID.test(id);
}

function runFile(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { windowsHide: true, timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(String(stdout))));
  });
}
