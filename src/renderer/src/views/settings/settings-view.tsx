// /settings: how many runs at once, when a quiet run is flagged or a waiting one gives up its
// slot, defaults for new tasks, which Claude Code to run, spend limits, notifications, the local
// API's address, the panel's theme, the GitHub API pull requests use, the editor and terminal runs
// open in, secrets, and places runs can happen in. Desktop-only options appear in the desktop app.
// Save stays in sight (a sticky bar) and leaving with unsaved changes asks first.
import { useState, type SyntheticEvent } from 'react';
import { PERMISSION_MODES } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useApi, useDesktop } from '../../api/api-context';
import { useDiscardQuestion } from '../../components/discard-dialog';
import { ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { useLeaveGuard } from '../../components/leave-guard';
import { useApiData } from '../../hooks/use-api-data';
import { PERMISSION_MODE_LABELS } from '../tasks/task-options';
import { AppearanceSection } from './appearance-section';
import { AwaySection } from './away-section';
import { LocalApiSection } from './local-api-section';
import { McpLibrarySection } from './mcp-library-section';
import { PlacesSection } from './places-section';
import { OpenInSection } from './open-in-section';
import { PullRequestsSection } from './pull-requests-section';
import { SkillsLibrarySection } from './skills-library-section';
import { SecretsSection } from './secrets-section';
import { budgetNotice, spentSoFar } from './budget-notice';
import { SettingsFields } from './settings-fields';
import {
  changedSince,
  settingsFieldOf,
  toPatch,
  validateSettings,
  valuesFromSettings,
  type SettingsErrors,
  type SettingsFormValues,
} from './settings-form-model';

export function SettingsView() {
  const api = useApi();
  const settings = useApiData(() => api.call('settings.get', {}), [api]);
  return (
    <div className="page narrow settings">
      <h1>Settings</h1>
      <ErrorNote error={settings.error} onRetry={settings.reload} />
      {settings.data && <SettingsForm initial={valuesFromSettings(settings.data)} />}
      <AppearanceSection />
      <LocalApiSection />
      <AwaySection />
      <PullRequestsSection />
      <OpenInSection />
      <SecretsSection />
      <PlacesSection />
      <McpLibrarySection />
      <SkillsLibrarySection />
    </div>
  );
}

const UNSAVED_SETTINGS = 'Your changes to the settings have not been saved.';

function SettingsForm(props: { initial: SettingsFormValues }) {
  const api = useApi();
  const desktop = useDesktop();
  const [values, setValues] = useState(props.initial);
  const [baseline, setBaseline] = useState(props.initial);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [formError, setFormError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(baseline);
  const discard = useDiscardQuestion(UNSAVED_SETTINGS);
  useLeaveGuard(dirty, discard.confirmDiscard, UNSAVED_SETTINGS);

  const set = <K extends keyof SettingsFormValues>(field: K, value: SettingsFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setStatus('idle');
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    const found = validateSettings(values);
    setErrors(found);
    setFormError(undefined);
    if (Object.keys(found).length > 0) return;
    setStatus('saving');
    setNotice(null);
    try {
      const isDesktop = desktop !== null;
      const patch = changedSince(toPatch(values, isDesktop), toPatch(baseline, isDesktop));
      const saved = await api.call('settings.update', patch);
      setValues(valuesFromSettings(saved));
      setBaseline(valuesFromSettings(saved));
      setStatus('saved');
      if ('budgets' in patch) {
        // A budget already passed holds runs back at once: say so with the figures.
        setNotice(budgetNotice(saved.budgets, await spentSoFar(api)));
      }
    } catch (error) {
      setStatus('idle');
      const field = error instanceof ApiError ? settingsFieldOf(error.field) : undefined;
      if (field && error instanceof ApiError)
        setErrors({ [field]: stripFieldPrefix(error.message, error.field) });
      else setFormError(error);
    }
  };

  return (
    <>
      <form className="form settings-form" onSubmit={(event) => void save(event)} noValidate>
        <SettingsFields
          values={values}
          errors={errors}
          set={set}
          desktop={desktop !== null}
          permissionModes={PERMISSION_MODES.map((mode) => ({
            value: mode,
            label: PERMISSION_MODE_LABELS[mode],
          }))}
        />
        <ErrorNote error={formError} />
        <div className="form-actions save-bar">
          <button type="submit" className="button primary" disabled={status === 'saving'}>
            Save settings
          </button>
          {dirty && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setValues(baseline);
                setErrors({});
              }}
            >
              Undo changes
            </button>
          )}
          <span
            className={
              dirty
                ? 'save-status unsaved-note'
                : notice && status === 'saved'
                  ? 'save-status save-warning'
                  : 'save-status'
            }
            role="status"
          >
            {status === 'saved' && !dirty ? (notice ?? 'Saved.') : dirty ? 'Unsaved changes' : ''}
          </span>
        </div>
      </form>
      {discard.dialog}
    </>
  );
}
