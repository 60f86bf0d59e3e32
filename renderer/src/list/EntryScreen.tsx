import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryChangeInput, EntryProposalView } from '../../../shared/ipc/list';
import { useNav } from '../app/nav';
import { DateField } from '../ui/DateField';
import { ActionButton, Field } from '../ui/Field';
import { formatDate, formatDateTime } from '../ui/format';
import { SetupError } from '../setup/SetupError';
import { useEntryPreset, type EntryKind } from './entryPreset';
import { useListCall } from './listCall';
import './strings';
import './list.css';

const KINDS: EntryKind[] = ['add', 'edit', 'extend', 'end'];
const REASONS: Record<EntryKind, string[]> = {
  add: ['counter-application', 'not-yet-exported', 'other'],
  edit: ['correction', 'other'],
  extend: ['extension-applied'],
  end: ['withdrawn', 'measure-ended', 'entered-in-error', 'other'],
};
/** The form's fields in the order a clerk reads an application; the 相手方 last (lead only). */
const PERSON_FIELDS = ['name', 'kana', 'dob', 'address', 'katagaki', 'honseki', 'atenaNo', 'formerSurnames', 'kind', 'state', 'startDate', 'endDate', 'aitekata1Name', 'aitekata1Kana', 'aitekata1Dob', 'note'] as const;
type PersonField = (typeof PERSON_FIELDS)[number];
const REQUIRED_ON_ADD = new Set<PersonField>(['name', 'dob', 'address', 'startDate']);
const DATES = new Set<PersonField>(['dob', 'startDate', 'endDate', 'aitekata1Dob']);
/** The field labels main's problems use (the 住基 column names), to put each problem under its field. */
const COLUMN: Record<string, string> = {
  '管理番号': 'id', '宛名番号': 'atenaNo', '氏名': 'name', '氏名カナ': 'kana', '旧氏': 'formerSurnames', '生年月日': 'dob', '性別': 'sex', '住所': 'address', '方書': 'katagaki',
  '本籍': 'honseki', '措置区分': 'kind', '措置状態': 'state', '開始日': 'startDate', '終了日': 'endDate', '備考': 'note', '相手方1氏名': 'aitekata1Name', '相手方1カナ': 'aitekata1Kana', '相手方1生年月日': 'aitekata1Dob',
};
const EMPTY = { staffId: '', pin: '' };

/**
 * 「保護リストの手入力」(SPEC F8, issue 22): one lead or administrator proposes, a second confirms exactly that
 * proposal with their own PIN. Nothing typed comes back from main: the confirmer reads the form on this screen
 * and main answers with the 管理番号, the end date and the names of the fields that change.
 */
export function EntryScreen() {
  const { t, i18n } = useTranslation();
  const go = useNav((s) => s.go);
  const preset = useEntryPreset();
  const { call, busy, error, setError } = useListCall();
  const [kind, setKind] = useState<EntryKind>(preset.kind);
  const [id, setId] = useState(preset.id);
  const [fields, setFields] = useState<Partial<Record<PersonField, string>>>({ state: '仮支援措置' });
  const [reason, setReason] = useState('');
  const [proposer, setProposer] = useState(EMPTY);
  const [confirmer, setConfirmer] = useState(EMPTY);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [proposal, setProposal] = useState<EntryProposalView | null>(null);
  const [done, setDone] = useState<{ kind: EntryKind; id: string; end?: string } | null>(null);

  const reset = () => {
    setProposal(null);
    setDone(null);
    setProblems({});
    setFields({ state: '仮支援措置' });
    setReason('');
    setId('');
    setProposer(EMPTY);
    setConfirmer(EMPTY);
    preset.set('add', '');
  };
  const change = (): EntryChangeInput => {
    const typed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v && (kind === 'add' || k !== 'state' || v !== '仮支援措置')));
    if (kind === 'add') return { kind, fields: { ...typed, ...(id.trim() && { id: id.trim() }) }, reason };
    if (kind === 'edit') return { kind, id: id.trim(), fields: typed, reason };
    return { kind, id: id.trim(), reason };
  };
  const propose = async (e: FormEvent) => {
    e.preventDefault();
    setProblems({});
    const r = await call('list:entryPropose', { change: change(), proposer });
    setProposer((p) => ({ ...p, pin: '' }));
    if (!r) return;
    if (r.ok && r.proposal) setProposal(r.proposal);
    else {
      setProblems(Object.fromEntries(r.problems.map((p) => [COLUMN[p.field] ?? p.field, i18n.language === 'en' ? p.en : p.ja])));
      if (r.error) setError(r.error);
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!proposal) return;
    const r = await call('list:entryConfirm', { proposalId: proposal.proposalId, changeHash: proposal.changeHash, confirmer });
    setConfirmer((p) => ({ ...p, pin: '' }));
    if (r) setDone({ kind: r.kind, id: r.recordId, ...(r.endDate && { end: r.endDate }) });
  };
  const cancel = async () => {
    if (proposal) await call('list:entryCancel', { proposalId: proposal.proposalId });
    setProposal(null);
  };
  const withPerson = kind === 'add' || kind === 'edit';
  const locked = proposal !== null;

  return (
    <section className="panel list-screen" aria-labelledby="entries-title" data-testid="list-entries">
      <div className="list-head">
        <h2 id="entries-title">{t('list.entries.title')}</h2>
        <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('list.back')}</button>
      </div>
      {done ? (
        <div data-testid="entry-done">
          <p className="setup-ok" role="status">{t(`list.entries.done.${done.kind}`, { id: done.id, end: done.end ? formatDate(done.end, i18n.language) : '' })}</p>
          <button type="button" className="btn" onClick={reset}>{t('list.entries.another')}</button>
        </div>
      ) : (
        <>
          <p>{t('list.entries.lead')}</p>
          <form className="setup-form" onSubmit={(e) => void propose(e)}>
            <fieldset className="entry-kinds" disabled={locked}>
              <legend>{t('list.entries.kindLegend')}</legend>
              {KINDS.map((k) => (
                <label key={k} className="entry-kind">
                  <input type="radio" name="entry-kind" value={k} checked={kind === k} onChange={() => { setKind(k); setReason(''); setProblems({}); }} data-testid={`entry-kind-${k}`} />
                  {t(`list.entries.kind.${k}`)}
                </label>
              ))}
            </fieldset>
            <fieldset className="entry-grid" disabled={locked}>
              <Field id="entry-id" label={t('list.entries.recordId')} required={kind !== 'add'} hint={kind === 'add' ? t('list.entries.recordIdAddHint') : kind === 'edit' ? t('list.entries.editHint') : undefined} error={problems.id ?? null}>
                {(c) => <input {...c} value={id} onChange={(e) => setId(e.target.value)} autoComplete="off" />}
              </Field>
              {withPerson && PERSON_FIELDS.map((f) => DATES.has(f) ? (
                <DateField key={f} id={`entry-${f}`} label={t(`list.entries.fields.${f}`)} required={kind === 'add' && REQUIRED_ON_ADD.has(f)} hint={t('list.entries.dateHint')} error={problems[f] ?? null}
                  value={fields[f] ?? ''} onChange={(v) => setFields({ ...fields, [f]: v })} />
              ) : (
                <Field key={f} id={`entry-${f}`} label={t(`list.entries.fields.${f}`)} required={kind === 'add' && REQUIRED_ON_ADD.has(f)} error={problems[f] ?? null}>
                  {(c) => f === 'state' ? (
                    <select {...c} value={fields.state ?? ''} onChange={(e) => setFields({ ...fields, state: e.target.value })}>
                      {kind === 'edit' && <option value="">—</option>}
                      <option value="仮支援措置">仮支援措置</option>
                      <option value="本措置">本措置</option>
                    </select>
                  ) : f === 'kind' ? (
                    <select {...c} value={fields.kind ?? ''} onChange={(e) => setFields({ ...fields, kind: e.target.value })}>
                      <option value="">—</option>
                      {['DV', 'ストーカー', '児童虐待', 'その他'].map((k) => <option key={k} value={k}>{k}</option>)}
                    </select>
                  ) : (
                    <input {...c} value={fields[f] ?? ''} onChange={(e) => setFields({ ...fields, [f]: e.target.value })} autoComplete="off" />
                  )}
                </Field>
              ))}
              <Field id="entry-reason" label={t('list.entries.reason')}>
                {(c) => (
                  <select {...c} value={reason} onChange={(e) => setReason(e.target.value)}>
                    <option value="">{t('list.entries.reasonPick')}</option>
                    {REASONS[kind].map((r) => <option key={r} value={r}>{t(`list.entries.reasons.${r}`)}</option>)}
                  </select>
                )}
              </Field>
            </fieldset>
            {!locked && (
              <div className="list-people">
                <Person legend={t('list.entries.proposer')} prefix="entry-proposer" value={proposer} onChange={setProposer} />
                <div className="entry-go">
                  <ActionButton type="submit" id="entry-propose" data-testid="entry-propose" disabled={busy || !reason || !proposer.staffId || proposer.pin.length < 6 || (kind !== 'add' && !id.trim())} disabledReason={busy ? undefined : t('list.entries.proposeDisabled')}>
                    {t('list.entries.propose')}
                  </ActionButton>
                </div>
              </div>
            )}
          </form>
          {!locked && <SetupError error={error} />}
          {proposal && (
            <form className="setup-form entry-review" onSubmit={(e) => void confirm(e)} data-testid="entry-review">
              <h3>{t('list.entries.review')}</h3>
              <dl className="list-facts">
                <div><dt>{t('list.entries.reviewKind')}</dt><dd>{t(`list.entries.kind.${proposal.kind}`)}</dd></div>
                <div><dt>{t('list.entries.reviewId')}</dt><dd className="record-code" data-testid="entry-review-id">{proposal.recordId}</dd></div>
                {proposal.endDate && <div><dt>{t('list.entries.reviewEnd')}</dt><dd data-testid="entry-review-end">{formatDate(proposal.endDate, i18n.language)}</dd></div>}
                {proposal.kind === 'edit' && <div><dt>{t('list.entries.reviewFields')}</dt><dd>{proposal.fields.map((f) => t(`list.entries.fields.${f}`, { defaultValue: f })).join('、')}</dd></div>}
                <div><dt>{t('list.entries.reviewUntil')}</dt><dd>{formatDateTime(proposal.expiresAt, i18n.language)}</dd></div>
              </dl>
              <div className="list-people">
                <Person legend={t('list.entries.confirmer')} prefix="entry-confirmer" value={confirmer} onChange={setConfirmer} />
                <div className="entry-go">
                  <ActionButton type="submit" id="entry-confirm" data-testid="entry-confirm" disabled={busy || !confirmer.staffId || confirmer.pin.length < 6} disabledReason={busy ? undefined : t('list.entries.confirmDisabled')}>
                    {t('list.entries.confirm')}
                  </ActionButton>
                  <button type="button" className="btn btn-secondary" onClick={() => void cancel()}>{t('list.entries.cancel')}</button>
                </div>
              </div>
              <SetupError error={error} />
            </form>
          )}
        </>
      )}
    </section>
  );
}

function Person({ legend, prefix, value, onChange }: { legend: string; prefix: string; value: { staffId: string; pin: string }; onChange: (v: { staffId: string; pin: string }) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="setup-admin entry-person">
      <legend>{legend}</legend>
      <Field id={`${prefix}-id`} label={t('list.entries.staffId')}>
        {(c) => <input {...c} value={value.staffId} onChange={(e) => onChange({ ...value, staffId: e.target.value })} autoComplete="off" />}
      </Field>
      <Field id={`${prefix}-pin`} label={t('list.entries.pin')}>
        {(c) => <input {...c} type="password" inputMode="numeric" value={value.pin} onChange={(e) => onChange({ ...value, pin: e.target.value.replace(/\D/g, '') })} autoComplete="off" />}
      </Field>
    </fieldset>
  );
}
