// The tray's plan lines: the 5-hour and weekly windows with their reset times, and a line for a
// used-up window, so a plan login sees why runs wait without opening the panel.
import type { MenuItemConstructorOptions } from 'electron';
import type { PlanLimits, PlanWindowReading } from '../../shared/domain';

export function planMenuItems(
  limits: PlanLimits | null,
  open: () => void,
  now = Date.now(),
): MenuItemConstructorOptions[] {
  if (!limits?.available) return [];
  const items: MenuItemConstructorOptions[] = [
    { label: 'Plan usage', enabled: false },
    { label: windowLine('5-hour', limits.fiveHour, now), click: open },
    { label: windowLine('Weekly', limits.sevenDay, now), click: open },
  ];
  if (limits.exhausted) {
    items.push({
      label: `Limit reached — runs wait until ${clock(limits.exhausted.until, now)}`,
      click: open,
    });
  } else if (limits.hold) {
    items.push({ label: 'Scheduled runs held near the limit', click: open });
  }
  return [...items, { type: 'separator' }];
}

function windowLine(name: string, reading: PlanWindowReading | null, now: number): string {
  if (reading === null) return `${name}: no reading yet`;
  const percent = `${Math.round(reading.utilization * 100)} %`;
  return reading.resetsAt === null
    ? `${name}: ${percent}`
    : `${name}: ${percent} · resets ${clock(reading.resetsAt, now)}`;
}

/** "14:05" today, "Tue 14:05" on another day. */
function clock(at: number, now: number): string {
  const date = new Date(at);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString('en', { weekday: 'short' })} ${time}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
