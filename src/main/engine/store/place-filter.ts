// The place filter of runs.query and search.query: a place's id, or `here` for runs on this
// machine (a run records where it ran as JSON, or nothing when it ran here).
import { PLACE_HERE } from '../../../shared/domain';

export function placeCondition(place: string, column: string): { sql: string; args: string[] } {
  return place === PLACE_HERE
    ? { sql: `${column} IS NULL`, args: [] }
    : { sql: `json_extract(${column}, '$.id') = ?`, args: [place] };
}
