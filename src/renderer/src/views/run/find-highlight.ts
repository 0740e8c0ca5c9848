// Marks find matches in the drawn transcript rows with the CSS Custom Highlight API (no change to
// the rows' DOM, which React owns), and scrolls one match into view through nested scrollers.

const ALL = 'transcript-find';
const CURRENT = 'transcript-find-current';
/** Labels, buttons and icons that are not part of what was said: never matched. */
const SKIP = '[data-find-skip], button.copy-button, .prompt-mark, .tool-chevron, .tool-state';

/** Every match of `needle` in an element's readable text, as ranges (one may span nodes). */
export function rangesIn(element: Element, needle: string): Range[] {
  const lowerNeedle = needle.toLowerCase();
  if (lowerNeedle === '') return [];
  const nodes: Text[] = [];
  let text = '';
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const starts: number[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node instanceof Text)) continue;
    starts.push(text.length);
    nodes.push(node);
    text += node.data;
  }
  const haystack = text.toLowerCase();
  const ranges: Range[] = [];
  for (let at = haystack.indexOf(lowerNeedle); at !== -1;) {
    const start = locate(starts, nodes, at);
    const end = locate(starts, nodes, at + lowerNeedle.length);
    if (start && end) {
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      ranges.push(range);
    }
    at = haystack.indexOf(lowerNeedle, at + lowerNeedle.length);
  }
  return ranges;
}

function locate(
  starts: readonly number[],
  nodes: readonly Text[],
  at: number,
): { node: Text; offset: number } | null {
  // The last node starting at or before `at` (binary search: a chunk row has one big node, a
  // Markdown row many small ones).
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((starts[mid] ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  const node = nodes[low];
  const start = starts[low];
  if (!node || start === undefined) return null;
  return { node, offset: Math.min(at - start, node.data.length) };
}

export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export function showHighlights(all: readonly Range[], current: Range | null): void {
  if (!supportsHighlights()) return;
  CSS.highlights.set(ALL, new Highlight(...all));
  if (current) CSS.highlights.set(CURRENT, new Highlight(current));
  else CSS.highlights.delete(CURRENT);
}

export function clearHighlights(): void {
  if (!supportsHighlights()) return;
  CSS.highlights.delete(ALL);
  CSS.highlights.delete(CURRENT);
}

/**
 * Scrolls each scrolling box around the range, innermost first, so the range is in view. The
 * outermost box (the virtualised list) moves through `scrollOuter`, so the list's own scrolling
 * aims at the same place instead of undoing the move.
 */
export function scrollRangeIntoView(
  range: Range,
  outermost: HTMLElement,
  scrollOuter: (top: number) => void,
): void {
  const start = range.startContainer;
  let box: HTMLElement | null = start instanceof HTMLElement ? start : start.parentElement;
  while (box) {
    if (box === outermost || scrolls(box)) {
      const rect = range.getBoundingClientRect();
      const view = box.getBoundingClientRect();
      const margin = Math.min(80, view.height / 3);
      if (rect.top < view.top + margin || rect.bottom > view.bottom - margin) {
        const top = box.scrollTop + rect.top - view.top - view.height / 2 + rect.height / 2;
        if (box === outermost) scrollOuter(top);
        else box.scrollTop = top;
      }
      if (rect.left < view.left || rect.right > view.right) {
        box.scrollLeft += rect.left - view.left - view.width / 2;
      }
    }
    if (box === outermost) return;
    box = box.parentElement;
  }
}

function scrolls(element: HTMLElement): boolean {
  if (element.scrollHeight <= element.clientHeight && element.scrollWidth <= element.clientWidth)
    return false;
  const style = getComputedStyle(element);
  return /(auto|scroll)/.test(style.overflowY + style.overflowX);
}
