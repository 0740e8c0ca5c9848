// Fires cron slots on time with node-cron, in the trigger's time zone. node-cron keeps no state,
// so what was fired is recorded by the trigger manager (the cursor in SQLite).
import { createTask } from 'node-cron';
import { cronPatterns } from './cron-calendar';

export interface CronHandlers {
  /** A slot fell due (its scheduled time, epoch ms). */
  onSlot: (slotAt: number) => void;
  /** A slot passed without firing (the computer slept, the event loop was blocked). */
  onMissed: (slotAt: number) => void;
}

export type CronScheduler = (
  spec: { cron: string; timezone: string },
  handlers: CronHandlers,
) => { stop: () => void };

export const nodeCronScheduler: CronScheduler = (spec, handlers) => {
  // An expression restricting both day fields runs as two tasks (see cronPatterns); on a day both
  // match, both report the same slot, and only the first report counts.
  let lastSlotAt = -Infinity;
  const once = (report: (slotAt: number) => void) => (slotAt: number) => {
    if (slotAt <= lastSlotAt) return;
    lastSlotAt = slotAt;
    report(slotAt);
  };
  const onSlot = once(handlers.onSlot);
  const onMissed = once(handlers.onMissed);
  const tasks = cronPatterns(spec.cron).map((pattern) => {
    const task = createTask(pattern, (context) => onSlot(context.date.getTime()), {
      timezone: spec.timezone,
    });
    // Listening also keeps node-cron from logging a warning for every missed slot.
    task.on('execution:missed', (context) => onMissed(context.date.getTime()));
    void task.start();
    return task;
  });
  return { stop: () => tasks.forEach((task) => void task.destroy()) };
};
