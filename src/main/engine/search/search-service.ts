// search.query: the person's words and filters → one page of matching events, newest first, each
// with its run and a marked snippet.
import type { MethodParams } from '../../../shared/contract';
import type { RunEventType, RunStatus, SearchPage, TriggerKind } from '../../../shared/domain';
import type { SearchStore } from '../store/search-store';
import { matchExpression, parseTerms, snippet } from './search-query';

export const SEARCH_DEFAULT_LIMIT = 50;
const PROMPT_PREVIEW_CHARS = 160;
const CATCH_UP_BATCH = 5_000;

export class SearchService {
  constructor(private readonly store: SearchStore) {}

  query(params: MethodParams<'search.query'>): SearchPage {
    // Events written since the background indexer's last step are indexed now, so a result never
    // misses one (usually none or a few; the indexer looks every second).
    let indexed: number;
    do indexed = this.store.indexNew(CATCH_UP_BATCH);
    while (indexed === CATCH_UP_BATCH);
    const terms = parseTerms(params.text);
    const match = matchExpression(terms);
    const indexing = this.store.backfillPending();
    if (match === null) return { hits: [], next: null, indexing };
    const limit = params.limit ?? SEARCH_DEFAULT_LIMIT;
    // One more than asked, to know whether a next page exists without counting every match.
    const rows = this.store.find({
      match,
      taskId: params.taskId,
      statuses: params.statuses,
      triggerKinds: params.triggerKinds,
      place: params.place,
      from: params.from,
      to: params.to,
      beforeEventId: params.before,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      hits: page.map((row) => ({
        eventId: row.eventId,
        runId: row.runId,
        seq: row.seq,
        ts: row.ts,
        // The store holds only what the recorder wrote: these are the domain's own values.
        type: row.type as RunEventType,
        taskId: row.taskId,
        taskTitle: row.taskTitle,
        status: row.status as RunStatus,
        trigger: row.triggerKind as TriggerKind,
        runCreatedAt: row.createdAt,
        promptPreview: row.prompt.slice(0, PROMPT_PREVIEW_CHARS),
        snippet: snippet(row.body, terms),
      })),
      next: rows.length > limit ? (page.at(-1)?.eventId ?? null) : null,
      indexing,
    };
  }
}
