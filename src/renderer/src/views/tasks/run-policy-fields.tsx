// The task form's run policy: what happens to a run that is cut short (a restart, a temporary
// API error) and how long a permission request may wait before it is denied.
import { NumberField } from '../../components/number-field';
import { FormSection, type FieldGroupProps } from '../../components/form-section';
import { choices, SelectField } from '../../components/select-field';
import type { AutoChoice, TaskFormValues } from './task-form-model';
import { AUTO_RESUME_LABELS } from './task-options';

type PolicyField = 'autoResume' | 'transientRetries' | 'approvalTimeoutMinutes';

export function RunPolicyFields(props: FieldGroupProps<TaskFormValues, PolicyField>) {
  const { values, errors, set } = props;
  return (
    <FormSection title="When a run is cut short">
      <SelectField
        label="Resume interrupted runs by themselves after Switchboard restarts"
        error={errors.autoResume}
        hint="A run going when Switchboard stopped or crashed ends “interrupted”. These runs continue their session on the next start; the others wait for you to press Resume."
        value={values.autoResume}
        options={choices(Object.keys(AUTO_RESUME_LABELS) as AutoChoice[], AUTO_RESUME_LABELS)}
        onChange={(choice) => set('autoResume', choice)}
      />
      <div className="field-row">
        <NumberField
          group={props}
          name="transientRetries"
          label="Retries after a temporary API error"
          hint="Overloaded, rate-limited, server errors and dropped connections: tried again after about 10 s, then 20 s, 40 s… A rejected key or a failure of the task itself is never retried. 0: never."
        />
        <NumberField
          group={props}
          name="approvalTimeoutMinutes"
          label="Deny a waiting request after (minutes)"
          hint="A permission request or question still unanswered after this long is denied, never allowed. Empty: it waits for you however long."
          placeholder="Wait however long"
        />
      </div>
    </FormSection>
  );
}
