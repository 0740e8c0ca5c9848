// A titled group of fields inside a longer form (task form, settings).
import type { ReactNode } from 'react';

export function FormSection(props: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{props.title}</legend>
      {props.children}
    </fieldset>
  );
}
