// How numbers, money, times and durations read in the panel.
import type { TriggerKind } from '../../../shared/domain';

export function formatUsd(value: number): string {
  if (value === 0) return '$0.00';
  if (Math.abs(value) < 0.01) return `$${value.toFixed(4)}`;
  if (Math.abs(value) < 1) return `$${value.toFixed(3)}`;
  return `$${value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Axis ticks: whole cents ("$0.90"), fractions of a cent only when the scale is that small. */
export function formatUsdTick(value: number): string {
  if (value === 0) return '$0';
  if (Math.abs(value) < 0.01) return `$${Number(value.toPrecision(2))}`;
  return `$${value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatTokens(value: number): string {
  if (value < 1_000) return String(value);
  if (value < 1_000_000) return `${(value / 1_000).toFixed(value < 10_000 ? 1 : 0)}k`;
  return `${(value / 1_000_000).toFixed(1)}M`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Short spans to a tenth of a second ("0.4 s"), longer ones as formatDuration does. */
export function formatShortDuration(ms: number): string {
  if (ms < 0) return '0 s';
  if (ms < 10_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  return formatDuration(ms);
}

export function formatAgo(at: number, now: number): string {
  const seconds = Math.round((now - at) / 1_000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  return new Date(at).toLocaleDateString();
}

export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export const TRIGGER_LABELS: Record<TriggerKind, string> = {
  manual: 'started by hand',
  tray: 'started from the tray',
  drop: 'started by a drop',
  followup: 'follow-up',
  resume: 'resumed',
  cron: 'on schedule',
  watch: 'folder change',
  webhook: 'webhook',
};

/** The first words of a text, for titles and one-line summaries. */
export function firstWords(text: string, maxWords: number, maxChars = 60): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let out = words.slice(0, maxWords).join(' ');
  if (out.length > maxChars) out = `${out.slice(0, maxChars - 1).trimEnd()}…`;
  else if (words.length > maxWords) out += '…';
  return out;
}

export function oneLine(text: string, maxChars = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}
