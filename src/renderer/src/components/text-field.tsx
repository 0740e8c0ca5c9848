// A labelled one-line text field for things typed exactly (expressions, patterns, names, zones,
// numbers):
// no spell check, no autofill, wired to its hint and error.
import type { ReactNode } from 'react';
import { Field } from './field';

export function TextField(props: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Monospaced, for code-like values. */
  mono?: boolean;
  /** The id of a <datalist> to suggest from. */
  list?: string;
  /** The on-screen keyboard for numbers. */
  inputMode?: 'numeric' | 'decimal';
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          id={control.id}
          type="text"
          className={props.mono ? 'mono' : undefined}
          value={props.value}
          placeholder={props.placeholder}
          list={props.list}
          inputMode={props.inputMode}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid || undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
