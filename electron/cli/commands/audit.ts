/**
 * `audit verify --data DIR --recovery FILE [--checkpoint FILE]` and
 * `audit checkpoint --data DIR --recovery FILE --out FILE [--accept-broken]` (SPEC F10, issue 8).
 * verify is read-only (it never appends, so it can run beside the app); exit 0 intact, 4 broken — the first
 * bad entry is named on stderr in Japanese then English. checkpoint signs the current head, writes the JSON
 * for safekeeping off the PC (never overwriting) and prints the paper form to stdout.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { findClockRegressions, openVerifier, parseCheckpoint, printableCheckpoint, type ClockFindings, type VerifyResult } from '../../core/audit';
import { checkOutputFolder, guarded, parseArgs, printError, readInput, readRecoveryKey, usageError, refuseExistingOutput, withVault, dataDirOf } from '../args';
import { appendCliAudit, CLI_ACTOR, openCliChain } from '../listAudit';

export const summary = '監査記録の検証と確認点 / verify the audit log, export a checkpoint';
export const usage = 'audit verify [--data DIR] --recovery FILE [--checkpoint FILE] | audit checkpoint [--data DIR] --recovery FILE --out FILE [--accept-broken]';
export const EXIT_BROKEN = 4;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify' && sub !== 'checkpoint') {
    printError(usageError(usage, 'サブコマンドを指定してください / give a subcommand: verify, checkpoint').toInfo());
    return 2;
  }
  return guarded(() => (sub === 'verify' ? verify(rest) : checkpoint(rest)));
}

function reportBroken(r: VerifyResult): number {
  const first = r.problems[0]!;
  process.stderr.write(`エラー [E_AUDIT_CHAIN_BROKEN]: ${first.ja}（検出${r.problems.length}件）\n`);
  process.stderr.write(`Error [E_AUDIT_CHAIN_BROKEN]: ${first.en} (${r.problems.length} problem(s) found)\n`);
  for (const p of r.problems.slice(1, 10)) process.stderr.write(`  ${p.ja} / ${p.en}\n`);
  process.stdout.write(`${JSON.stringify({ ok: false, entries: r.entries, lastSeq: r.lastSeq, firstBad: { kind: first.kind, seq: first.seq, ...(first.toSeq !== undefined && { toSeq: first.toSeq }) }, problems: r.problems.length })}\n`);
  return EXIT_BROKEN;
}

/**
 * A clock set back is not tampering (the chain still verifies) but the times of those entries cannot be
 * trusted, and the review's office-hours rule reads them: said on stderr, counted in the JSON.
 */
function reportClock(c: ClockFindings): void {
  if (c.entriesBackwards === 0 && c.checkpointsBackwards === 0) return;
  process.stderr.write(`警告 [W_AUDIT_CLOCK_BACKWARDS]: PC の時計が巻き戻った記録があります（${c.firstSeq ?? '-'}番から、前の記録より前の日時${c.entriesBackwards}件、確認点${c.checkpointsBackwards}件）。OS の時刻設定を確認してください。\n`);
  process.stderr.write(`Warning [W_AUDIT_CLOCK_BACKWARDS]: the PC clock went backwards (from entry ${c.firstSeq ?? '-'}: ${c.entriesBackwards} entr(ies) dated before an earlier one, ${c.checkpointsBackwards} checkpoint(s)). Check the OS clock.\n`);
}

async function verify(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['data', 'recovery', 'checkpoint'], required: ['recovery'], usage });
  const cpFile = a.values.get('checkpoint');
  const checkpoint = cpFile ? parseCheckpoint((await readInput(cpFile, '確認点ファイル')).toString('utf8')) : undefined;
  const dataDir = (await dataDirOf(a));
  return withVault({ dataDir }, await readRecoveryKey(a.values.get('recovery')!), async (vault) => {
    const r = await openVerifier(vault, dataDir).verify(checkpoint ? { checkpoint } : {});
    const clock = await findClockRegressions(vault.database);
    reportClock(clock);
    if (!r.ok) return reportBroken(r);
    process.stderr.write(`監査記録は改ざんされていません（${r.entries}件、最終${r.lastSeq}番）。\nThe audit log is intact (${r.entries} entries, last ${r.lastSeq}).\n`);
    process.stdout.write(`${JSON.stringify({ ok: true, entries: r.entries, lastSeq: r.lastSeq, headHash: r.headHash, checkedAgainst: r.checkedAgainst, clockBackwards: clock.entriesBackwards + clock.checkpointsBackwards })}\n`);
    return 0;
  });
}

async function checkpoint(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['data', 'recovery', 'out'], flags: ['accept-broken'], required: ['recovery', 'out'], usage });
  const out = a.values.get('out')!;
  await checkOutputFolder(out);
  await refuseExistingOutput(out);
  const dataDir = (await dataDirOf(a));
  return withVault({ dataDir }, await readRecoveryKey(a.values.get('recovery')!), async (vault) => {
    // Signing the head of a tampered log would lend it credibility: refuse unless IT says it has seen the break.
    const r = await openVerifier(vault, dataDir).verify();
    if (!r.ok && !a.flags.has('accept-broken')) {
      await appendCliAudit(vault, dataDir, [{ action: 'audit.refused', actors: [CLI_ACTOR], detail: { code: 'E_AUDIT_CHAIN_BROKEN', op: 'checkpoint' } }]);
      return reportBroken(r);
    }
    const chain = await openCliChain(vault, dataDir);
    try {
      const cp = await chain.checkpoint();
      // Issue 14: which head was signed, and whether IT signed it over a known break.
      await chain.append({ action: 'audit.checkpoint_exported', actors: [CLI_ACTOR], detail: { seq: cp.seq, acceptedBroken: !r.ok } });
      await writeFile(out, `${JSON.stringify(cp, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      process.stdout.write(printableCheckpoint(cp));
      // Read back what was written: the file a lead carries away must parse and verify.
      parseCheckpoint(await readFile(out, 'utf8'));
    } finally {
      await chain.close();
    }
    return 0;
  });
}
