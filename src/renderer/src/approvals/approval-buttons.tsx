// An approval's buttons: the one that allows, and the "say why, then say no" pair (a one-line
// reason or feedback and its button).

export function AllowButton(props: { label: string; busy: boolean; onAllow: () => void }) {
  return (
    <button type="button" className="button primary" disabled={props.busy} onClick={props.onAllow}>
      {props.label}
    </button>
  );
}

export function DenyGroup(props: {
  /** The field's accessible name (its placeholder too, unless one is given). */
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  busy: boolean;
  button: string;
  /** A red button: the request is refused (a plan's "keep planning" is not). */
  danger?: boolean;
  onDeny: () => void;
  /** Enter in the field denies too. */
  enterDenies?: boolean;
}) {
  return (
    <span className="deny-group">
      <input
        type="text"
        className="deny-reason"
        aria-label={props.label}
        placeholder={props.placeholder ?? props.label}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={(event) => {
          if (props.enterDenies && event.key === 'Enter') props.onDeny();
        }}
      />
      <button
        type="button"
        className={props.danger ? 'button danger' : 'button'}
        disabled={props.busy}
        onClick={props.onDeny}
      >
        {props.button}
      </button>
    </span>
  );
}
