/**
 * `init --data DIR --recovery-out FILE`: creates an empty vault and writes the recovery key (mode 0600).
 * The key file is created first, exclusively, so a vault is never left without its only way back in.
 */
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { Vault } from '../../core/vault/vault';
import { checkDataFolder, checkOutputFolder, guarded, parseArgs, dataDirOf } from '../args';

export const summary = '保管庫を新規作成し回復キーを書き出す / create a vault and write its recovery key';
export const usage = 'init [--data DIR] --recovery-out FILE';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, { values: ['data', 'recovery-out'], required: ['recovery-out'], usage });
    const out = a.values.get('recovery-out')!;
    const dataDir = (await dataDirOf(a));
    // Checked before the key file is created: a bad --data must not leave an empty key file behind.
    await checkDataFolder(dataDir, { mayBeMissing: true });
    await checkOutputFolder(out);
    let fd: number;
    try {
      fd = openSync(out, 'wx', 0o600);
    } catch {
      throw new AppError({
        code: 'E_CLI_RECOVERY_OUT',
        ja: '回復キーの出力先を作成できません（既に存在するか、書き込めません）。既存のファイルは上書きしません。',
        en: 'Cannot create the recovery key file (it exists or is not writable). Existing files are never overwritten.',
      });
    }
    try {
      const { vault, recoveryKey } = await Vault.create({ dataDir });
      await vault.close();
      const text = `# 窓口シールド 回復キー / CounterShield recovery key\n# 印刷して金庫に保管し、このファイルは安全に削除してください。\n# Print it, lock it away, then delete this file securely.\n${recoveryKey}\n`;
      writeSync(fd, text);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      unlinkSync(out);
      throw e;
    }
    closeSync(fd);
    process.stderr.write(`保管庫を作成しました。回復キーは ${out} にあります。\nVault created. The recovery key is in ${out}.\n`);
    process.stdout.write(`${JSON.stringify({ created: true })}\n`);
    return 0;
  });
}
