// The create/edit form for every task option, with each validation message next to its field
// (checked here first, then by the server, whose 400 names the field at fault). Escape cancels;
// leaving with unsaved changes (Escape, Cancel, any link) asks first.
import { useRef, useState, type SyntheticEvent } from 'react';
import { ISOLATION_MODES, OVERLAP_POLICIES, PERMISSION_MODES } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useDiscardQuestion } from '../../components/discard-dialog';
import { errorMessage, ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { Field } from '../../components/field';
import { FormSection } from '../../components/form-section';
import { FolderInput } from '../../components/folder-field';
import { useLeaveGuard } from '../../components/leave-guard';
import { RunPolicyFields } from './run-policy-fields';
import { PlaceField } from './place-field';
import { McpServersField } from './mcp-servers-field';
import { SkillsField } from './skills-field';
import { choices, SelectField } from '../../components/select-field';
import {
  formFieldOf,
  toTaskFields,
  validateTask,
  type TaskField,
  type TaskFields,
  type TaskFormErrors,
  type TaskFormValues,
} from './task-form-model';
import {
  ISOLATION_LABELS,
  MODEL_SUGGESTIONS,
  OVERLAP_LABELS,
  REVIEW_LABELS,
  PERMISSION_MODE_LABELS,
  PERMISSION_MODE_RULES,
} from './task-options';

/** The fields typed as text (the keychain switch is not one). */
type TextField = { [K in TaskField]: TaskFormValues[K] extends string ? K : never }[TaskField];
export interface TaskFormProps {
  initial: TaskFormValues;
  /** The task being edited; absent for a new one. */
  taskId?: string;
  submitLabel: string;
  onSubmit: (fields: TaskFields) => Promise<void>;
  onCancel?: () => void;
}

const UNSAVED_TASK = 'What you typed in this task has not been saved.';

export function TaskForm(props: TaskFormProps) {
  const [values, setValues] = useState(props.initial);
  const [errors, setErrors] = useState<TaskFormErrors>({});
  const [formError, setFormError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // Saved work leaves without a question.
  const saving = useRef(false);
  const discard = useDiscardQuestion(UNSAVED_TASK);
  const dirty = JSON.stringify(values) !== JSON.stringify(props.initial);
  useLeaveGuard(
    dirty,
    () => (saving.current ? Promise.resolve(true) : discard.confirmDiscard()),
    UNSAVED_TASK,
  );

  const set = <K extends TaskField>(field: K, value: TaskFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const found = validateTask(values);
    setErrors(found);
    setFormError(undefined);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    saving.current = true;
    try {
      await props.onSubmit(toTaskFields(values));
    } catch (error) {
      saving.current = false;
      const field = error instanceof ApiError ? formFieldOf(error.field) : undefined;
      if (field !== undefined && error instanceof ApiError) {
        setErrors({ [field]: sentence(stripFieldPrefix(error.message, error.field)) });
        focusFirstInvalid();
      } else {
        setFormError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const text = (
    field: TextField,
    control: { id: string; describedBy: string | undefined; invalid: boolean },
    extra: {
      placeholder?: string;
      list?: string;
      inputMode?: 'numeric' | 'decimal';
      maxLength?: number;
    } = {},
  ) => (
    <input
      id={control.id}
      type="text"
      value={values[field]}
      aria-describedby={control.describedBy}
      aria-invalid={control.invalid || undefined}
      onChange={(event) => set(field, event.target.value)}
      {...extra}
    />
  );

  return (
    <>
      <form
        className="form task-form"
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || event.defaultPrevented || !props.onCancel) return;
          event.preventDefault();
          props.onCancel();
        }}
        noValidate
      >
        <FormSection title="What to do">
          <Field
            label="Title"
            error={errors.title}
            hint={<TitleCounter length={values.title.trim().length} />}
          >
            {(control) => text('title', control, { maxLength: TITLE_MAX })}
          </Field>
          <Field
            label="Prompt"
            error={errors.prompt}
            hint="What Claude Code should do on every run of this task."
          >
            {(control) => (
              <textarea
                id={control.id}
                rows={6}
                value={values.prompt}
                aria-describedby={control.describedBy}
                aria-invalid={control.invalid || undefined}
                onChange={(event) => set('prompt', event.target.value)}
              />
            )}
          </Field>
          <Field
            label="Working folder"
            error={errors.cwd}
            hint="The folder Claude Code works in (an absolute path)."
          >
            {(control) => (
              <FolderInput
                id={control.id}
                value={values.cwd}
                describedBy={control.describedBy}
                invalid={control.invalid}
                onChange={(value) => set('cwd', value)}
              />
            )}
          </Field>
          <PlaceField
            value={values.placeId}
            error={errors.placeId}
            onChange={(placeId) => set('placeId', placeId)}
          />
          <Field
            label="Model"
            error={errors.model}
            hint="Empty uses the default model from Settings."
          >
            {(control) =>
              text('model', control, { placeholder: 'Default', list: 'model-suggestions' })
            }
          </Field>
          <datalist id="model-suggestions">
            {MODEL_SUGGESTIONS.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </FormSection>

        <FormSection title="Permissions">
          <SelectField
            label="Permission mode"
            error={errors.permissionMode}
            value={values.permissionMode}
            options={choices(PERMISSION_MODES, PERMISSION_MODE_LABELS)}
            hint={PERMISSION_MODE_RULES[values.permissionMode]}
            onChange={(mode) => set('permissionMode', mode)}
          />
          <Field
            label="Allowed tools"
            error={errors.allowedTools}
            hint="Used without asking. Comma-separated, e.g. Read, Grep, Bash(npm test:*)"
          >
            {(control) => text('allowedTools', control)}
          </Field>
          <Field
            label="Disallowed tools"
            error={errors.disallowedTools}
            hint="Never used. Comma-separated."
          >
            {(control) => text('disallowedTools', control)}
          </Field>
        </FormSection>

        <FormSection title="Limits">
          <div className="field-row">
            <Field label="Max turns" error={errors.maxTurns} hint="Empty: no limit.">
              {(control) => text('maxTurns', control, { inputMode: 'numeric' })}
            </Field>
            <Field
              label="Max budget per run (USD)"
              error={errors.maxBudgetUsd}
              hint="Empty: no limit."
            >
              {(control) => text('maxBudgetUsd', control, { inputMode: 'decimal' })}
            </Field>
          </div>
        </FormSection>

        <McpServersField
          taskId={props.taskId}
          selected={values.mcpServerIds}
          onChange={(ids) => set('mcpServerIds', ids)}
        />

        <SkillsField
          taskId={props.taskId}
          selected={values.skills}
          onChange={(names) => set('skills', names)}
        />

        <RunPolicyFields values={values} errors={errors} set={set} />

        <FormSection title="Advanced">
          <Field
            label="Extra system prompt"
            error={errors.appendSystemPrompt}
            hint="Appended to Claude Code's system prompt."
          >
            {(control) => (
              <textarea
                id={control.id}
                rows={3}
                value={values.appendSystemPrompt}
                aria-describedby={control.describedBy}
                onChange={(event) => set('appendSystemPrompt', event.target.value)}
              />
            )}
          </Field>
          <Field
            label="Secrets as environment variables"
            error={errors.secretEnv}
            hint="Names of secrets from Settings, comma-separated; each is passed under its own name."
          >
            {(control) => text('secretEnv', control, { placeholder: 'GITHUB_TOKEN, NPM_TOKEN' })}
          </Field>
          <label className="switch">
            <input
              type="checkbox"
              checked={values.keychainAccess}
              aria-describedby="keychain-access-hint"
              onChange={(event) => set('keychainAccess', event.target.checked)}
            />
            <span>Let the agent reach the keychain</span>
          </label>
          <p className="field-hint" id="keychain-access-hint">
            Off: the agent has only the secrets listed above, and no way to the OS keychain (on
            Linux, no session bus). On: its commands can read every keychain entry you can,
            Switchboard&apos;s included. A secret&apos;s value is hidden in the run&apos;s records
            either way.
          </p>
          <label className="switch">
            <input
              type="checkbox"
              checked={values.sandbox}
              aria-describedby="sandbox-hint"
              onChange={(event) => set('sandbox', event.target.checked)}
            />
            <span>Run shell commands in a sandbox</span>
          </label>
          <p className="field-hint" id="sandbox-hint">
            Claude Code&apos;s own sandbox: every shell command can write only inside the
            task&apos;s folder (and its worktree) and reach only the network hosts Claude Code
            allows; none is let out of it. Commands still ask as the permission mode says. Needs
            bubblewrap and socat on Linux (built in on macOS); not for runs in another place.
          </p>
          <div className="field-row">
            <SelectField
              label="Isolation"
              error={errors.isolation}
              value={values.isolation}
              options={choices(ISOLATION_MODES, ISOLATION_LABELS)}
              onChange={(mode) => set('isolation', mode)}
            />
            <SelectField
              label="When a scheduled run is due while one is still going"
              error={errors.overlapPolicy}
              value={values.overlapPolicy}
              options={choices(OVERLAP_POLICIES, OVERLAP_LABELS)}
              onChange={(policy) => set('overlapPolicy', policy)}
            />
          </div>
          <SelectField
            label="Review what each run changed"
            error={errors.reviewEachRun}
            hint="A finished run that changed files waits in the inbox until you approve, send it back or discard it."
            value={values.reviewEachRun}
            options={choices(
              Object.keys(REVIEW_LABELS) as TaskFormValues['reviewEachRun'][],
              REVIEW_LABELS,
            )}
            onChange={(choice) => set('reviewEachRun', choice)}
          />
        </FormSection>

        {formError !== undefined && <ErrorNote error={errorMessage(formError)} />}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {props.submitLabel}
          </button>
          {props.onCancel && (
            <button type="button" className="button" onClick={props.onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {discard.dialog}
    </>
  );
}

/** The engine's limit on titles (schemas.ts), shown before it bites. */
const TITLE_MAX = 200;

function TitleCounter(props: { length: number }) {
  const near = props.length > TITLE_MAX - 20;
  return (
    <span className={near ? 'title-counter near' : 'title-counter'}>
      {props.length} / {TITLE_MAX} characters
    </span>
  );
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = (trimmed[0] ?? '').toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function focusFirstInvalid(): void {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
  );
}
