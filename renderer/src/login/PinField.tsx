import { forwardRef, type ChangeEvent } from 'react';
import { Field } from '../ui/Field';

/**
 * The one PIN input of the app: large, masked, digits only, never autofilled or remembered. The value lives
 * in the parent's state only until submit, which clears it whatever the answer. Drawn by the one Field.
 */
export const PinField = forwardRef<HTMLInputElement, { id: string; label: string; hint?: string; error?: string | null; value: string; onChange(v: string): void; autoFocus?: boolean }>(
  function PinField({ id, label, hint, error, value, onChange, autoFocus }, ref) {
    const change = (e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value.replace(/[^0-9０-９]/g, '').slice(0, 12));
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        {(c) => (
          <input
            ref={ref} {...c} name={id} className="pin-input" type="password" inputMode="numeric" autoComplete="off"
            spellCheck={false} maxLength={12} value={value} onChange={change} autoFocus={autoFocus}
          />
        )}
      </Field>
    );
  },
);
