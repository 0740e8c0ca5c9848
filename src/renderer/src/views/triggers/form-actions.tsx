// The foot of a new-trigger form: what went wrong, the button that adds it, and Cancel.
import { ErrorNote } from '../../components/error-note';

export function FormActions(props: {
  label: string;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  /** For a form without fields to submit; otherwise the button submits the form. */
  onClick?: () => void;
}) {
  return (
    <>
      <ErrorNote error={props.error} />
      <div className="form-actions">
        <button
          type={props.onClick ? 'button' : 'submit'}
          className="button primary"
          disabled={props.busy}
          onClick={props.onClick}
        >
          {props.label}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
