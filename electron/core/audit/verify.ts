/**
 * Walks the whole log in sequence order and reports what is wrong, first problem first (SPEC F10):
 *   edited     — an entry's content no longer matches its MAC
 *   missing    — a sequence number is absent (a deleted entry)
 *   reordered  — an entry sits at another entry's position (it verifies under that position's key)
 *   truncated  — the log ends before the outside head file or a checkpoint says it reached
 *   rewritten  — the entry at a checkpoint's / head's sequence has a different hash than was signed
 *   head-invalid, checkpoint-invalid — the anchor itself is forged or signed by another key
 *   unacknowledged — a break recorded in the log (audit.chain_broken) that two people have not acknowledged:
 *                    verify keeps failing until they do (issue 14), even when the log now reads as intact
 * It keeps going after a problem (up to MAX_PROBLEMS) so a later, separate break is not hidden by an
 * earlier acknowledged one. Read-only: nothing is written, so the CLI can run it beside the app.
 */
import type { Db } from '../vault/db';
import { checkSignature, type Checkpoint } from './checkpoint';
import { entryHash, entryMac, evolve, GENESIS } from './entry';
import { readHead, type HeadRead } from './head';
import { VERIFY_SELECT } from './schema';

interface Row { seq: number; body: string; link: string }
const US = '\x1f';

export type ProblemKind = 'edited' | 'missing' | 'reordered' | 'truncated' | 'rewritten' | 'head-invalid' | 'checkpoint-invalid' | 'unacknowledged';

export interface ChainProblem {
  kind: ProblemKind;
  /** The first sequence number affected. */
  seq: number;
  /** Where relevant: the last affected sequence number, or the position an entry belongs at. */
  toSeq?: number;
  ja: string;
  en: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  lastSeq: number;
  headHash: string;
  problems: ChainProblem[];
  checkedAgainst: { head: 'ok' | 'absent' | 'invalid'; checkpoints: number; checkpointFile?: number };
}

export interface VerifyInput {
  db: Db;
  k1: string;
  headKey: Buffer;
  headFile?: string;
  /** An exported checkpoint (already parsed); its key must be the vault's signing key. */
  checkpoint?: Checkpoint;
}

const PAGE = 20_000;
const WINDOW = 8;
export const MAX_PROBLEMS = 50;

const KIND_JA: Record<ProblemKind, string> = {
  edited: '内容の改ざん', missing: '記録の欠落', reordered: '順序の入れ替え', truncated: '末尾の切り捨て（または古いデータベースへの置き換え）',
  rewritten: '確認点以前の書き換え', 'head-invalid': '外部ヘッド記録の不正', 'checkpoint-invalid': '確認点の不正',
  unacknowledged: '記録された破損・異常が未確認（開始画面で2名が確認してください）',
};
const KIND_EN: Record<ProblemKind, string> = {
  edited: 'entry edited', missing: 'entry missing', reordered: 'entries reordered', truncated: 'log truncated (or an older database restored)',
  rewritten: 'history rewritten before a checkpoint', 'head-invalid': 'outside head record invalid', 'checkpoint-invalid': 'checkpoint invalid',
  unacknowledged: 'a recorded break is not yet acknowledged (two people, on the start screen)',
};

export function describeProblem(kind: ProblemKind, seq: number, toSeq?: number): ChainProblem {
  const range = toSeq !== undefined && toSeq !== seq ? `${seq}〜${toSeq}` : `${seq}`;
  const rangeEn = toSeq !== undefined && toSeq !== seq ? `${seq}–${toSeq}` : `${seq}`;
  const extraJa = kind === 'reordered' && toSeq !== undefined ? `（本来は${toSeq}番）` : '';
  const extraEn = kind === 'reordered' && toSeq !== undefined ? ` (belongs at ${toSeq})` : '';
  return {
    kind, seq, ...(toSeq !== undefined && { toSeq }),
    ja: `監査記録${kind === 'reordered' ? seq : range}番：${KIND_JA[kind]}${extraJa}`,
    en: `audit entry ${kind === 'reordered' ? seq : rangeEn}: ${KIND_EN[kind]}${extraEn}`,
  };
}

export async function verifyChain(input: VerifyInput): Promise<VerifyResult> {
  const { db } = input;
  const problems: ChainProblem[] = [];
  const add = (p: ChainProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  const signPub = (await db.get<{ value: Buffer }>("SELECT value FROM audit_meta WHERE key = 'sign_pub'"))?.value;
  const stored = await db.all<{ seq: number; at: string; terminal: string; head: string; sig: Buffer }>('SELECT seq, at, terminal, head, sig FROM audit_checkpoints ORDER BY seq');
  const anchors: Array<{ seq: number; hash: string; source: 'checkpoint' | 'file' | 'head' }> = [];
  for (const c of stored) {
    const cp: Checkpoint = { format: 'countershield-audit-checkpoint/v1', seq: c.seq, headHash: c.head, at: c.at, terminal: c.terminal, publicKey: signPub?.toString('base64') ?? '', keyFingerprint: '', signature: c.sig.toString('base64') };
    if (!signPub || !checkSignature(cp)) add(describeProblem('checkpoint-invalid', c.seq));
    else anchors.push({ seq: c.seq, hash: cp.headHash, source: 'checkpoint' });
  }
  if (input.checkpoint) {
    const cp = input.checkpoint;
    const sameKey = signPub !== undefined && cp.publicKey === signPub.toString('base64');
    if (!sameKey || !checkSignature(cp)) add(describeProblem('checkpoint-invalid', cp.seq));
    else anchors.push({ seq: cp.seq, hash: cp.headHash, source: 'file' });
  }
  const head: HeadRead = input.headFile ? await readHead(input.headFile, input.headKey) : { state: 'absent' };
  if (head.state === 'ok') anchors.push({ seq: head.head.seq, hash: head.head.hash, source: 'head' });
  const wanted = new Map<number, string[]>();
  for (const a of anchors) wanted.set(a.seq, [...(wanted.get(a.seq) ?? []), a.hash]);

  let expected = 1;
  let prev = GENESIS;
  let key = input.k1;
  const recentKeys: string[] = [];
  let lastSeq = 0;
  let entries = 0;
  let prevWasBad = false;
  const seen = new Map<number, string>();

  const keyFor = (target: number): string | undefined => {
    if (target >= expected) {
      let k = key;
      for (let s = expected; s < target; s++) k = evolve(k);
      return k;
    }
    return recentKeys[recentKeys.length - (expected - target)];
  };
  /** Would this row's content verify if it sat at `seq` (with its own stored prev link)? */
  const verifiesAs = (r: Row, seq: number): boolean => {
    const k = keyFor(seq);
    if (k === undefined) return false;
    const [linkPrev, , mac] = r.link.split(US);
    const body = `${seq}${r.body.slice(r.body.indexOf(US))}`;
    return entryMac(k, entryHash(linkPrev ?? '', body)) === mac;
  };
  const step = (): void => {
    recentKeys.push(key);
    if (recentKeys.length > WINDOW) recentKeys.shift();
    key = evolve(key);
    expected++;
  };

  const readPage = (from: number) => db.all<Row>(`${VERIFY_SELECT} WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`, [from]);
  let nextPage = readPage(0);
  for (;;) {
    const page = await nextPage;
    if (page.length === 0) break;
    // sqlite reads the next page on its own thread while this one is hashed here (two cores: ~a third off).
    nextPage = readPage(page[page.length - 1]!.seq);
    nextPage.catch(() => undefined); // awaited on the next turn; this only keeps a failure from counting as unhandled meanwhile
    for (let i = 0; i < page.length; i++) {
      const r = page[i]!;
      entries++;
      if (r.seq > expected) {
        add(describeProblem('missing', expected, r.seq - 1));
        while (expected < r.seq) step();
        prevWasBad = true;
      }
      const h = typeof r.body === 'string' ? entryHash(prev, r.body) : '';
      // The whole stored link must be exactly what the writer wrote: prev, this hash, this MAC.
      const intact = typeof r.link === 'string' && r.link === `${prev}${US}${h}${US}${entryMac(key, h)}`;
      let next = h;
      if (!intact) {
        const [linkPrev, linkHash] = typeof r.link === 'string' ? r.link.split(US) : [];
        const macOverOwnLink = typeof r.body === 'string' && verifiesAs(r, r.seq);
        if (macOverOwnLink && linkPrev !== prev) {
          // Authentic entry whose link does not meet its predecessor: the predecessor was replaced.
          if (!prevWasBad) add(describeProblem('edited', Math.max(1, r.seq - 1)));
        } else {
          let belongs: number | undefined;
          for (let d = 1; d <= WINDOW && belongs === undefined && typeof r.body === 'string'; d++) {
            if (verifiesAs(r, r.seq + d)) belongs = r.seq + d;
            else if (r.seq - d >= 1 && verifiesAs(r, r.seq - d)) belongs = r.seq - d;
          }
          if (belongs === undefined) add(describeProblem('edited', r.seq));
          else if (belongs > r.seq && !(page[i + 1] && verifiesAs(page[i + 1]!, r.seq))) add(describeProblem('missing', r.seq, belongs - 1));
          else add(describeProblem('reordered', r.seq, belongs));
        }
        // Resynchronise on what is stored, so one bad entry is reported once, not as a cascade.
        next = linkHash && /^[0-9a-f]{64}$/.test(linkHash) ? linkHash : h;
        prevWasBad = true;
      } else prevWasBad = false;
      if (wanted.has(r.seq)) seen.set(r.seq, next);
      prev = next;
      lastSeq = r.seq;
      step();
    }
  }

  const anchorProblems: ChainProblem[] = [];
  for (const a of anchors.sort((x, y) => x.seq - y.seq)) {
    if (a.seq > lastSeq) anchorProblems.push(describeProblem('truncated', lastSeq + 1, a.seq));
    else if (a.seq > 0 && seen.get(a.seq) !== a.hash) anchorProblems.push(describeProblem('rewritten', a.seq));
  }
  if (head.state === 'invalid') anchorProblems.push(describeProblem('head-invalid', lastSeq));
  if (head.state === 'absent' && input.headFile && lastSeq > 0) anchorProblems.push(describeProblem('head-invalid', lastSeq));
  // One truncation is reported once, at its widest extent.
  const truncs = anchorProblems.filter((p) => p.kind === 'truncated');
  const widest = truncs.sort((a, b) => (b.toSeq ?? 0) - (a.toSeq ?? 0))[0];
  for (const p of anchorProblems) if (p.kind !== 'truncated' || p === widest) add(p);
  for (const seq of await unacknowledgedBreaks(db)) add(describeProblem('unacknowledged', seq));

  problems.sort((a, b) => a.seq - b.seq);
  return {
    ok: problems.length === 0,
    entries,
    lastSeq,
    headHash: prev,
    problems,
    checkedAgainst: { head: head.state, checkpoints: stored.length, ...(input.checkpoint && { checkpointFile: input.checkpoint.seq }) },
  };
}

/** Entries audit.chain_broken that no audit.broken_acknowledged names (see breaks.ts). */
async function unacknowledgedBreaks(db: Db): Promise<number[]> {
  const rows = await db.all<{ seq: number; action: string; detail: string }>("SELECT seq, action, detail FROM audit_log WHERE action IN ('audit.chain_broken', 'audit.broken_acknowledged') ORDER BY seq");
  const acked = new Set<number>();
  for (const r of rows) {
    if (r.action !== 'audit.broken_acknowledged') continue;
    try {
      acked.add(Number((JSON.parse(r.detail) as { breakEntry: number }).breakEntry));
    } catch {
      // An unreadable acknowledgement acknowledges nothing.
    }
  }
  return rows.filter((r) => r.action === 'audit.chain_broken' && !acked.has(r.seq)).map((r) => r.seq);
}
