// Quiet hours: local clock times during which a channel holds its messages until they end.
import type { QuietHours } from '../../../shared/away';

/** When the quiet hours that `now` falls in end, or null when `now` is outside them. */
export function quietUntil(now: number, quiet: QuietHours | null): number | null {
  if (!quiet || quiet.from === quiet.to) return null;
  const minuteOf = (time: string) => {
    const [hours = 0, minutes = 0] = time.split(':').map(Number);
    return hours * 60 + minutes;
  };
  const date = new Date(now);
  const current = date.getHours() * 60 + date.getMinutes();
  const from = minuteOf(quiet.from);
  const to = minuteOf(quiet.to);
  const inside = from < to ? current >= from && current < to : current >= from || current < to;
  if (!inside) return null;
  const end = new Date(now);
  end.setHours(Math.floor(to / 60), to % 60, 0, 0);
  if (end.getTime() <= now) end.setDate(end.getDate() + 1);
  return end.getTime();
}
