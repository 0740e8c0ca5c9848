// The settings form's fields, grouped by what they are about.
import type { ReactNode } from 'react';
import type { PermissionMode } from '../../../../shared/domain';
import { Field } from '../../components/field';
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
      <Section title="Runs">
        <div className="field-row">
          {text('concurrency', 'Runs at once', 'More runs wait in the queue.')}
          {text(
            'defaultModel',
            'Default model',
            'Empty: Claude Code’s own default.',
            'Claude Code default',
          )}
        </div>
        <Field label="Default permission mode for new tasks" error={errors.defaultPermissionMode}>
          {(control) => (
            <select
              id={control.id}
              value={values.defaultPermissionMode}
              onChange={(event) =>
                set('defaultPermissionMode', event.target.value as PermissionMode)
              }
            >
              {props.permissionModes.map((mode) => (
                <option key={mode.value} value={mode.value}>
                  {mode.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </Section>

      <Section title="Claude Code">
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
      </Section>

      <Section title="Budgets">
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
      </Section>

      <Section title="Notifications">
        {toggle('notifyWaiting', 'When a run needs me (a request or a question)')}
        {toggle('notifyFailed', 'When a run fails')}
        {toggle('notifySucceeded', 'When a run succeeds')}
      </Section>

      <Section title="Schedules and watches">
        {toggle('triggersPaused', 'Pause all scheduled, watched and webhook runs')}
      </Section>

      {props.desktop && (
        <Section title="Desktop">
          {toggle('openAtLogin', 'Open Switchboard when I log in')}
          {toggle('keepAwake', 'Keep the computer awake while runs are going')}
          {text(
            'quickTaskShortcut',
            'Quick task shortcut',
            'A global keyboard shortcut, such as CommandOrControl+Shift+Space.',
          )}
        </Section>
      )}
    </>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{props.title}</legend>
      {props.children}
    </fieldset>
  );
}
