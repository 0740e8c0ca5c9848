// The frame of an add-trigger form: its heading, submit, and Escape that closes it (asking first
// when something was typed), with the "discard what you typed?" question inside.
import type { ReactNode, SyntheticEvent } from 'react';
import { escapeCloses, useDiscardQuestion } from '../../components/discard-dialog';

export function TriggerFormFrame(props: {
  title: string;
  /** What the question says was not added yet. */
  unsaved: string;
  dirty: boolean;
  onSubmit: (event: SyntheticEvent) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const discard = useDiscardQuestion(props.unsaved);
  return (
    <form
      className="trigger-form"
      onSubmit={(event) => void props.onSubmit(event)}
      onKeyDown={escapeCloses({ dirty: props.dirty, onClose: props.onClose, ...discard })}
      noValidate
    >
      {discard.dialog}
      <h3>{props.title}</h3>
      {props.children}
    </form>
  );
}
