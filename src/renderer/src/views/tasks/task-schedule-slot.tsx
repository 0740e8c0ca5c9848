// Where the task views show triggers (schedules, folder watches, webhooks): the "Next" cell in
// the task list and the "Triggers" section on the task page. The work lives in views/triggers.
import type { Task } from '../../../../shared/domain';
import { NextScheduled } from '../triggers/next-scheduled';
import { TriggersSection } from '../triggers/triggers-section';

/** The task list's "Next scheduled" cell. */
export function NextScheduledCell(props: { task: Task }) {
  return <NextScheduled task={props.task} />;
}

/** The task page's section listing what starts this task besides a person. */
export function TaskTriggersSection(props: { task: Task }) {
  return <TriggersSection task={props.task} />;
}
