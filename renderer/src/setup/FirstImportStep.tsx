import { useState, type FormEvent } from 'react';
import { usePolledProgress } from '../app/usePolledProgress';
import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '../../../shared/ipc/setup';
import { useNav } from '../app/nav';
import { ActionButton } from '../ui/Field';
import { formatCount } from '../ui/format';
import { Field } from './AdminsStep';
import { useSetupStore } from './setupStore';


/** Step 4: choose the file (main reads it), review the plan, commit with an administrator PIN, with progress. */
export function FirstImportStep() {
  const { t } = useTranslation();
  const { call, busy, status } = useSetupStore();
  const go = useNav((s) => s.go);
  const [file, setFile] = useState<{ token: string; name: string; size: number } | null>(null);
  const [plan, setPlan] = useState<ImportOutcome | null>(null);
  const [done, setDone] = useState<ImportOutcome | null>(null);
  const [who, setWho] = useState({ staffId: '', pin: '' });
  const [committing, setCommitting] = useState(false);
  const progress = usePolledProgress(committing, 'setup:importProgress');

  const choose = async () => {
    const r = await call('setup:chooseList', {});
    if (r?.file) {
      setFile(r.file);
      setPlan(null);
    }
  };
  const review = async () => {
    if (file) setPlan(await call('setup:importDryRun', { token: file.token }));
  };
  const commit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || !plan?.summary) return;
    setCommitting(true);
    const r = await call('setup:importCommit', { token: file.token, planHash: plan.summary.planHash, ...who });
    setCommitting(false);
    setWho((w) => ({ ...w, pin: '' }));
    if (r) (r.outcome.ok ? setDone : setPlan)(r.outcome);
  };

  if (status?.stage === 'complete') {
    return (
      <div className="setup-done" data-testid="setup-done">
        <p className="setup-ok" role="status">{t('setup.import.done', { n: formatCount(done?.summary?.total ?? 0) })}</p>
        <button type="button" className="btn" onClick={() => go('start')}>{t('setup.import.toStart')}</button>
      </div>
    );
  }
  return (
    <div className="setup-import" data-testid="setup-import">
      <p>{t('setup.import.lead')}</p>
      <div className="setup-row">
        <button type="button" className="btn btn-secondary" onClick={() => void choose()} disabled={busy} data-testid="import-choose">{t('setup.import.choose')}</button>
        {file && <span data-testid="import-file">{t('setup.import.chosen', { name: file.name, size: formatCount(file.size) })}</span>}
      </div>
      {/* Once the plan is shown, committing it is the one primary action; reviewing again steps back. */}
      {file && <button type="button" className={plan ? 'btn btn-secondary' : 'btn'} onClick={() => void review()} disabled={busy} data-testid="import-dry-run">{t('setup.import.dryRun')}</button>}
      {plan && <PlanView plan={plan} />}
      {plan?.ok && plan.summary && (
        <form className="setup-form setup-commit" onSubmit={(e) => void commit(e)}>
          <h3>{t('setup.import.confirmWho')}</h3>
          <div className="setup-row">
            <Field id="import-staff" label={t('setup.enrol.staffId')} value={who.staffId} onChange={(v) => setWho((w) => ({ ...w, staffId: v }))} />
            <Field id="import-pin" label={t('setup.enrol.pin')} value={who.pin} onChange={(v) => setWho((w) => ({ ...w, pin: v }))} secret />
          </div>
          <ActionButton type="submit" id="import-commit" disabled={busy || !who.staffId || !who.pin} disabledReason={busy ? undefined : t('setup.import.commitDisabled')} data-testid="import-commit">{t('setup.import.commit')}</ActionButton>
        </form>
      )}
      {progress && (
        <div className="setup-progress" data-testid="import-progress">
          <label htmlFor="import-progress-bar">{t('setup.import.progressLabel')}: {t(`setup.import.progress.${progress.phase}`)} {formatCount(progress.done)} / {formatCount(progress.total)}</label>
          <progress id="import-progress-bar" max={Math.max(progress.total, 1)} value={progress.done} />
        </div>
      )}
    </div>
  );
}

function PlanView({ plan }: { plan: ImportOutcome }) {
  const { t } = useTranslation();
  const s = plan.summary;
  return (
    <section className="setup-plan" aria-labelledby="plan-title" data-testid="import-plan">
      <h3 id="plan-title">{t('setup.import.summary')}</h3>
      {s && (
        <dl className="facts setup-facts">
          {(['total', 'added', 'changed', 'removed', 'shortened', 'unchanged'] as const).map((k) => (
            <div key={k} className={(k === 'removed' || k === 'shortened') && s[k] > 0 ? 'is-bad' : undefined}>
              <dt>{t(`setup.import.${k}`)}</dt><dd data-testid={`plan-${k}`}>{t('setup.import.persons', { n: formatCount(s[k]) })}</dd>
            </div>
          ))}
        </dl>
      )}
      {!plan.ok && plan.issues.length > 0 && (
        <>
          <h4>{t('setup.import.issues')}</h4>
          <ul className="setup-issues">{plan.issues.slice(0, 20).map((i, n) => <IssueLine key={n} issue={i} />)}</ul>
        </>
      )}
    </section>
  );
}

function IssueLine({ issue }: { issue: ImportOutcome['issues'][number] }) {
  const { t, i18n } = useTranslation();
  return <li>{i18n.language === 'en' ? issue.en : issue.ja} <small className="code">{t('common.code', { code: issue.code })}</small></li>;
}
