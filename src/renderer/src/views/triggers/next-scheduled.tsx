// The task list's "Next" cell: when a schedule fires next (relative, exact time on hover), or
// that a folder watch or webhook can start the task. Every row shares one live trigger list.
import type { Task, Trigger } from '../../../../shared/domain';
import { useNow } from '../../hooks/use-now';
import { formatExact, formatIn, upcoming } from './trigger-format';
import { useTriggerList } from './trigger-list-store';
import '../../styles/triggers.css';

export function NextScheduled(props: { task: Task }) {
  const { triggers } = useTriggerList();
  const mine = (triggers ?? []).filter((trigger) => trigger.taskId === props.task.id);
  const hasCron = mine.some((trigger) => trigger.kind === 'cron' && trigger.status !== 'paused');
  const now = useNow(hasCron ? 5_000 : 60_000);
  if (triggers === undefined) return <span className="quiet">…</span>;

  const live = mine.filter((trigger) => trigger.status !== 'paused');
  const soonest = Math.min(
    ...live.flatMap((trigger) =>
      trigger.kind === 'cron' ? upcoming(trigger.nextFireTimes, now).slice(0, 1) : [],
    ),
  );
  const lines: { key: string; text: string; title?: string; warn?: boolean }[] = [];
  if (Number.isFinite(soonest))
    lines.push({ key: 'cron', text: formatIn(soonest, now), title: formatExact(soonest) });
  const watch = live.find((trigger) => trigger.kind === 'watch');
  if (watch) lines.push(watchLine(watch));
  if (live.some((trigger) => trigger.kind === 'webhook'))
    lines.push({ key: 'hook', text: 'Webhook' });

  if (lines.length === 0) {
    return mine.length > 0 ? (
      <span className="quiet" title="Its triggers are turned off or all triggers are paused">
        Paused
      </span>
    ) : (
      <span className="quiet" aria-label="Nothing scheduled">
        —
      </span>
    );
  }
  return (
    <span className="next-scheduled">
      {lines.map((line, index) => (
        <span
          key={line.key}
          className={
            [index > 0 ? 'cell-sub' : '', line.warn ? 'next-warn' : ''].join(' ').trim() ||
            undefined
          }
          title={line.title}
        >
          {line.text}
        </span>
      ))}
    </span>
  );
}

function watchLine(trigger: Trigger) {
  if (trigger.status !== 'error') return { key: 'watch', text: 'Watching folder' };
  const missing = trigger.error?.endsWith('does not exist') ?? false;
  return {
    key: 'watch',
    text: missing ? 'Folder missing' : 'Watch error',
    title: trigger.error ?? undefined,
    warn: true,
  };
}
