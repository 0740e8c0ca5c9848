// The buttons at the foot of a modal dialog: Cancel, which closes it, then the dialog's own action.
import type { ReactNode, RefObject } from 'react';

export function DialogActions(props: {
  dialog: RefObject<HTMLDialogElement | null>;
  children: ReactNode;
}) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={() => props.dialog.current?.close()}>
        Cancel
      </button>
      {props.children}
    </div>
  );
}
