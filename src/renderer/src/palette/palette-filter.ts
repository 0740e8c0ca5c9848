// How a typed query picks among the palette's items, fuzzy: "chgwriter" finds "Changelog writer".
// A query word matches a label when its letters appear in it in order; a match scores higher the
// more of its letters start words or follow each other, so the intended item comes first.

/** What filtering reads of a palette item (palette-items' PaletteItem has these). */
interface Filterable {
  id: string;
  label: string;
  detail?: string;
}

/** A score for `word` in `text` (both lower case), or null when its letters are not all there. */
export function fuzzyScore(word: string, text: string): number | null {
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const letter of word) {
    const at = text.indexOf(letter, from);
    if (at === -1) return null;
    if (at === previous + 1) score += 3;
    const before = at === 0 ? ' ' : (text[at - 1] ?? ' ');
    if (/[\s:·/_\-.]/.test(before)) score += 2;
    score -= Math.min(3, at - from) * 0.1;
    previous = at;
    from = at + 1;
  }
  return score;
}

/**
 * How well `query` matches an item: 'exact' when every word is in `text` as typed (the order
 * items already have stands), else the sum of each word's fuzzy score in `fuzzyText`, or null.
 * Fuzzy matching keeps to `fuzzyText` (a label): over long prompts nearly anything would match.
 */
export function matchQuery(
  words: readonly string[],
  text: string,
  fuzzyText: string,
): 'exact' | number | null {
  if (words.every((word) => text.includes(word))) return 'exact';
  let total = 0;
  for (const word of words) {
    if (text.includes(word)) {
      total += word.length * 3;
      continue;
    }
    const score = fuzzyScore(word, fuzzyText);
    if (score === null) return null;
    total += score;
  }
  return total;
}

/** Items where every typed word appears in the label or the detail come first, in their order,
 *  with runs found by the engine's search (in prompts and results); then fuzzy matches of the
 *  label ("chgwriter" → "Changelog writer"), best first. */
export function filterItems<Item extends Filterable>(
  items: readonly Item[],
  query: string,
  searchedRunIds: ReadonlySet<string>,
): Item[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const exact: Item[] = [];
  const fuzzy: { item: Item; score: number }[] = [];
  const last: Item[] = [];
  for (const item of items) {
    // "Search everything for …" stays, whatever was typed, after every match (Enter keeps
    // choosing the best match).
    if (item.id === 'search-all') {
      last.push(item);
      continue;
    }
    if (item.id.startsWith('run:') && searchedRunIds.has(item.id.slice(4))) {
      exact.push(item);
      continue;
    }
    const label = item.label.toLowerCase();
    const match = matchQuery(words, `${label} ${item.detail?.toLowerCase() ?? ''}`, label);
    if (match === 'exact') exact.push(item);
    else if (match !== null) fuzzy.push({ item, score: match });
  }
  fuzzy.sort((a, b) => b.score - a.score);
  return [...exact, ...fuzzy.map((entry) => entry.item), ...last];
}
