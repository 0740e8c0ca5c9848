// Adding a schedule: a cron expression and a time zone, with the next five times previewed by
// the engine as you type and its message next to the field when it refuses the expression.
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { Trigger } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { stripFieldPrefix } from '../../components/error-note';
import { TextField } from '../../components/text-field';
import { useNow } from '../../hooks/use-now';
import { FireTimes } from './fire-times';
import { FormActions } from './form-actions';
import { TriggerFormFrame } from './trigger-form-frame';
import { describeCron, hasSeconds, localTimezone } from './trigger-format';

const PREVIEW_DEBOUNCE_MS = 300;

const PRESETS: { label: string; cron: string }[] = [
  { label: 'Weekdays 9:00', cron: '0 9 * * 1-5' },
  { label: 'Every hour', cron: '@hourly' },
  { label: 'Every 15 min', cron: '*/15 * * * *' },
  { label: 'Daily at midnight', cron: '@daily' },
];

type CronErrors = { cron?: string; timezone?: string };
type Preview =
  | { state: 'idle' }
  | { state: 'ok'; cron: string; timezone: string; times: number[] }
  | { state: 'error' };

let zones: string[] | undefined;
function timezoneNames(): string[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones;
}

/** Splits an API error into the field it names (cron or timezone) or the form as a whole. */
function fieldErrors(error: unknown): { fields: CronErrors; other: unknown } {
  if (error instanceof ApiError && (error.field === 'cron' || error.field === 'timezone'))
    return { fields: { [error.field]: stripFieldPrefix(error.message, error.field) }, other: null };
  return { fields: {}, other: error };
}

export function CronForm(props: { taskId: string; onDone: (created?: Trigger) => void }) {
  const api = useApi();
  const [cron, setCron] = useState('');
  const [timezone, setTimezone] = useState(localTimezone);
  const [errors, setErrors] = useState<CronErrors>({});
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(1_000, preview.state === 'ok');
  const dirty = cron.trim() !== '' || timezone !== localTimezone();

  useEffect(() => {
    const expression = cron.trim();
    if (!expression) return;
    let current = true;
    const timer = setTimeout(() => {
      const zone = timezone.trim();
      api.call('triggers.preview', { cron: expression, ...(zone ? { timezone: zone } : {}) }).then(
        (result) => {
          if (!current) return;
          setPreview({
            state: 'ok',
            cron: result.cron,
            timezone: result.timezone,
            times: result.nextFireTimes,
          });
          setErrors({});
        },
        (failure: unknown) => {
          if (!current) return;
          const { fields, other } = fieldErrors(failure);
          setPreview({ state: 'error' });
          setErrors(fields);
          setFormError(other);
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, cron, timezone]);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!cron.trim()) {
      setErrors({ cron: 'Write a cron expression, e.g. 0 9 * * 1-5.' });
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const zone = timezone.trim();
      const created = await api.call('triggers.create', {
        taskId: props.taskId,
        kind: 'cron',
        cron: cron.trim(),
        ...(zone ? { timezone: zone } : {}),
      });
      props.onDone(created);
    } catch (failure) {
      const { fields, other } = fieldErrors(failure);
      setErrors(fields);
      setFormError(other);
      setBusy(false);
    }
  };

  const words = preview.state === 'ok' ? describeCron(preview.cron) : null;
  return (
    <TriggerFormFrame
      title="New schedule"
      unsaved="The schedule you typed has not been added."
      dirty={dirty}
      onSubmit={submit}
      onClose={() => props.onDone()}
    >
      <div className="field-row cron-fields">
        <TextField
          label="Cron expression"
          error={errors.cron}
          hint={
            <>
              minute hour day-of-month month day-of-week, or six fields with seconds first;{' '}
              <code>@hourly</code>, <code>@daily</code>, <code>@weekly</code> work too.
            </>
          }
          mono
          value={cron}
          placeholder="0 9 * * 1-5"
          onChange={(value) => {
            setCron(value);
            if (!value.trim()) {
              setPreview({ state: 'idle' });
              setErrors({});
            }
          }}
        />
        <TextField
          label="Time zone"
          error={errors.timezone}
          hint="The zone the expression is read in."
          value={timezone}
          list="trigger-timezones"
          onChange={setTimezone}
        />
        <datalist id="trigger-timezones">
          {timezoneNames().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>
      <div className="cron-presets" role="group" aria-label="Examples">
        <span className="quiet">Examples:</span>
        {PRESETS.map((preset) => (
          <button
            key={preset.cron}
            type="button"
            className="button small"
            onClick={() => setCron(preset.cron)}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <div className="cron-preview" aria-live="polite" data-testid="cron-preview">
        {preview.state === 'ok' && cron.trim() ? (
          <>
            <p className="cron-preview-head">
              {words && (
                <>
                  <strong>{words}</strong>
                  {' · '}
                </>
              )}
              {words ? 'next' : 'Next'} five times
              {preview.timezone === localTimezone() ? '' : `, in your time (${localTimezone()})`}:
            </p>
            <FireTimes
              times={preview.times}
              now={now}
              withSeconds={hasSeconds(preview.cron)}
              label="Next five times"
            />
          </>
        ) : (
          <p className="quiet">
            {!cron.trim()
              ? 'The next five times appear here as you type.'
              : preview.state === 'error'
                ? 'No times to show until the schedule is valid.'
                : 'Checking…'}
          </p>
        )}
      </div>
      <FormActions
        label="Add schedule"
        busy={busy}
        error={formError}
        onCancel={() => props.onDone()}
      />
    </TriggerFormFrame>
  );
}
