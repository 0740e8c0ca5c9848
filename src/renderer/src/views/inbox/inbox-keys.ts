// The inbox's keyboard: j/k move the selection, a allows, d denies, Enter goes to the answer.
// Keys typed into a field are text, never shortcuts.
import { useEffect, useRef } from 'react';

export interface InboxKeyActions {
  move: (delta: number) => void;
  allow: () => void;
  deny: () => void;
  focusAnswer: () => void;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

export function useInboxKeys(actions: InboxKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target)) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      // Enter on a focused button or link keeps its own meaning.
      const onControl = target !== null && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName);
      const handlers: Record<string, (() => void) | undefined> = {
        j: () => latest.current.move(1),
        k: () => latest.current.move(-1),
        a: () => latest.current.allow(),
        d: () => latest.current.deny(),
        Enter: onControl ? undefined : () => latest.current.focusAnswer(),
      };
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
