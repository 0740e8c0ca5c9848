// A whole-number field of a form's field group: kept as the typed text (so a half-typed value
// shows with its error), with the on-screen keyboard for numbers.
import type { ReactNode } from 'react';
import type { FieldGroupProps } from './form-section';
import { TextField } from './text-field';

export function NumberField<Name extends string>(props: {
  group: FieldGroupProps<Record<NoInfer<Name>, string>, NoInfer<Name>>;
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
