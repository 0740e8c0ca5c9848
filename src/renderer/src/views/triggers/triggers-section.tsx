// The task page's Triggers section: the task's schedules, folder watches and webhooks (live),
// the forms to add each kind, the once-only webhook secret, and a banner while every trigger is
// paused (pausing itself lives in Settings and the tray, not on each task).
import { useEffect, useRef, useState } from 'react';
import type { Task, Trigger, TriggerType } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNote } from '../../components/error-note';
import { CronForm } from './cron-form';
import { FormActions } from './form-actions';
import { PausedBanner, useTriggersPaused } from './pause-all';
import { TriggerCard } from './trigger-card';
import { useTriggerList } from './trigger-list-store';
import { WatchForm } from './watch-form';
import '../../styles/triggers.css';

interface ShownSecret {
  triggerId: string;
  value: string;
  rotated: boolean;
}

const ADD_LABELS: Record<TriggerType, string> = {
  cron: 'Add schedule',
  watch: 'Add folder watch',
  webhook: 'Add webhook',
};

export function TriggersSection(props: { task: Task }) {
  const { task } = props;
  const list = useTriggerList(task.id);
  const pause = useTriggersPaused();
  const [adding, setAdding] = useState<TriggerType | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const wasAdding = useRef<TriggerType | null>(null);

  // Keyboard users land in the form they opened, and back on the button that opened it when it
  // closes (Cancel, Escape or done).
  useEffect(() => {
    const section = sectionRef.current;
    if (adding !== null)
      section?.querySelector('.trigger-form')?.querySelector<HTMLElement>('input, button')?.focus();
    else if (wasAdding.current !== null)
      section
        ?.querySelector<HTMLElement>(
          `.trigger-add-buttons button[data-kind="${wasAdding.current}"]`,
        )
        ?.focus();
    wasAdding.current = adding;
  }, [adding]);

  const triggers = list.triggers;
  const empty = triggers?.length === 0;
  const addButtons = (
    <div className="trigger-add-buttons" role="group" aria-label="Add a trigger">
      {(['cron', 'watch', 'webhook'] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          className="button"
          data-kind={kind}
          onClick={() => setAdding(kind)}
        >
          {ADD_LABELS[kind]}
        </button>
      ))}
    </div>
  );
  const close = (created?: Trigger) => {
    if (created) list.applyLocal({ updated: created });
    setAdding(null);
  };
  return (
    <section aria-labelledby="task-triggers" className="task-triggers" ref={sectionRef}>
      <div className="triggers-head">
        <h2 id="task-triggers">Triggers</h2>
      </div>
      <PausedBanner
        paused={pause.paused}
        onResume={() => void pause.setPaused(false)}
        error={pause.error}
      />
      <ErrorNote error={list.error} onRetry={list.reload} />
      {empty && adding === null && (
        <EmptyState title="Nothing starts this task on its own yet" action={addButtons}>
          Triggers run this task without you: on a schedule (cron), when files change in a folder,
          or when another program calls a webhook. You can always start it by hand with Run now.
        </EmptyState>
      )}
      {triggers && triggers.length > 0 && (
        <div className="trigger-list">
          {triggers.map((trigger) => (
            <TriggerCard
              key={trigger.id}
              trigger={trigger}
              secret={
                secret?.triggerId === trigger.id
                  ? { value: secret.value, rotated: secret.rotated }
                  : null
              }
              onSecret={(triggerId, value) => setSecret({ triggerId, value, rotated: true })}
              onChanged={list.applyLocal}
              onSecretDone={() => setSecret(null)}
            />
          ))}
        </div>
      )}
      <div className="trigger-add">
        {/* Not while the list loads: the buttons would move into the empty state under the pointer. */}
        {adding === null && (triggers ? !empty : list.error !== undefined) && addButtons}
        {adding === 'cron' && <CronForm taskId={task.id} onDone={close} />}
        {adding === 'watch' && <WatchForm taskId={task.id} taskFolder={task.cwd} onDone={close} />}
        {adding === 'webhook' && (
          <WebhookForm
            taskId={task.id}
            onCreated={(trigger, value) => {
              setSecret({ triggerId: trigger.id, value, rotated: false });
              close(trigger);
            }}
            onCancel={() => close()}
          />
        )}
      </div>
    </section>
  );
}

function WebhookForm(props: {
  taskId: string;
  onCreated: (trigger: Trigger, secret: string) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const trigger = await api.call('triggers.create', { taskId: props.taskId, kind: 'webhook' });
      if (trigger.kind === 'webhook' && trigger.secret) props.onCreated(trigger, trigger.secret);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <div
      className="trigger-form"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h3>New webhook</h3>
      <p>
        Another program starts this task with a <code>POST</code> to a URL of this server, sending a
        secret in the <code>X-Switchboard-Secret</code> header. The request body (JSON or text) is
        added to the task’s prompt. The secret is shown once, right after you create it.
      </p>
      <FormActions
        label="Create webhook"
        busy={busy}
        error={error}
        onCancel={props.onCancel}
        onClick={() => void create()}
      />
    </div>
  );
}
