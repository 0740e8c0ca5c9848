// A whole-number field of a form's field group: kept as the typed text (so a half-typed value
// shows with its error), with the on-screen keyboard for numbers.
import type { ReactNode } from 'react';
import { TextField } from './text-field';

/** What the field needs of its group (a FieldGroupProps fits): a value set as text. */
interface TextValueOf<Name extends string> {
  values: Record<Name, string>;
  errors: Partial<Record<Name, string>>;
  set: (field: Name, value: string) => void;
}

export function NumberField<Name extends string>(props: {
  group: TextValueOf<Name>;
  name: Name;
  label: string;
  hint: ReactNode;
  placeholder?: string;
}) {
  const { group, name } = props;
  return (
    <TextField
      label={props.label}
      error={group.errors[name]}
      hint={props.hint}
      inputMode="numeric"
      placeholder={props.placeholder}
      value={group.values[name]}
      onChange={(value) => group.set(name, value)}
    />
  );
}
