// JSON export: one document with the runs and every event as stored (redacted), written a piece
// at a time: `{"format": …, "runs": [...], "events": [` event, event, … `]}`.
import type { Run, RunEvent } from '../../../shared/domain';
import type { ExportWriter } from './export-format';

export function jsonWriter(exportedAt: number): ExportWriter {
  let first = true;
  return {
    start: (runs: readonly Run[]) =>
      `{"format":"switchboard-transcript","version":1,"exportedAt":${exportedAt},` +
      `"runs":${JSON.stringify(runs)},"events":[`,
    runStart: () => '',
    event(event: RunEvent) {
      const piece = (first ? '\n' : ',\n') + JSON.stringify(event);
      first = false;
      return piece;
    },
    runEnd: () => '',
    end: () => '\n]}\n',
  };
}
