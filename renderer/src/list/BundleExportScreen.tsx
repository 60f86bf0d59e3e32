import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import { ActionButton } from '../ui/Field';
import { formatCount } from '../ui/format';
import { Field } from '../setup/AdminsStep';
import { SetupError } from '../setup/SetupError';
import { useListCall } from './listCall';
import './strings';
import './list.css';

/**
 * 「リストの書き出し（バンドル）」 (issue 17): an administrator's PIN, and a lead's for the sealed fields when the
 * administrator is not a lead; no recovery key — main signs with the vault's stored signer (electron/core/bundle).
 * Main saves the file; both PINs are cleared here as soon as the call returns, whatever the outcome.
 */
export function BundleExportScreen() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const { call, busy, error } = useListCall();
  const [who, setWho] = useState({ staffId: '', pin: '' });
  const [lead, setLead] = useState({ staffId: '', pin: '' });
  const [result, setResult] = useState<{ saved: boolean; location: string; persons: number } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const second = lead.staffId.trim() && lead.pin ? { staffId: lead.staffId.trim(), pin: lead.pin } : undefined;
    const r = await call('list:exportBundle', { first: who, ...(second && { second }) });
    setLead((l) => ({ ...l, pin: '' }));
    setWho((w) => ({ ...w, pin: '' }));
    if (r) setResult(r);
  };

  return (
    <section className="panel list-screen" aria-labelledby="list-export-title" data-testid="list-export">
      <div className="list-head">
        <h2 id="list-export-title">{t('list.export.title')}</h2>
        <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('list.back')}</button>
      </div>
      <p>{t('list.export.lead')}</p>
      <p className="list-why" id="list-why-key">{t('list.export.whyLead')}</p>
      <form className="setup-form" onSubmit={(e) => void submit(e)}>
        <fieldset className="setup-admin">
          <legend>{t('list.export.admin')}</legend>
          <div className="setup-row">
            <Field id="export-staff" label={t('list.export.staffId')} value={who.staffId} onChange={(v) => setWho((w) => ({ ...w, staffId: v }))} />
            <Field id="export-pin" label={t('list.export.pin')} value={who.pin} onChange={(v) => setWho((w) => ({ ...w, pin: v }))} secret />
          </div>
        </fieldset>
        <fieldset className="setup-admin">
          <legend>{t('list.export.leadPerson')}</legend>
          <p className="muted">{t('list.export.leadPersonHint')}</p>
          <div className="setup-row">
            <Field id="export-lead-staff" label={t('list.export.staffId')} value={lead.staffId} onChange={(v) => setLead((l) => ({ ...l, staffId: v }))} required={false} />
            <Field id="export-lead-pin" label={t('list.export.pin')} value={lead.pin} onChange={(v) => setLead((l) => ({ ...l, pin: v }))} secret required={false} />
          </div>
        </fieldset>
        <ActionButton type="submit" id="export-submit" disabled={busy || !who.staffId || !who.pin} disabledReason={busy ? undefined : t('list.export.disabled')} data-testid="export-submit">
          {busy ? t('list.export.working') : t('list.export.submit')}
        </ActionButton>
      </form>
      <SetupError error={error} />
      {result && (
        <p className={result.saved ? 'setup-ok' : 'muted'} role="status" data-testid="export-result">
          {result.saved ? t('list.export.saved', { n: formatCount(result.persons), location: result.location }) : t('list.export.cancelled')}
        </p>
      )}
    </section>
  );
}
