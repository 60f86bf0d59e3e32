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
 * 「リストの書き出し（バンドル）」: an administrator's PIN plus the recovery key, because only the recovery key opens
 * the sealed fields and derives the signing key (electron/core/bundle). Main saves the file; the key is cleared here
 * as soon as the call returns, whatever the outcome.
 */
export function BundleExportScreen() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const { call, busy, error } = useListCall();
  const [who, setWho] = useState({ staffId: '', pin: '' });
  const [key, setKey] = useState('');
  const [result, setResult] = useState<{ saved: boolean; location: string; persons: number } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const r = await call('list:exportBundle', { first: who, recoveryKey: key });
    setKey('');
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
      <p className="list-why" id="list-why-key">{t('list.export.whyKey')}</p>
      <form className="setup-form" onSubmit={(e) => void submit(e)}>
        <fieldset className="setup-admin">
          <legend>{t('list.export.admin')}</legend>
          <div className="setup-row">
            <Field id="export-staff" label={t('list.export.staffId')} value={who.staffId} onChange={(v) => setWho((w) => ({ ...w, staffId: v }))} />
            <Field id="export-pin" label={t('list.export.pin')} value={who.pin} onChange={(v) => setWho((w) => ({ ...w, pin: v }))} secret />
          </div>
          <Field id="export-key" label={t('list.export.key')} value={key} onChange={setKey} hint={t('list.export.keyHint')} />
        </fieldset>
        <ActionButton type="submit" id="export-submit" disabled={busy || !who.staffId || !who.pin || !key} disabledReason={busy ? undefined : t('list.export.disabled')} data-testid="export-submit">
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
