// Slots for the triggers work (cron, folder watches, webhooks): the "Next run" cell in the task list
// and the "Triggers" section on the task page. Until the API has triggers.*, they say so plainly.
import type { Task } from '../../../../shared/domain';

/** The task list's "Next scheduled" cell. */
export function NextScheduledCell(_props: { task: Task }) {
  return <span className="quiet">By hand</span>;
}

/** The task page's section listing what starts this task besides a person. */
export function TaskTriggersSection(_props: { task: Task }) {
  return (
    <section aria-labelledby="task-triggers" className="task-triggers">
      <h2 id="task-triggers">Triggers</h2>
      <p className="quiet">
        This task runs when you start it: Run now, the tray, or by dropping files on the window.
      </p>
    </section>
  );
}
