// A text box for a message to send on (a follow-up, review feedback) whose place on the page says
// what it is for: its label is for screen readers only.
import { useId, type KeyboardEvent } from 'react';

export function MessageBox(props: {
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  /** Lines tall; 2 unless said. */
  rows?: number;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {props.label}
      </label>
      <textarea
        id={id}
        rows={props.rows ?? 2}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={props.onKeyDown}
      />
    </>
  );
}
