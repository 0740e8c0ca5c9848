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

/** The props of a group of fields that edits some of a longer form's values. */
export interface FieldGroupProps<Values, Field extends keyof Values> {
  values: Pick<Values, Field>;
  errors: Partial<Record<keyof Values, string>>;
  set: <K extends Field>(field: K, value: Values[K]) => void;
}
