// /search: one search over every run's prompts, answers, tool calls and output, file paths and
// errors, newest first, with the Runs view's filters. Each hit shows its run and the words that
// matched, and opens the run at that event with the words marked.
import { useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchPage } from '../../../../shared/domain';
import type { RunStateInput } from '../../../../shared/run-state';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { formatDateTime, TRIGGER_LABELS } from '../../components/format';
import { StatusBadge } from '../../components/status-badge';
import { useApiData } from '../../hooks/use-api-data';
import { Link, navigate, useLocation } from '../../router/router';
import { RunsFilters } from '../runs/runs-filters';
import type { RunsFilter } from '../runs/runs-filter';
import { hitPath, parseSearch, searchPath, toSearchQuery } from './search-filter';

const EVENT_LABELS: Partial<Record<SearchHit['type'], string>> = {
  prompt: 'Prompt',
  text: 'Answer',
  thinking: 'Thinking',
  tool_use: 'Tool call',
  tool_result: 'Tool output',
  error: 'Error',
  status: 'Status',
  approval_decided: 'Decision',
  retry: 'Retry',
};

export function SearchView() {
  const api = useApi();
  const location = useLocation();
  const filter = parseSearch(location.slice(location.indexOf('?') + 1 || location.length));
  const queryKey = JSON.stringify(toSearchQuery(filter));
  const hasWords = filter.q.trim() !== '';
  const first = useApiData<SearchPage | null>(
    () => (hasWords ? api.call('search.query', toSearchQuery(filter)) : Promise.resolve(null)),
    [api, queryKey],
  );
  const tasks = useApiData(() => api.call('tasks.list', {}), [api]);
  const places = useApiData(() => api.call('places.list', {}), [api]);
  const [older, setOlder] = useState<{ key: string; pages: SearchPage[] }>({ key: '', pages: [] });
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const pages = older.key === queryKey ? older.pages : [];
  const last = pages.at(-1) ?? first.data;
  const hits = [...(first.data?.hits ?? []), ...pages.flatMap((page) => page.hits)];

  const change = (patch: Partial<RunsFilter>) =>
    navigate(searchPath({ ...filter, ...patch }), { replace: true });
  const showOlder = () => {
    const before = last?.next;
    if (!before) return;
    api
      .call('search.query', toSearchQuery(filter, before))
      .then((page) => setOlder({ key: queryKey, pages: [...pages, page] }), setMoreError);
  };

  return (
    <div className="page search-page">
      <div className="page-head">
        <h1>Search</h1>
      </div>
      <SearchBox value={filter.q} onChange={(q) => change({ q })} />
      <RunsFilters
        filter={filter}
        tasks={tasks.data ?? []}
        places={places.data ?? []}
        onChange={change}
        search={false}
      />
      <ErrorNote error={first.error} onRetry={first.reload} />
      {first.data?.indexing && (
        <p className="search-note" role="status">
          Older runs are still being indexed; some older matches may be missing for now.
        </p>
      )}
      {!hasWords && (
        <p className="search-hint">
          Search every run&rsquo;s prompts, answers, tool calls and their output, file paths and
          errors. Put words in quotes to find them together.
        </p>
      )}
      {hasWords && first.data && (
        <p className="runs-count" role="status" data-testid="search-count">
          {hits.length === 0
            ? 'Nothing matches.'
            : `${hits.length.toLocaleString('en')}${last?.next ? '+' : ''} matches, newest first`}
        </p>
      )}
      {hits.length > 0 && (
        <ol className="search-hits" aria-label="Matches">
          {hits.map((hit) => (
            <SearchHitRow key={hit.eventId} hit={hit} />
          ))}
        </ol>
      )}
      <ErrorNote error={moreError} />
      {last?.next && (
        <button type="button" className="button" onClick={showOlder}>
          Show older matches
        </button>
      )}
      {hasWords && !first.data && !first.error && <p className="loading">Searching…</p>}
    </div>
  );
}

/** The words, sent once typing pauses; it holds the focus when the page opens. */
function SearchBox(props: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(props.value);
  const latest = useRef(props.onChange);
  useEffect(() => {
    latest.current = props.onChange;
  });
  useEffect(() => {
    if (text === props.value) return;
    const timer = setTimeout(() => latest.current(text), 200);
    return () => clearTimeout(timer);
  }, [text, props.value]);
  return (
    <label className="search-box">
      <span className="visually-hidden">Search every run</span>
      <input
        type="search"
        // The page exists to type into this box.
        autoFocus
        value={text}
        placeholder="Words in prompts, answers, tool output, file paths, errors…"
        onChange={(event) => setText(event.target.value)}
      />
    </label>
  );
}

/** A hit carries only its run's status, as it stood when searched: the badge says that much. */
function hitRun(hit: SearchHit): RunStateInput {
  return {
    status: hit.status,
    error: null,
    heldReason: null,
    parkedUntil: null,
    stalledAt: null,
    retryAt: null,
    retryLimit: 0,
    trigger: { kind: hit.trigger },
    taskId: hit.taskId,
    planWindow: null,
  };
}

function SearchHitRow(props: { hit: SearchHit }) {
  const { hit } = props;
  return (
    <li className="search-hit">
      <Link to={hitPath(hit)} className="search-hit-link">
        <span className="search-hit-head">
          <span className="search-hit-task">{hit.taskTitle}</span>
          <StatusBadge run={hitRun(hit)} now={hit.ts} />
          <span className="search-hit-meta">
            {EVENT_LABELS[hit.type] ?? hit.type} · {TRIGGER_LABELS[hit.trigger]} ·{' '}
            {formatDateTime(hit.ts)}
          </span>
        </span>
        <span className="search-hit-snippet" data-testid="search-snippet">
          {hit.snippet.map((part, index) =>
            part.match ? <mark key={index}>{part.text}</mark> : part.text,
          )}
        </span>
        <span className="search-hit-prompt">{hit.promptPreview}</span>
      </Link>
    </li>
  );
}
