/**
 * Unmask figures for issue 5, with the Argon2id parameters the app uses (DEFAULT_ARGON2, not the OWASP
 * minimum the unit tests use): one Argon2id PIN hash, a PIN check through the staff service, and an unmask
 * end to end — the clerk's request (their PIN check), the lead's approval (their PIN check, HKDF, unwrap of
 * the sealing private key, X25519 + AES-GCM open of the field) and the one-time take. Median of 7 runs each.
 */
import { randomBytes } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { DEFAULT_ARGON2, OWASP_MIN } from '../../electron/core/staff';
import { createTestCore, STAFF } from '../fakes/core';
import type { Report } from './run.mjs';

export const name = 'unmask';
const RUNS = 7;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function run(report: Report): Promise<void> {
  const p = DEFAULT_ARGON2;
  const opts = { password: Buffer.from('A001\u0000472913'), salt: randomBytes(16), secret: randomBytes(32), parallelism: p.p, iterations: p.t, memorySize: p.m, hashLength: 32, outputType: 'binary' as const };
  await argon2id(opts);
  const hashes: number[] = [];
  for (let i = 0; i < RUNS; i++) hashes.push(await timeIt(() => argon2id(opts)));
  report(`argon2id single hash (m=${p.m} KiB, t=${p.t}, p=${p.p}), median`, median(hashes), 'ms');
  const min = { ...opts, iterations: OWASP_MIN.t, memorySize: OWASP_MIN.m, parallelism: OWASP_MIN.p };
  const minHashes: number[] = [];
  for (let i = 0; i < RUNS; i++) minHashes.push(await timeIt(() => argon2id(min)));
  report(`argon2id single hash at the OWASP minimum (m=${OWASP_MIN.m} KiB, t=${OWASP_MIN.t}), median`, median(minHashes), 'ms');

  const core = await createTestCore({ argon2: DEFAULT_ARGON2, requestTtlSeconds: 3600, idleSeconds: 3600 });
  try {
    const checks: number[] = [];
    for (let i = 0; i < RUNS; i++) checks.push(await timeIt(() => core.staff.authenticate(STAFF.lead1.staffId, STAFF.lead1.pin, 'bench')));
    report('PIN check through the staff service (lockout gate + Argon2id + db), median', median(checks), 'ms');

    const session = await core.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
    const total: number[] = [];
    const approve: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const req = await core.unmask.requestUnmask(session, { recordId: 'D0001', field: 'address', reasonCode: 'self-request', pin: STAFF.clerk1.pin });
      const t1 = performance.now();
      const ticket = await core.unmask.approve({ requestId: req.requestId, requestHash: req.requestHash, approverId: STAFF.lead1.staffId, approverPin: STAFF.lead1.pin });
      const t2 = performance.now();
      await core.unmask.takeGrantedValue(ticket.grantId, session);
      total.push(performance.now() - t0);
      approve.push(t2 - t1);
      await core.unmask.release(ticket.grantId, session);
    }
    report('unmask approval alone (lead PIN check + unwrap + open), median', median(approve), 'ms');
    report('unmask end to end (request + approval + take, two Argon2id checks), median', median(total), 'ms', { max: 1000 });
  } finally {
    await core.close();
  }
}
