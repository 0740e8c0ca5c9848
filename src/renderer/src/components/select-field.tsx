// A labelled drop-down over a fixed set of string values, wired to its hint and error; the value
// handed back is one of the options, typed as such.
import type { ReactNode } from 'react';
import { Field } from './field';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** The choices for a list of values and the words for each. */
export function choices<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
): Choice<T>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export function SelectField<T extends string>(props: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: T;
  options: readonly Choice<T>[];
  onChange: (value: T) => void;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <select
          id={control.id}
          value={props.value}
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid || undefined}
          onChange={(event) => {
            const picked = props.options.find((option) => option.value === event.target.value);
            if (picked) props.onChange(picked.value);
          }}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
