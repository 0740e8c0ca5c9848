// The settings form's fields, grouped by what they are about.
import type { PermissionMode } from '../../../../shared/domain';
import { Field } from '../../components/field';
import { FormSection } from '../../components/form-section';
import { SelectField } from '../../components/select-field';
import { RunTimerFields } from './run-timer-fields';
import type { SettingsErrors, SettingsFormValues } from './settings-form-model';

export interface SettingsFieldsProps {
  values: SettingsFormValues;
  errors: SettingsErrors;
  set: <K extends keyof SettingsFormValues>(field: K, value: SettingsFormValues[K]) => void;
  desktop: boolean;
  permissionModes: { value: PermissionMode; label: string }[];
}

type TextField = {
  [K in keyof SettingsFormValues]: SettingsFormValues[K] extends string ? K : never;
}[keyof SettingsFormValues];
type SwitchField = {
  [K in keyof SettingsFormValues]: SettingsFormValues[K] extends boolean ? K : never;
}[keyof SettingsFormValues];

export function SettingsFields(props: SettingsFieldsProps) {
  const { values, errors, set } = props;
  const text = (field: TextField, label: string, hint?: string, placeholder?: string) => (
    <Field label={label} hint={hint} error={errors[field]}>
      {(control) => (
        <input
          id={control.id}
          type="text"
          value={values[field]}
          placeholder={placeholder}
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid || undefined}
          onChange={(event) => set(field, event.target.value)}
        />
      )}
    </Field>
  );
  const toggle = (field: SwitchField, label: string) => (
    <label className="switch">
      <input
        type="checkbox"
        checked={values[field]}
        onChange={(event) => set(field, event.target.checked)}
      />
      <span>{label}</span>
    </label>
  );

  return (
    <>
      <FormSection title="Runs">
        <div className="field-row">
          {text('concurrency', 'Runs at once', 'More runs wait in the queue.')}
          {text(
            'defaultModel',
            'Default model',
            'Empty: Claude Code’s own default.',
            'Claude Code default',
          )}
        </div>
        <SelectField
          label="Default permission mode for new tasks"
          error={errors.defaultPermissionMode}
          value={values.defaultPermissionMode}
          options={props.permissionModes}
          onChange={(mode) => set('defaultPermissionMode', mode)}
        />
        <RunTimerFields values={values} errors={errors} set={set} />
      </FormSection>

      <FormSection title="Claude Code">
        <div className="radio-group" role="radiogroup" aria-label="Claude Code executable">
          <label className="switch">
            <input
              type="radio"
              name="claude-exe"
              checked={values.useBundledClaude}
              onChange={() => set('useBundledClaude', true)}
            />
            <span>Use the Claude Code bundled with Switchboard</span>
          </label>
          <label className="switch">
            <input
              type="radio"
              name="claude-exe"
              checked={!values.useBundledClaude}
              onChange={() => set('useBundledClaude', false)}
            />
            <span>Use another claude executable</span>
          </label>
        </div>
        {!values.useBundledClaude &&
          text('claudeExecutablePath', 'Path to claude', undefined, '/usr/local/bin/claude')}
      </FormSection>

      <FormSection title="Speed and storage">
        {toggle('warmSpare', 'Keep a Claude Code process ready, so runs start sooner')}
        <p className="field-hint">
          Costs about 230–260 MB of memory while it waits. Runs that cannot use it start as usual.
        </p>
        {toggle('lowerClaudePriority', 'Run Claude Code at a lower CPU priority than Switchboard')}
        {text(
          'keepTranscriptsDays',
          'Keep transcripts for (days)',
          'Older transcripts are deleted, and the diffs of those runs once their review is settled; each run’s summary, result and cost stay. Empty: keep all.',
          'Keep all',
        )}
      </FormSection>

      <FormSection title="Budgets">
        <p className="field-hint">
          When a limit is reached, new runs wait until the day or month is over, and runs going then
          are stopped (you can continue one anyway). Empty: no limit.
        </p>
        <div className="field-row">
          {text('dailyUsd', 'Daily limit (USD)')}
          {text('monthlyUsd', 'Monthly limit (USD)')}
        </div>
        <p className="field-hint">
          On a Pro or Max plan, scheduled, watched and webhook runs wait once the 5-hour window is
          this full, so your own work keeps room. Runs you start yourself never wait for it.
        </p>
        {text('planHoldPercent', 'Hold scheduled runs at (% of the 5-hour window)')}
      </FormSection>

      <FormSection title="Notifications">
        {toggle('notifyWaiting', 'When a run needs me (a request or a question)')}
        {toggle('notifyFailed', 'When a run fails')}
        {toggle('notifySucceeded', 'When a run succeeds')}
      </FormSection>

      <FormSection title="Triggers">
        {toggle('triggersPaused', 'Pause all triggers (schedules, folder watches and webhooks)')}
      </FormSection>

      {props.desktop && (
        <FormSection title="Desktop">
          {toggle('openAtLogin', 'Open Switchboard when I log in')}
          {toggle('keepAwake', 'Keep the computer awake while runs are going')}
          {text(
            'quickTaskShortcut',
            'Quick task shortcut',
            'A global keyboard shortcut, such as CommandOrControl+Shift+Space.',
          )}
        </FormSection>
      )}

      {props.desktop && (
        <FormSection title="Local API">
          {toggle('localApi', 'Answer webhooks and browsers on this computer (127.0.0.1 only)')}
          {text(
            'localApiPort',
            'Port',
            'Keep it fixed so webhook URLs stay the same. Changes apply when you save.',
          )}
        </FormSection>
      )}
    </>
  );
}
