// The search page's address: the words and the same filters as the Runs view (status, task,
// trigger, place, dates), so Back, reload and the palette's "Search everything" all land on one state.
import type { MethodInput } from '../../../../shared/contract';
import type { SearchHit } from '../../../../shared/domain';
import { filterPath, parseFilter, toQuery, type RunsFilter } from '../runs/runs-filter';

export const SEARCH_PAGE_SIZE = 50;

export const parseSearch = parseFilter;

export function searchPath(filter: RunsFilter): string {
  return filterPath({ ...filter, page: 1 }).replace(/^\/runs/, '/search');
}

export function toSearchQuery(filter: RunsFilter, before?: number): MethodInput<'search.query'> {
  const runs = toQuery(filter) ?? {};
  return {
    ...(runs.statuses ? { statuses: runs.statuses } : {}),
    ...(runs.triggerKinds ? { triggerKinds: runs.triggerKinds } : {}),
    ...(runs.taskId !== undefined ? { taskId: runs.taskId } : {}),
    ...(runs.place !== undefined ? { place: runs.place } : {}),
    ...(runs.from !== undefined ? { from: runs.from } : {}),
    ...(runs.to !== undefined ? { to: runs.to } : {}),
    text: filter.q,
    limit: SEARCH_PAGE_SIZE,
    ...(before !== undefined ? { before } : {}),
  };
}

/**
 * Where a hit opens: its run at its event, with that event's matched word found and marked by the
 * transcript's own find (the run page reads `event` and `find`).
 */
export function hitPath(hit: SearchHit): string {
  const word = hit.snippet.find((part) => part.match)?.text;
  const params = new URLSearchParams({ event: String(hit.seq) });
  if (word) params.set('find', word);
  return `/runs/${encodeURIComponent(hit.runId)}?${params.toString()}`;
}
