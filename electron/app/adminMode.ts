/**
 * `CounterShield.exe --admin <task> [--json] [--out FILE] …` (issue 17): IT's scripted administration from the
 * installed executable, with no Node on the PC. Handled before any window, any single-instance lock and any
 * session: it opens the vault through this OS account's key slot (safeStorage → DPAPI), runs one task from
 * electron/core/admin, writes the report and exits with the code of the table in docs/IT.md.
 *
 * Where the report goes, and why both ways exist: on Windows the app is a GUI-subsystem program. Started from
 * cmd.exe it gets no console of its own and cmd does not wait for it; Electron attaches stdout/stderr to the
 * parent's console when there is one (AttachConsole), but text then lands after cmd's next prompt, and nothing
 * reaches a scheduled task at all. So `--out FILE` is the dependable route (the report is written there, UTF-8
 * with BOM so Notepad and PowerShell read the Japanese); without it the report goes to stdout, which arrives
 * whole whenever the caller redirected or piped it (PowerShell `| Out-File`, `Start-Process -Wait
 * -RedirectStandardOutput`, cmd `> file`), and PowerShell then also waits for the exit code.
 * PINs are read from stdin, one per line — never from arguments, which any process on the PC can list. A GUI
 * program cannot read an interactive console's keyboard (Electron cannot route stdin to the parent console),
 * so IT reads them with PowerShell's masked `Read-Host` and pipes them in (docs/IT.md shows the lines).
 */
import { app, safeStorage } from 'electron';
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { runAdminCommand, ADMIN_EXIT, type AdminIo } from '../core/admin';
import { accountSlotId, platformAccount } from '../core/machine/account';
import { machineDataDir } from '../core/machine/dataDir';
import { platformMachineId, terminalIdOf } from '../core/machine/identity';
import { defaultPolicyPath } from '../core/policy';
import { createSafeStorageProtector } from '../platform/keyProtector';
import { htmlToPdf } from '../platform/pdf';

/** The arguments after `--admin`, or null when this launch is the ordinary app. */
export function adminArgs(argv: readonly string[]): string[] | null {
  const i = argv.indexOf('--admin');
  return i < 0 ? null : argv.slice(i + 1);
}

/** Lines of stdin, read on demand; '' once the input has ended (no PIN piped in). */
function stdinLines(): AdminIo['readSecret'] {
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let ended = false;
  let buffer = '';
  let started = false;
  const deliver = (): void => {
    while (waiting.length && (lines.length || ended)) waiting.shift()!(lines.shift() ?? '');
  };
  return (prompt) => {
    process.stderr.write(prompt);
    if (!started) {
      started = true;
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split(/\r?\n/);
        buffer = parts.pop() ?? '';
        lines.push(...parts.map((l) => l.trim()));
        deliver();
      });
      process.stdin.on('end', () => {
        if (buffer) lines.push(buffer.trim());
        ended = true;
        deliver();
      });
      process.stdin.on('error', () => {
        ended = true;
        deliver();
      });
    }
    return new Promise<string>((resolve) => {
      waiting.push(resolve);
      deliver();
    }).finally(() => process.stderr.write('\n'));
  };
}

export function runAdminMode(args: string[]): void {
  void app.whenReady().then(async () => {
    // The same machine-wide data folder, terminal id and account slot the app itself opens (electron/app/main.ts).
    const policyPath = defaultPolicyPath(process.platform, process.env, { allowEnvOverride: !app.isPackaged });
    const dataDir = await machineDataDir({ platform: process.platform, env: process.env, policyPath, allowEnvOverride: !app.isPackaged });
    const run = await runAdminCommand(args, {
      dataDir,
      access: { kind: 'slot', protector: createSafeStorageProtector(safeStorage, process.platform) },
      // Derived from the PC, never written: an admin task on a PC without a vault only reports that.
      terminalId: terminalIdOf(await platformMachineId(process.platform).read()),
      accountSlot: accountSlotId(await platformAccount(process.platform, userInfo()).read()),
      appVersion: app.getVersion(),
      clock: () => new Date(),
      policyPath,
    }, { readSecret: stdinLines(), platform: process.platform, renderPdf: htmlToPdf });
    if (run.out) {
      const written = await writeFile(run.out, `\uFEFF${run.output}`, 'utf8').then(() => true, () => false);
      if (!written) {
        process.stderr.write(`エラー [E_ADMIN_OUT_UNWRITABLE]: 結果を ${run.out} に書けません。フォルダーと権限を確認してください。\n`);
        return app.exit(ADMIN_EXIT.refused);
      }
    }
    process.stdout.write(run.out ? '' : run.output, () => app.exit(run.code));
  }).catch(() => {
    process.stderr.write('エラー [E_INTERNAL]: 管理作業を実行できませんでした。何も変更していません。\n');
    app.exit(ADMIN_EXIT.refused);
  });
}
