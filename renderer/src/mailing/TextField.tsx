import { Field } from '../ui/Field';

/** A one-line text input on the shared Field (labels, ※必須/※任意, aria wiring), for the department screens. */
export function TextField({ id, label, value, onChange, secret, required = true }: {
  id: string; label: string; value: string; onChange: (v: string) => void; secret?: boolean; required?: boolean;
}) {
  return (
    <Field id={id} label={label} required={required}>
      {(c) => (
        <input
          {...c} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}
          type={secret ? 'password' : 'text'} inputMode={secret ? 'numeric' : undefined} autoComplete="off" spellCheck={false}
        />
      )}
    </Field>
  );
}
