// Settings → Runs: when a quiet run is flagged as stalled and what a stall does, and how long a
// run waiting for the person keeps its concurrency slot (settings.runs).
import type { FieldGroupProps } from '../../components/form-section';
import { NumberField } from '../../components/number-field';
import { SelectField } from '../../components/select-field';
import type { SettingsFormValues, StallAction } from './settings-form-model';

type TimerField = 'stallMinutes' | 'stallAction' | 'waitingSlotMinutes';

const STALL_ACTIONS: { value: StallAction; label: string }[] = [
  { value: 'flag', label: 'Only flag it' },
  { value: 'stop', label: 'Stop it' },
];

export function RunTimerFields(props: FieldGroupProps<SettingsFormValues, TimerField>) {
  const { values, errors, set } = props;
  return (
    <>
      <div className="field-row">
        <NumberField
          group={props}
          name="stallMinutes"
          label="Flag a run with no sign of life after (minutes)"
          hint="A running run with nothing new in its transcript and its commands idle (next to no CPU; on Windows, the transcript only) for this long is marked “No sign of life” on Home, in Runs and on its page. A run waiting for you is never flagged. 0: never."
        />
        <SelectField
          label="When a run shows no sign of life"
          hint="A stopped run ends “interrupted”; Resume continues its session."
          error={errors.stallAction}
          value={values.stallAction}
          options={STALL_ACTIONS}
          onChange={(action) => set('stallAction', action)}
        />
      </div>
      <NumberField
        group={props}
        name="waitingSlotMinutes"
        label="A run waiting for you keeps its slot for (minutes)"
        hint="Past this, its Claude Code session ends so queued runs can start; the request stays in the inbox and the run continues when you answer. 0: it keeps its slot."
      />
    </>
  );
}
