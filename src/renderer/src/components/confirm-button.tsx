// A button that asks "are you sure?" in a modal dialog before doing something that cannot be undone.
import { useRef, useState, type ReactNode } from 'react';
import { DialogActions } from './dialog-actions';

export interface ConfirmButtonProps {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  className?: string;
  disabled?: boolean;
}

export function ConfirmButton(props: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
      dialog.current?.close();
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={props.className ?? 'button danger'}
        disabled={props.disabled}
        onClick={() => dialog.current?.showModal()}
      >
        {props.label}
      </button>
      <dialog ref={dialog} className="dialog" aria-label={props.title}>
        <h2>{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        <DialogActions dialog={dialog}>
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => void confirm()}
          >
            {props.confirmLabel}
          </button>
        </DialogActions>
      </dialog>
    </>
  );
}
