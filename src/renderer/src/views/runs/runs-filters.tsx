// The Runs view's filter bar: status, task, how it started, where it ran (once places exist), a
// date range and a search box (the search waits for a pause in typing before it asks the engine).
import { useEffect, useRef, useState } from 'react';
import { PLACE_HERE, type Place, type Task } from '../../../../shared/domain';
import { naturalCompare } from '../../components/natural-sort';
import { SearchFilter } from '../../components/search-filter';
import { STATUS_CHOICES, TRIGGER_CHOICES, type RunsFilter } from './runs-filter';

const SEARCH_PAUSE_MS = 250;

export function RunsFilters(props: {
  filter: RunsFilter;
  tasks: Task[];
  /** Saved places: the "Where" choice shows once there is one (or a filter names one). */
  places: Place[];
  onChange: (patch: Partial<RunsFilter>) => void;
  /** False: no search box (the search page has its own, over every event). */
  search?: boolean;
}) {
  const { filter, onChange } = props;
  const [search, setSearch] = useState(filter.q);
  const latestChange = useRef(onChange);
  useEffect(() => {
    latestChange.current = onChange;
  });
  const hasSearch = props.search !== false;
  useEffect(() => {
    if (!hasSearch || search === filter.q) return;
    const timer = setTimeout(() => latestChange.current({ q: search }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [hasSearch, search, filter.q]);
  const tasks = [...props.tasks].sort((a, b) => naturalCompare(a.title, b.title));
  return (
    <div className="runs-filters" role="search" aria-label="Filter runs">
      {hasSearch && (
        <SearchFilter
          label="Search"
          value={search}
          placeholder="Words in prompts and results"
          onChange={setSearch}
        />
      )}
      <label className="filter">
        <span>Status</span>
        <select
          value={filter.status}
          onChange={(event) => onChange({ status: event.target.value })}
        >
          <option value="">Any status</option>
          {STATUS_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Task</span>
        <select value={filter.task} onChange={(event) => onChange({ task: event.target.value })}>
          <option value="">Any task</option>
          {tasks.map((task) => (
            <option key={task.id} value={task.id}>
              {task.title}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Started by</span>
        <select
          value={filter.trigger}
          onChange={(event) => onChange({ trigger: event.target.value })}
        >
          <option value="">Anything</option>
          {TRIGGER_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      {(props.places.length > 0 || filter.place !== '') && (
        <label className="filter">
          <span>Where</span>
          <select
            value={filter.place}
            onChange={(event) => onChange({ place: event.target.value })}
          >
            <option value="">Anywhere</option>
            <option value={PLACE_HERE}>This machine</option>
            {props.places.map((place) => (
              <option key={place.id} value={place.id}>
                {place.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="filter filter-date">
        <span>From</span>
        <input
          type="date"
          value={filter.from}
          onChange={(event) => onChange({ from: event.target.value })}
        />
      </label>
      <label className="filter filter-date">
        <span>To</span>
        <input
          type="date"
          value={filter.to}
          onChange={(event) => onChange({ to: event.target.value })}
        />
      </label>
    </div>
  );
}
