// What a discard and its undo did, in words that count truthfully: how many of the run's changes
// were taken back, which files someone else changed and were left as they are, which the person
// chose to keep, and which were left alone and why.
import type { RestoreOutcome } from './in-place-restore';
import type { UndoOutcome } from './discard-undo';

export function discardMessage(outcome: RestoreOutcome): string {
  const { restored, keptMine, others, skipped } = outcome;
  const parts =
    outcome.partly.length > 0 && restored.length === 0
      ? []
      : [
          restored.length === 0
            ? 'Took back none of the run’s changes'
            : `Took back ${restored.length} of the run’s changes`,
        ];
  if (others.length > 0) {
    parts.push(
      `${files(others.length)} changed by someone else ${others.length === 1 ? 'was' : 'were'} left as ${others.length === 1 ? 'it is' : 'they are'}`,
    );
  }
  if (keptMine.length > 0) {
    parts.push(`kept your version of ${files(keptMine.length)} both changed (${list(keptMine)})`);
  }
  for (const part of outcome.partly) {
    parts.push(
      `took back ${part.hunks} of the ${part.of} changes to ${part.path} and left the others`,
    );
  }
  const said = parts.join('; ');
  let message = `${said.charAt(0).toUpperCase()}${said.slice(1)}.`;
  if (skipped.length > 0) {
    const named = skipped.map((s) => `${s.path} (${s.reason})`);
    message += ` Left alone: ${named.join(', ')}.`;
  }
  if (outcome.unkept.length > 0) {
    message += ` Could not take back, their content was not kept: ${list(outcome.unkept)}.`;
  }
  return message;
}

export function undoMessage(outcome: UndoOutcome, shown: (path: string) => string): string {
  const put = `Undid the discard: put back ${files(outcome.restored.length)} as ${outcome.restored.length === 1 ? 'it was' : 'they were'} before it.`;
  if (outcome.skipped.length === 0) return put;
  return `${put} Left alone, changed since the discard: ${list(outcome.skipped.map(shown))}.`;
}

function files(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}

function list(paths: string[]): string {
  const shown = paths.slice(0, 10).join(', ');
  return paths.length > 10 ? `${shown} and ${paths.length - 10} more` : shown;
}
