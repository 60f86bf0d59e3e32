/**
 * A policy IT prepares once, centrally (issue 17): at the station an administrator pair signs a draft, and the
 * signed file is accepted by every terminal of the same vault lineage, so IT places one file on each PC instead
 * of approving PC by PC. Why it is accepted everywhere: a policy file's MAC is keyed from the vault's data key
 * (policy-mac service key), and every terminal of a lineage opens the one data key (FLEET.md, "Lineage"); its
 * revision is above each terminal's ratchet, which the loader then raises. A terminal of another municipality
 * (another data key) reads it as tampered and keeps the strict defaults (fail closed).
 * The station's own ratchet is not raised: the file is not in force at the station until IT places it there too.
 */
import { writeFile } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { CameraPolicySchema, tightenToDefaults } from '../../../shared/policy/cameraPolicy';
import { canonicalJson, policyHash, policyRevisionStore, POLICY_FILE_FORMAT, signPolicyFile, type PolicyFile } from '../policy';
import { withAdmin, type AdminEnv } from './access';
import { requireAdminPair } from './auth';
import { checkNewOutput, readInputFile } from './files';
import { effectivePolicyOf } from './policyState';
import type { AdminPeople } from './tasks';

const invalid = (where: string) =>
  new AppError({
    code: 'E_ADMIN_POLICY_INVALID',
    ja: `ポリシーの下書きに誤りがあります（${where}）。IT 向け手引き「撮影防止ポリシー」の項目と範囲を確認して直してください。何も署名していません。`,
    en: `The policy draft is not valid (${where}). Check the fields and ranges in the IT guide. Nothing was signed.`,
    detail: { where },
  });

/** The draft: a bare policy object, or a policy file whose `policy` is taken (its old approval is not). */
export function parseDraft(text: string): ReturnType<typeof CameraPolicySchema.parse> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw invalid('JSON');
  }
  const body = json !== null && typeof json === 'object' && 'format' in json && 'policy' in json ? (json as { policy: unknown }).policy : json;
  const r = CameraPolicySchema.safeParse(body);
  if (!r.success) throw invalid(r.error.issues.map((i) => i.path.join('.') || '(全体)').join(', '));
  // The schema keeps the loosest a file may be; a draft that tightening would change is refused, not silently fixed.
  if (canonicalJson(tightenToDefaults(r.data)) !== canonicalJson(r.data)) throw invalid('maskedFields');
  return r.data;
}

export async function policySignTask(env: AdminEnv, people: AdminPeople, opts: { draftFile: string; outFile: string }): Promise<{ revision: number; policyHash: string; file: PolicyFile }> {
  const policy = parseDraft((await readInputFile(opts.draftFile)).toString('utf8'));
  await checkNewOutput(opts.outFile);
  return withAdmin(env, async (h) => {
    const [a, b] = await requireAdminPair(h.staff, people.first, people.second, 'admin-policy-sign', 'ポリシーの署名');
    const key = h.vault.serviceKey('policy-mac');
    const ratchet = await policyRevisionStore(h.vault.database, key);
    const inForce = await effectivePolicyOf(h.vault, env.policyPath);
    const revision = Math.max(await ratchet.last().catch(() => 0), inForce.revision) + 1;
    const hash = policyHash(policy);
    const file = signPolicyFile(key, {
      format: POLICY_FILE_FORMAT, policy,
      approval: { revision, policyHash: hash, proposedBy: a.staffId, approvedBy: b.staffId, approvedAt: env.clock().toISOString() },
    });
    await writeFile(opts.outFile, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx' });
    await h.chain.append({ action: 'admin.policy_signed', actors: [a.staffId, b.staffId], detail: { revision, policyHash: hash } });
    return { revision, policyHash: hash, file };
  });
}
