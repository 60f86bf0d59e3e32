/**
 * The station's import of audit segments (SPEC F16, issue 19): each terminal's chain verified on its own, against
 * what the station last accepted from that terminal. What is wrong is named per terminal:
 *   gap         — entries between the last accepted head and this segment are missing
 *   fork        — the segment does not continue the chain the station accepted (another history)
 *   older-head  — the segment ends before the head the station already accepted (a rolled-back PC)
 *   edited      — an entry's hash, link or MAC does not verify, or the signed head does not match the entries
 *   signature   — the checkpoint is not signed by the key this terminal's first segment was signed with
 *   retired     — the terminal is retired: nothing from it is accepted
 * Accepted segments move the terminal's head; `heads()` is what the next acknowledgement publishes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSignature } from '../audit/checkpoint';
import { entryBody, entryHash, entryMac, evolve, firstKey, GENESIS, keyAt } from '../audit/entry';
import type { Vault } from '../vault/vault';
import { fleetErrors } from './errors';
import { SEGMENT_FORMAT, type Segment } from './segment';

export type SegmentProblemKind = 'gap' | 'fork' | 'older-head' | 'edited' | 'signature' | 'retired' | 'format';

const KIND_JA: Record<SegmentProblemKind, string> = {
  gap: '記録の欠落（区間の抜け）', fork: '記録の分岐（別の履歴）', 'older-head': '以前より古い状態（巻き戻しの可能性）',
  edited: '記録の改ざん', signature: '署名鍵の不一致', retired: '廃止端末からの送付', format: '形式の誤り',
};

export interface SegmentProblem { terminal: string; kind: SegmentProblemKind; seq: number; ja: string; en: string }
export interface SegmentResult { terminal: string; ok: boolean; fromSeq: number; toSeq: number; entries: number; problems: SegmentProblem[] }

interface TerminalSeen { publicKey: string; seq: number; hash: string; lastAt: string }
interface ReviewState { format: 'countershield-fleet-review/v1'; terminals: Record<string, TerminalSeen> }

const REVIEW_FILE = 'fleet-review.json';
const DAY = 86_400_000;

export class FleetReview {
  /**
   * Each terminal's evolved MAC key at the entry after its accepted head, in memory only (never in the state file:
   * a file copy must not hand out a key that forges later entries). Without it every segment re-derives its first
   * key from K_1, which for a year of daily segments is quadratic (docs/fleet.md, bench).
   */
  private readonly nextKey = new Map<string, { seq: number; key: string }>();

  private constructor(
    private readonly deps: { vault: Vault; stateDir: string; clock: () => Date },
    private state: ReviewState,
  ) {}

  static async open(deps: { vault: Vault; stateDir: string; clock: () => Date }): Promise<FleetReview> {
    const text = await readFile(join(deps.stateDir, REVIEW_FILE), 'utf8').catch(() => undefined);
    if (!text) return new FleetReview(deps, { format: 'countershield-fleet-review/v1', terminals: {} });
    const j = JSON.parse(text) as { body: string; mac: string };
    const want = macOf(deps.vault, String(j.body));
    const got = Buffer.from(String(j.mac), 'hex');
    if (got.length !== want.length || !timingSafeEqual(got, want)) throw fleetErrors.stationState('review-mac');
    return new FleetReview(deps, JSON.parse(j.body) as ReviewState);
  }

  /** The heads to acknowledge in the next manifest (FleetStation.acknowledge). */
  heads(): Record<string, { seq: number; hash: string }> {
    return Object.fromEntries(Object.entries(this.state.terminals).map(([t, s]) => [t, { seq: s.seq, hash: s.hash }]));
  }

  /** Terminals that have not sent a segment for `days` (policy), for the lead's overdue panel. */
  overdue(days: number, known: readonly string[] = []): string[] {
    const now = this.deps.clock().getTime();
    const all = new Set([...known, ...Object.keys(this.state.terminals)]);
    return [...all].filter((t) => {
      const s = this.state.terminals[t];
      return !s || now - Date.parse(s.lastAt) > days * DAY;
    }).sort();
  }

  async importSegment(text: string, retired: readonly string[] = []): Promise<SegmentResult> {
    let seg: Segment;
    try {
      seg = JSON.parse(text) as Segment;
    } catch {
      return fail('?', 0, 0, 'format', 0);
    }
    if (seg?.format !== SEGMENT_FORMAT || typeof seg.terminal !== 'string' || !Array.isArray(seg.entries) || !seg.checkpoint) return fail(String(seg?.terminal ?? '?'), 0, 0, 'format', 0);
    const t = seg.terminal;
    const result: SegmentResult = { terminal: t, ok: false, fromSeq: seg.fromSeq, toSeq: seg.toSeq, entries: seg.entries.length, problems: [] };
    const add = (kind: SegmentProblemKind, seq: number) => result.problems.push(problem(t, kind, seq));
    if (retired.includes(t)) {
      add('retired', seg.fromSeq);
      return result;
    }
    const seen = this.state.terminals[t];
    const cp = seg.checkpoint;
    if (!checkSignature(cp) || cp.terminal !== t || (seen && seen.publicKey !== cp.publicKey)) add('signature', seg.toSeq);

    // The chain inside the segment: links, hashes, MACs (the lineage's audit key), the signed head.
    const cached = this.nextKey.get(t);
    let key = cached?.seq === seg.fromSeq ? cached.key : keyAt(firstKey(this.deps.vault.serviceKey('audit-mac')), seg.fromSeq);
    let prev = seg.prevHash;
    let expected = seg.fromSeq;
    for (const r of seg.entries) {
      if (r.seq !== expected) {
        add(r.seq > expected ? 'gap' : 'edited', expected);
        break;
      }
      const h = entryHash(prev, entryBody(r.seq, r));
      if (r.prev !== prev || r.hash !== h || r.mac !== entryMac(key, h)) {
        add('edited', r.seq);
        break;
      }
      prev = h;
      key = evolve(key);
      expected++;
    }
    if (cp.seq !== seg.toSeq || cp.headHash !== prev || expected - 1 !== seg.toSeq) {
      if (!result.problems.some((p) => p.kind === 'edited' || p.kind === 'gap')) add('edited', seg.toSeq);
    }

    // Against what the station already accepted from this terminal.
    if (seen) {
      if (seg.toSeq < seen.seq) add('older-head', seg.toSeq);
      else if (seg.fromSeq > seen.seq + 1) add('gap', seen.seq + 1);
      else if (seg.fromSeq === seen.seq + 1 && seg.prevHash !== seen.hash) add('fork', seg.fromSeq);
      else if (seg.fromSeq <= seen.seq) {
        const at = seg.entries.find((e) => e.seq === seen.seq);
        if (!at || at.hash !== seen.hash) add('fork', seen.seq);
      }
    } else if (seg.fromSeq !== 1 || seg.prevHash !== GENESIS) add('gap', 1);

    result.ok = result.problems.length === 0;
    if (result.ok) {
      this.nextKey.set(t, { seq: seg.toSeq + 1, key });
      this.state.terminals[t] = { publicKey: cp.publicKey, seq: seg.toSeq, hash: prev, lastAt: this.deps.clock().toISOString() };
      await this.save();
    }
    return result;
  }

  private async save(): Promise<void> {
    await mkdir(this.deps.stateDir, { recursive: true });
    const body = JSON.stringify(this.state);
    const file = join(this.deps.stateDir, REVIEW_FILE);
    await writeFile(`${file}.tmp`, JSON.stringify({ body, mac: macOf(this.deps.vault, body).toString('hex') }), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }
}

const macOf = (vault: Vault, body: string) => createHmac('sha256', vault.serviceKey('fleet-review-state')).update(body).digest();

function problem(terminal: string, kind: SegmentProblemKind, seq: number): SegmentProblem {
  return { terminal, kind, seq, ja: `端末 ${terminal} の監査記録 ${seq}番：${KIND_JA[kind]}`, en: `terminal ${terminal}, audit entry ${seq}: ${kind}` };
}

function fail(terminal: string, fromSeq: number, toSeq: number, kind: SegmentProblemKind, seq: number): SegmentResult {
  return { terminal, ok: false, fromSeq, toSeq, entries: 0, problems: [problem(terminal, kind, seq)] };
}
