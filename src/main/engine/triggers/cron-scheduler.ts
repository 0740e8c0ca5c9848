// Fires cron slots on time with node-cron, in the trigger's time zone. node-cron keeps no state,
// so what was fired is recorded by the trigger manager (the cursor in SQLite).
import { createTask } from 'node-cron';
import { expandCron } from './cron-schedule';

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
  const task = createTask(
    expandCron(spec.cron),
    (context) => handlers.onSlot(context.date.getTime()),
    {
      timezone: spec.timezone,
    },
  );
  // Listening also keeps node-cron from logging a warning for every missed slot.
  task.on('execution:missed', (context) => handlers.onMissed(context.date.getTime()));
  void task.start();
  return { stop: () => void task.destroy() };
};
