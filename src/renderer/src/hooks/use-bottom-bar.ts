// A bar fixed to the bottom of the window (the follow-up box) says how tall it is, so toasts
// stand above it instead of covering its buttons (--bottom-bar, read by .toast-stack).
import { useLayoutEffect, type RefObject } from 'react';

export function useBottomBar(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--bottom-bar', `${element.offsetHeight}px`);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--bottom-bar');
    };
  }, [ref]);
}
