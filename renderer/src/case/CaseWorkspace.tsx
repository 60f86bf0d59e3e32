import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPLICANT_KINDS, CASE_CHANNELS, FORM_KINDS, type CaseChannel, type FormKind } from '../../../shared/cases/model';
import { PhoneScript } from './PhoneScript';
import { NoPhotoBanner } from '../policy/NoPhotoBanner';
import { useNav } from '../app/nav';
import { useCaseStore } from './caseStore';
import { enterMovesFocus } from './enterMovesFocus';
import { LeadCall, WarningPanel } from './WarningPanel';
import { PersonCard } from './PersonCard';
import { useUnmaskStore } from '../unmask/unmaskStore';
import { RequestDialog } from '../unmask/RequestDialog';
import { WaitingForLead } from '../unmask/WaitingForLead';
import { ApprovalScreen } from '../approval/ApprovalScreen';
import { ActionButton, Field } from '../ui/Field';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ProtectedStrip } from './ProtectedStrip';
import { ReleaseStrip } from '../release/ReleaseStrip';
import { ReleaseGrantDialog } from '../release/ReleaseGrantDialog';
import '../unmask/strings';
import '../unmask/unmask.css';
import './strings';
import './case.css';
import { ListAgeBanner, ListIdentityLine } from '../fleet/ListAge';
import { useFleetStore } from '../fleet/fleetStore';
import { PersonFields, EMPTY_PAIR, type PinPair } from '../review/TwoPeople';

/** The way into counter work from the start screen. */
export function CounterEntry() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return (
    <section className="panel counter-entry">
      <button type="button" className="btn" onClick={() => go('case')} data-testid="start-counter">{t('case.start.begin')}</button>
    </section>
  );
}

/**
 * Choose how the request came in (SPEC F19) and the form handed over (F7). 窓口 is preselected because it is most
 * cases; the choice sits above the forms so a 郵送 or 電話 request is marked before anything is typed.
 */
export function CaseStart({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const { open, error } = useCaseStore();
  const [channel, setChannel] = useState<CaseChannel>('counter');
  const age = useFleetStore((s) => s.status);
  // Past the second list-age limit (issue 18) main opens no case without a lead's PIN; ask for it up front.
  const needLead = !!age?.age.leadRequired;
  const [lead, setLead] = useState<PinPair>(EMPTY_PAIR);
  const openWith = (f: FormKind) => {
    void open(f, channel, needLead && lead.staffId && lead.pin ? lead : undefined);
    setLead({ ...lead, pin: '' });
  };
  return (
    <section className="panel case-start" aria-labelledby="case-start-title">
      <ListAgeBanner where="case" />
      <h2 id="case-start-title">{t('case.start.title')}</h2>
      {needLead && (
        <div className="panel-notice case-lead" data-testid="case-lead-required">
          <p>{t('fleet.age.leadRequired', { limit: age.limits.listAgeLeadDays })}</p>
          <PersonFields id="case-lead" title={t('fleet.age.leadOpen')} value={lead} onChange={setLead} />
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      <p>{t('case.start.choose')}</p>
      <fieldset className="channel-choice" data-testid="channel-choice">
        <legend>{t('case.channel.label')}</legend>
        {CASE_CHANNELS.map((ch) => (
          <label key={ch} className="radio">
            <input type="radio" name="channel" value={ch} checked={channel === ch} onChange={() => setChannel(ch)} data-testid={`channel-${ch}`} />
            {t(`case.channel.${ch}`)}
          </label>
        ))}
      </fieldset>
      <div className="form-choices">
        {FORM_KINDS.map((f, i) => (
          <button key={f} type="button" className="btn btn-secondary form-choice" autoFocus={i === 0} onClick={() => openWith(f)} data-testid={`open-${f}`}>
            {t(`case.form.${f}`)}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-secondary" onClick={onBack}>{t('common.backToStart')}</button>
    </section>
  );
}

/** The open case: applicant, persons on the form, warnings, and the clerk's few actions. */
export function CaseWorkspace() {
  const { t } = useTranslation();
  const { view, error, notice, setApplicantKind, addPerson, removePerson, setNewHonseki, applicantCopy, close, clearError } = useCaseStore();
  const [honseki, setHonseki] = useState(view?.newHonseki ?? '');
  const [confirmClose, setConfirmClose] = useState(false);
  const [granting, setGranting] = useState(false);
  const askFor = useUnmaskStore((s) => s.askFor);
  if (!view) return null;
  const requestUnmask = (_slot: string, recordId: string, field: 'address' | 'katagaki' | 'honseki') => void askFor(recordId, field, view.caseId);
  const disabled = view.stopped;
  const form = view.form as FormKind;
  const who = t(`case.who.${form}`);
  const blocked = view.warnings.some((w) => !w.cleared);
  // A release names one person this case matched exactly (issue 22); a 委託 login's case never gets one.
  const releasable = [view.applicant, ...view.persons].some((p) => p.decision === 'match' && p.recordIds.length === 1);
  const releaseNote = (slot: string) => {
    const r = view.releases.find((x) => x.slot === slot && x.endedAt === null);
    return r ? t('release.cardTag', { fields: r.fields.map((f) => t(`case.fields.${f}`)).join('・') }) : undefined;
  };
  return (
    <div className="case" data-testid="case-workspace">
      {/* Every match result carries the list's age (issue 18): a stale list may miss a protection. */}
      <ListAgeBanner where="case" />
      <ListIdentityLine testId="case-list-identity" />
      <ProtectedStrip view={view} who={who} />
      <ReleaseStrip view={view} />
      {view.hasProtected && <NoPhotoBanner caseId={view.caseId} />}
      <WarningPanel warnings={view.warnings} />
      <CaseUnmask />
      <header className="case-head">
        <h2>{t(`case.form.${form}`)}</h2>
        <span className={`channel-tag channel-${view.channel}`} data-testid="case-channel">{t('case.channel.head', { channel: t(`case.channel.${view.channel}`) })}</span>
        {view.contractor && <span className="channel-tag" data-testid="case-contractor">{t('case.channel.contractor')}</span>}
        <LeadCall />
      </header>
      <PhoneScript />
      {view.stopped && <p className="stopped" role="alert">{t(view.contractor ? 'case.warn.contractorStop.body' : 'case.stoppedBanner')}</p>}
      {error && <div onClick={clearError}><ErrorMessage error={error} /></div>}
      {notice && <p className="case-notice" role="status">{t('case.copySaved', { location: notice })}</p>}
      <form className="case-form" onKeyDown={enterMovesFocus} onSubmit={(e) => e.preventDefault()} aria-label={t(`case.form.${form}`)}>
        <fieldset className="applicant-kind" disabled={disabled}>
          <legend>{t('case.applicantKind.label', { who })}</legend>
          {APPLICANT_KINDS.map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="applicantKind" value={k} checked={view.applicantKind === k} onChange={() => void setApplicantKind(k)} />
              {t(`case.applicantKind.${k}`)}
            </label>
          ))}
        </fieldset>
        <PersonCard key={view.applicant.slot} person={view.applicant} heading={who} disabled={disabled} onRequestUnmask={requestUnmask} releaseNote={releaseNote(view.applicant.slot)} />
        {view.persons.map((p, i) => (
          <PersonCard key={p.slot} person={p} heading={t('case.person', { n: i + 1 })} disabled={disabled} onRemove={view.persons.length > 1 ? () => void removePerson(p.slot) : undefined} onRequestUnmask={requestUnmask} releaseNote={releaseNote(p.slot)} />
        ))}
        <button type="button" className="btn btn-secondary" onClick={() => void addPerson()} disabled={disabled}>{t('case.addPerson')}</button>
        {view.form === 'tenseki' && (
          <div className="new-honseki">
            <Field id="new-honseki" label={t('case.newHonseki')} hint={t('case.newHonsekiHint')}>
              {(c) => (
                <input {...c} value={honseki} disabled={disabled} autoComplete="off"
                  onChange={(e) => {
                    setHonseki(e.target.value);
                    void setNewHonseki(e.target.value);
                  }} />
              )}
            </Field>
          </div>
        )}
      </form>
      <footer className="case-actions">
        <ActionButton id="case-copy" onClick={() => void applicantCopy()} disabled={blocked} disabledReason={t('case.copyDisabled')}>{t('case.copy')}</ActionButton>
        {view.hasProtected && !view.contractor && (
          <ActionButton id="case-release" className="btn btn-secondary" onClick={() => setGranting(true)} disabled={!releasable || view.stopped} disabledReason={t(view.stopped ? 'release.openStopped' : 'release.openDisabled')} data-testid="case-release">
            {t('release.open')}
          </ActionButton>
        )}
        <button type="button" className="btn btn-secondary" onClick={() => setConfirmClose(true)}>{t('case.close')}</button>
      </footer>
      {granting && <ReleaseGrantDialog view={view} who={who} onClose={() => setGranting(false)} />}
      {confirmClose && (
        <div className="warning-overlay" role="presentation">
          <section className="warning-dialog is-plain" role="alertdialog" aria-modal="true" aria-labelledby="close-title">
            <header><h2 id="close-title">{t('case.close')}</h2></header>
            <div className="dialog-body"><p>{t('case.closeConfirm')}</p></div>
            <footer className="dialog-actions">
              <button type="button" className="btn" autoFocus onClick={() => void close()}>{t('case.closeYes')}</button>
              <button type="button" className="btn btn-secondary" onClick={() => setConfirmClose(false)}>{t('case.closeNo')}</button>
            </footer>
          </section>
        </div>
      )}
    </div>
  );
}

/**
 * The two-operator unmask inside a case (SPEC F4): the clerk's request, the wait, and the lead's
 * approval at this terminal, over the form; the granted value then shows in the person's card only.
 */
function CaseUnmask() {
  const { record, asking, pending, approving, openApproval, approved, refused } = useUnmaskStore();
  let body = null;
  if (pending && approving) {
    body = <ApprovalScreen requestId={pending.requestId} onApproved={(g) => void approved(g)} onRefused={refused} onClosed={() => openApproval(false)} />;
  } else if (asking && record) body = <RequestDialog recordId={record.recordId} />;
  else if (pending) body = <WaitingForLead />;
  if (!body) return null;
  return (
    <div className="warning-overlay unmask-overlay" role="presentation">
      <div className="unmask-overlay-body">{body}</div>
    </div>
  );
}
