// The plan meter's words for when a window resets, kept apart from its drawing so they can be
// tested alone.
import type { PlanWindowReading } from '../../../../shared/domain';
import { formatMoment } from '../../../../shared/time-format';

/** Beside the percentage, never at odds with it: a window that has reset reads 0 % and empty. */
export function resetNote(reading: PlanWindowReading | null): string {
  if (reading === null) return 'no reading yet';
  if (reading.resetsAt !== null) return `resets ${formatReset(reading.resetsAt)}`;
  return reading.utilization === 0 ? 'empty: starts with the next run' : 'reset time not reported';
}

/** "14:05" today, "Tue 09:00" within the week, a date beyond (the one time format). */
export function formatReset(at: number, now = Date.now()): string {
  return formatMoment(at, now);
}
