// One trigger of a task: what it is in words, whether it is armed (and why not), its counters,
// the on/off switch, delete, rotate (webhooks) and its recent firings.
import { TriggerBudget } from './trigger-budget';
import { useState, type ReactNode } from 'react';
import type { CronTrigger, Trigger, WatchTrigger, WebhookTrigger } from '../../../../shared/domain';
import { useApi, useDesktop } from '../../api/api-context';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNote } from '../../components/error-note';
import { formatAgo } from '../../components/format';
import { Pill } from '../../components/pill';
import { useLocalApi } from '../../hooks/use-local-api';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';
import { FireTimes } from './fire-times';
import {
  describeCron,
  describeWatch,
  formatExact,
  hasSeconds,
  KIND_LABELS,
  localTimezone,
  plural,
  STATUS_LABELS,
  STATUS_TONES,
  webhookUrl,
} from './trigger-format';
import { TriggerFirings } from './trigger-firings';
import { CopyButton, WebhookSecret } from './webhook-secret';

export interface TriggerCardProps {
  trigger: Trigger;
  /** A webhook secret just made by create or rotate, shown until the person hides it. */
  secret: { value: string; rotated: boolean } | null;
  onSecret: (triggerId: string, secret: string) => void;
  onSecretDone: () => void;
  /** What the API answered, applied before its push arrives. */
  onChanged: (change: { updated: Trigger } | { deletedId: string }) => void;
}

export function TriggerCard(props: TriggerCardProps) {
  const { trigger } = props;
  const api = useApi();
  const now = useNow(trigger.kind === 'cron' ? 1_000 : 30_000);
  const [error, setError] = useState<unknown>(null);
  const titleId = `trigger-${trigger.id}-title`;

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    }
  };
  const setEnabled = (enabled: boolean) =>
    act(async () => {
      const updated = await api.call('triggers.update', { triggerId: trigger.id, enabled });
      props.onChanged({ updated });
    });

  return (
    <article
      className={`trigger-card is-${trigger.status}`}
      aria-labelledby={titleId}
      data-trigger-id={trigger.id}
      data-kind={trigger.kind}
      data-status={trigger.status}
    >
      <header className="trigger-head">
        <div className="trigger-heading">
          <span className="trigger-kind">{KIND_LABELS[trigger.kind]}</span>
          <h3 id={titleId} className="trigger-title">
            {title(trigger)}
          </h3>
        </div>
        <div className="trigger-actions">
          <Pill tone={STATUS_TONES[trigger.status]} data-testid="trigger-status">
            {STATUS_LABELS[trigger.status]}
          </Pill>
          <label className="switch trigger-switch">
            <input
              type="checkbox"
              role="switch"
              checked={trigger.enabled}
              onChange={(event) => void setEnabled(event.target.checked)}
            />
            <span>Enabled</span>
          </label>
          <ConfirmButton
            label="Delete"
            className="button small danger"
            title="Delete this trigger?"
            confirmLabel="Delete trigger"
            onConfirm={() =>
              act(async () => {
                await api.call('triggers.delete', { triggerId: trigger.id });
                props.onChanged({ deletedId: trigger.id });
              })
            }
          >
            {KIND_LABELS[trigger.kind]} “{title(trigger)}” stops starting runs of this task. Its
            past runs stay in the history.
          </ConfirmButton>
        </div>
      </header>

      {trigger.status === 'error' && trigger.error && (
        <p className="trigger-error callout tone-danger" role="alert">
          {trigger.error}
        </p>
      )}
      {trigger.status === 'paused' && (
        <p className="trigger-note">
          {trigger.enabled
            ? 'All triggers are paused, so this one does not fire until they are resumed.'
            : 'Turned off: it does not fire until you turn it on again.'}
        </p>
      )}

      {trigger.kind === 'cron' && <CronBody trigger={trigger} now={now} />}
      {trigger.kind === 'watch' && <WatchBody trigger={trigger} />}
      {trigger.kind === 'webhook' && (
        <WebhookBody
          trigger={trigger}
          secret={props.secret}
          onRotate={(updated, secret) => {
            props.onChanged({ updated });
            props.onSecret(trigger.id, secret);
          }}
          onSecretDone={props.onSecretDone}
        />
      )}

      <TriggerBudget trigger={trigger} onSaved={(updated) => props.onChanged({ updated })} />
      <Counters trigger={trigger} now={now} />
      <ErrorNote error={error} />
      {(trigger.firedCount + trigger.skippedCount > 0 || trigger.queuedSince !== null) && (
        <TriggerFirings trigger={trigger} />
      )}
    </article>
  );
}

function title(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'cron': {
      const words = describeCron(trigger.cron) ?? trigger.cron;
      return trigger.timezone === localTimezone() ? words : `${words} · ${trigger.timezone}`;
    }
    case 'watch':
      return trigger.path;
    case 'webhook':
      return `POST ${trigger.hookPath}`;
  }
}

function Facts(props: { children: ReactNode }) {
  return <dl className="trigger-facts">{props.children}</dl>;
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function CronBody(props: { trigger: CronTrigger; now: number }) {
  const { trigger, now } = props;
  const ownZone = trigger.timezone === localTimezone();
  return (
    <Facts>
      <Fact label="Expression">
        <code className="path">{trigger.cron}</code>
      </Fact>
      <Fact label="Time zone">
        {trigger.timezone}
        {ownZone ? <span className="quiet"> (yours)</span> : null}
      </Fact>
      <Fact label="Next five times">
        <FireTimes
          times={trigger.nextFireTimes}
          now={now}
          withSeconds={hasSeconds(trigger.cron)}
          label="Next five times"
          inactive={trigger.status === 'paused'}
        />
        {!ownZone && <span className="fact-note">In your time ({localTimezone()}).</span>}
      </Fact>
    </Facts>
  );
}

function WatchBody(props: { trigger: WatchTrigger }) {
  const { trigger } = props;
  const words = describeWatch(trigger);
  return (
    <Facts>
      <Fact label="Folder">
        <code className="path">{trigger.path}</code>
      </Fact>
      <Fact label="Files">
        {trigger.glob ? <code className="path">{words.glob}</code> : words.glob}
      </Fact>
      <Fact label="Ignoring">
        {trigger.ignore.length > 0 ? <code className="path">{words.ignore}</code> : words.ignore}
        <span className="quiet"> (.git and node_modules always)</span>
      </Fact>
      <Fact label="Starts on">{words.events}</Fact>
    </Facts>
  );
}

function WebhookBody(props: {
  trigger: WebhookTrigger;
  secret: TriggerCardProps['secret'];
  onRotate: (updated: Trigger, secret: string) => void;
  onSecretDone: () => void;
}) {
  const api = useApi();
  const desktop = useDesktop();
  const { trigger, secret } = props;
  // In the desktop app the engine host answers webhooks on the local API's port, window or not.
  const localApi = useLocalApi();
  const apiUrl = localApi.data?.url ?? null;
  const url = desktop
    ? `${apiUrl ?? 'http://127.0.0.1:<port>'}${trigger.hookPath}`
    : webhookUrl(trigger.hookPath);
  const [error, setError] = useState<unknown>(null);
  const rotate = async () => {
    setError(null);
    try {
      const next = await api.call('triggers.update', { triggerId: trigger.id, rotateSecret: true });
      if (next.kind === 'webhook' && next.secret) props.onRotate(next, next.secret);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <Facts>
        <Fact label="URL">
          <span className="url-line">
            <code className="path">{url}</code>
            {(!desktop || apiUrl !== null) && <CopyButton value={url} label="Copy URL" />}
          </span>
        </Fact>
        <Fact label="Secret">
          <span className="url-line">
            <span className="quiet">
              Sent as the <code>X-Switchboard-Secret</code> header; shown only when made.
            </span>
            <ConfirmButton
              label="Rotate secret"
              className="button small"
              title="Make a new secret?"
              confirmLabel="Rotate secret"
              onConfirm={rotate}
            >
              The current secret stops working at once. Whatever calls this webhook needs the new
              one, which is shown once.
            </ConfirmButton>
          </span>
        </Fact>
      </Facts>
      {desktop && apiUrl === null && (
        <p className="trigger-note">
          The local API is not answering, so this webhook is not either. Turn it on (or pick a free
          port) in Settings → Local API.
        </p>
      )}
      <ErrorNote error={error} />
      {secret && (
        <WebhookSecret
          url={url}
          secret={secret.value}
          rotated={secret.rotated}
          onDone={props.onSecretDone}
        />
      )}
    </>
  );
}

function Counters(props: { trigger: Trigger; now: number }) {
  const { trigger, now } = props;
  const when = (at: number) => (
    <time dateTime={new Date(at).toISOString()} title={formatExact(at)}>
      {formatAgo(at, now)}
    </time>
  );
  if (trigger.firedCount === 0 && trigger.skippedCount === 0 && trigger.queuedSince === null)
    return (
      <p className="trigger-counters" data-testid="trigger-counters">
        Not fired yet.
      </p>
    );
  return (
    <p className="trigger-counters" data-testid="trigger-counters">
      <span>
        Started {trigger.firedCount} run{plural(trigger.firedCount)}
        {trigger.lastFiredAt !== null && <>, last {when(trigger.lastFiredAt)}</>}
        {trigger.lastRunId !== null && (
          <>
            {' '}
            · <Link to={`/runs/${trigger.lastRunId}`}>latest run</Link>
          </>
        )}
      </span>
      <span>
        Skipped {trigger.skippedCount}
        {trigger.lastSkippedAt !== null && <>, last {when(trigger.lastSkippedAt)}</>}
      </span>
      {trigger.queuedSince !== null && (
        <span>One firing waits for the current run to end (since {when(trigger.queuedSince)})</span>
      )}
    </p>
  );
}
