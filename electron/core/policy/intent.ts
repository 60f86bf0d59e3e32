/**
 * A policy change as one all-or-nothing step (issue 15, SPEC invariant 7). The policy lives in a file outside
 * the vault, so the file write and its audit entry cannot share a transaction. Instead the approved, signed
 * file is first written *into the vault* as an intent, in the same transaction as the `policy.changed` entry;
 * then the file is written; then the ratchet is raised and the intent cleared. At open, an intent still there
 * (a kill or power cut in between) is finished: the file is written again (the same bytes, so a second write is
 * harmless). A kill therefore leaves either no entry and the old policy, or the entry and — by the next open at
 * the latest — the new policy. If the file cannot be written, the intent is dropped with an
 * `policy.approve_refused` entry (E_POLICY_WRITE) in the same transaction: the log then says the approved
 * change never took effect.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditEvent, AuditSink } from '../ports';
import { auditedTransaction } from '../audit/chain';
import type { Db } from '../vault/db';
import type { PolicyRevisions } from './load';

export interface PolicyIntent { revision: number; proposal: string; content: string }
export type PolicyWriteStep = 'intent-written' | 'file-written' | 'finished';

const macOf = (key: Uint8Array, i: PolicyIntent) =>
  createHmac('sha256', key).update(`countershield/v1/policy-intent|${i.revision}|${i.proposal}|${i.content}`).digest();

/** The intent row (table made by the policy subsystem's migrations, revisionStore.ts). MACed with the policy key. */
export class PolicyIntents {
  constructor(readonly db: Db, private readonly key: Uint8Array) {}

  /** Inside the caller's transaction. */
  async put(i: PolicyIntent): Promise<void> {
    await this.db.run('INSERT OR REPLACE INTO policy_intent (id, revision, proposal, content, mac) VALUES (1, ?, ?, ?, ?)', [i.revision, i.proposal, i.content, macOf(this.key, i)]);
  }

  /** The intent left by an interrupted change; one that does not verify (edited outside the app) reads as `tampered`. */
  async pending(): Promise<PolicyIntent | 'tampered' | null> {
    const r = await this.db.get<PolicyIntent & { mac: Buffer }>('SELECT revision, proposal, content, mac FROM policy_intent WHERE id = 1');
    if (!r) return null;
    const i = { revision: r.revision, proposal: r.proposal, content: r.content };
    const want = macOf(this.key, i);
    return Buffer.isBuffer(r.mac) && r.mac.length === want.length && timingSafeEqual(r.mac, want) ? i : 'tampered';
  }

  async clear(): Promise<void> {
    await this.db.run('DELETE FROM policy_intent WHERE id = 1');
  }
}

export interface PolicyWriteDeps {
  intents: PolicyIntents;
  revisions: PolicyRevisions;
  audit: AuditSink;
  path: string;
  write: (path: string, content: string) => Promise<void>;
  /** Test hook: called at each step boundary (the kill-point test SIGKILLs itself there). */
  faultPoint?: (step: PolicyWriteStep) => void;
}

/**
 * Records the change and writes the file, in that order (see the top of this file). `changed` is the
 * `policy.changed` entry; `refused` the entry used when the file cannot be written. Resolves false then.
 */
export async function writePolicyChange(d: PolicyWriteDeps, intent: PolicyIntent, changed: AuditEvent, refused: AuditEvent): Promise<boolean> {
  await auditedTransaction(d.intents.db, d.audit, () => d.intents.put(intent), () => [changed]);
  d.faultPoint?.('intent-written');
  return finish(d, intent, refused);
}

async function finish(d: PolicyWriteDeps, intent: PolicyIntent, refused: AuditEvent): Promise<boolean> {
  try {
    await d.write(d.path, intent.content);
  } catch {
    await auditedTransaction(d.intents.db, d.audit, () => d.intents.clear(), () => [refused]);
    return false;
  }
  d.faultPoint?.('file-written');
  await d.intents.db.transaction(async () => {
    await d.revisions.raise(intent.revision);
    await d.intents.clear();
  });
  d.faultPoint?.('finished');
  return true;
}

/**
 * At open, before the policy is loaded: finishes a change a kill interrupted. A tampered intent is dropped with
 * a refusal entry — its bytes cannot be trusted, and the file already in force stays as it is.
 */
export async function reconcilePolicyIntent(d: PolicyWriteDeps): Promise<'none' | 'finished' | 'dropped'> {
  const i = await d.intents.pending();
  if (i === null) return 'none';
  const refused = (proposal: string, code: string): AuditEvent => ({ action: 'policy.approve_refused', actors: ['system'], detail: { code, proposal: proposal.slice(0, 64), atOpen: true } });
  if (i === 'tampered') {
    await auditedTransaction(d.intents.db, d.audit, () => d.intents.clear(), () => [refused('unknown', 'E_POLICY_INTENT_INVALID')]);
    return 'dropped';
  }
  return (await finish(d, i, refused(i.proposal, 'E_POLICY_WRITE'))) ? 'finished' : 'dropped';
}
