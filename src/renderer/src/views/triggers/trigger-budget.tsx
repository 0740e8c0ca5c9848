// A trigger's own daily budget on its card: what its runs may spend per day (e.g. a webhook
// anyone can call), saved on blur or Enter; empty means no limit of its own.
import { useState } from 'react';
import type { Trigger } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';

export function TriggerBudget(props: { trigger: Trigger; onSaved: (updated: Trigger) => void }) {
  const api = useApi();
  const { trigger } = props;
  const shown = trigger.dailyBudgetUsd === null ? '' : String(trigger.dailyBudgetUsd);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<unknown>(undefined);
  const id = `trigger-budget-${trigger.id}`;

  const save = async () => {
    const trimmed = text.trim();
    const value = trimmed === '' ? null : Number(trimmed);
    if (value !== null && !(Number.isFinite(value) && value > 0)) {
      setError(new Error('Use an amount above 0, or leave it empty for no limit.'));
      return;
    }
    if (value === trigger.dailyBudgetUsd) return;
    setError(undefined);
    try {
      props.onSaved(
        await api.call('triggers.update', { triggerId: trigger.id, dailyBudgetUsd: value }),
      );
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="trigger-budget">
      <label htmlFor={id}>Daily budget (USD)</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        placeholder="no limit"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => void save()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void save();
        }}
      />
      <span className="field-hint">Its runs wait once they have spent this today.</span>
      <ErrorNote error={error} />
    </div>
  );
}
