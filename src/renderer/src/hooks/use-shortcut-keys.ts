// Single-key shortcuts on the whole page (j/k, a/d, Enter): keys typed into a field are text,
// never shortcuts, and keys held with Ctrl, Cmd or Alt are left to others.
import { useEffect, useRef } from 'react';

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/** True when the key went to a button or link (whose Enter keeps its own meaning). */
export function isOnControl(event: KeyboardEvent, tags = ['BUTTON', 'A', 'SUMMARY']): boolean {
  return event.target instanceof HTMLElement && tags.includes(event.target.tagName);
}

export type ShortcutMap = Partial<Record<string, () => void>>;

/**
 * `shortcuts` gives, for each key press, the action of each key (from the latest render's state);
 * a key with an action is taken (its default prevented), any other is left alone.
 */
export function useShortcutKeys(shortcuts: (event: KeyboardEvent) => ShortcutMap): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target)) return;
      const action = latest.current(event)[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
