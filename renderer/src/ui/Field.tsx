import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './ui.css';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

/**
 * The one form field of the app (DADS text input): the label with ※必須 / ※任意, the support text above the
 * control (read before typing, not after), the control, and its error directly under it.
 */
export function Field({ id, label, required = true, hint, error, errorCode, className, children }: {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string | null;
  /** A refusal from main shown at its field keeps its code, in small print as everywhere (ErrorMessage). */
  errorCode?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {/* Seen by everyone; announced as the control's required state (aria-required), not as part of its name. */}
        <span className={required ? 'field-req' : 'field-opt'} aria-hidden="true">{t(required ? 'common.required' : 'common.optional')}</span>
      </div>
      {hint && <p id={`${id}-hint`} className="field-hint">{hint}</p>}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(required ? { 'aria-required': true as const } : {}),
      })}
      {error && (
        <p id={`${id}-error`} className="field-error" data-code={errorCode}>
          {error}
          {errorCode && <> <small className="code">{t('common.code', { code: errorCode })}</small></>}
        </p>
      )}
    </div>
  );
}

/** A label-and-value row that looks like a field but holds no input (a masked or granted value). */
export function ValueField({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`field field-value${className ? ` ${className}` : ''}`} role="group" aria-labelledby={`${id}-label`}>
      <span className="field-label" id={`${id}-label`}>{label}</span>
      {children}
    </div>
  );
}

/**
 * A button that, while it cannot be pressed, says why right beside it (issue 23: disabled buttons gave no reason).
 */
export function ActionButton({ disabledReason, className = 'btn', id, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { disabledReason?: string; id?: string; 'data-testid'?: string }) {
  const reasonId = id ? `${id}-why` : undefined;
  const disabled = Boolean(rest.disabled);
  return (
    <span className="action">
      <button type="button" {...rest} id={id} className={className} aria-describedby={disabled && disabledReason && reasonId ? reasonId : undefined} />
      {disabled && disabledReason && <span className="action-why" id={reasonId}>{disabledReason}</span>}
    </span>
  );
}
