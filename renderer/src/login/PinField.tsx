import { forwardRef, type ChangeEvent } from 'react';

/**
 * The one PIN input of the app: large, masked, digits only, never autofilled or remembered. The value lives
 * in the parent's state only until submit, which clears it whatever the answer.
 */
export const PinField = forwardRef<HTMLInputElement, { id: string; label: string; hint?: string; value: string; onChange(v: string): void; autoFocus?: boolean }>(
  function PinField({ id, label, hint, value, onChange, autoFocus }, ref) {
    const change = (e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value.replace(/[^0-9０-９]/g, '').slice(0, 12));
    return (
      <div className="um-field">
        <label htmlFor={id}>{label}</label>
        <input
          ref={ref} id={id} name={id} className="pin-input" type="password" inputMode="numeric" autoComplete="off"
          spellCheck={false} maxLength={12} value={value} onChange={change} autoFocus={autoFocus}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        {hint && <span id={`${id}-hint`} className="um-field-hint">{hint}</span>}
      </div>
    );
  },
);
