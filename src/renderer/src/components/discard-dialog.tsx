// "Discard your changes?" asked in a modal dialog before typed text is thrown away (Escape on a
// form, leaving Settings). Keep editing is the default and what Escape on the question means.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export interface DiscardQuestion {
  /** Resolves true when the person chose to discard. */
  confirmDiscard: () => Promise<boolean>;
  dialog: ReactNode;
}

export function useDiscardQuestion(
  text = 'What you typed here has not been saved.',
): DiscardQuestion {
  const [answer, setAnswer] = useState<((discard: boolean) => void) | null>(null);
  // Keep editing puts the person back where they were typing.
  const returnFocus = useRef<Element | null>(null);
  const confirmDiscard = useCallback(() => {
    returnFocus.current = document.activeElement;
    return new Promise<boolean>((resolve) => setAnswer(() => resolve));
  }, []);
  const settle = (discard: boolean) => {
    answer?.(discard);
    setAnswer(null);
    const back = returnFocus.current;
    if (!discard && back instanceof HTMLElement) setTimeout(() => back.focus(), 0);
  };
  const dialog = answer ? <DiscardDialog text={text} onAnswer={settle} /> : null;
  return { confirmDiscard, dialog };
}

function DiscardDialog(props: { text: string; onAnswer: (discard: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    keep.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-label="Discard your changes?"
      onCancel={(event) => {
        event.preventDefault();
        props.onAnswer(false);
      }}
    >
      <h2>Discard your changes?</h2>
      <p>{props.text}</p>
      <div className="dialog-actions">
        <button ref={keep} type="button" className="button" onClick={() => props.onAnswer(false)}>
          Keep editing
        </button>
        <button type="button" className="button danger" onClick={() => props.onAnswer(true)}>
          Discard changes
        </button>
      </div>
    </dialog>
  );
}

/** Escape on a form closes it (after asking, when it holds changes); keys a field already
 *  handled (a menu, a comment box) are left alone. */
export function escapeCloses(options: {
  dirty: boolean;
  onClose: () => void;
  confirmDiscard: () => Promise<boolean>;
}) {
  return (event: React.KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Escape inside the question itself means "keep editing" (the dialog's own cancel).
    const inDialog = event.target instanceof Element ? event.target.closest('dialog') : null;
    if (inDialog && event.currentTarget.contains(inDialog)) return;
    event.preventDefault();
    event.stopPropagation();
    if (!options.dirty) {
      options.onClose();
      return;
    }
    void options.confirmDiscard().then((discard) => {
      if (discard) options.onClose();
    });
  };
}
