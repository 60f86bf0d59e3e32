import { Field } from '../ui/Field';

/** A choice from a fixed list on the shared Field (label with ※必須, aria wiring), for the department screens. */
export function SelectField<K extends string>({ id, label, value, options, onChange }: {
  id: string; label: string; value: K; options: Readonly<Record<K, string>>; onChange: (v: K) => void;
}) {
  return (
    <Field id={id} label={label} className="mail-select">
      {(c) => (
        <select {...c} data-testid={id} value={value} onChange={(e) => onChange(e.target.value as K)}>
          {(Object.keys(options) as K[]).map((k) => <option key={k} value={k}>{options[k]}</option>)}
        </select>
      )}
    </Field>
  );
}
