// An error in plain words, for a failed load or action. "Not reachable" goes away by itself once
// the engine is heard from again: it described the connection, which is back.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../shared/errors';
import { useEngineHeard } from '../api/api-context';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return stripFieldPrefix(error.message, error.field);
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The server says "cwd: the folder … does not exist"; next to the field, the prefix is noise. */
export function stripFieldPrefix(message: string, field: string | undefined): string {
  if (field !== undefined && message.startsWith(`${field}: `))
    return message.slice(field.length + 2);
  return message;
}

/**
 * Whether a failed read means the thing is gone (deleted), not that this read failed: a view
 * that already shows it keeps it on screen after a read that merely failed (a dropped connection).
 */
export function isGone(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'not_found';
}

/** `what` names what failed when a page has more than one thing that can ("The transcript …"). */
/** A call that failed because the engine could not be reached at all. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'unavailable';
}

export function ErrorNote(props: { error: unknown; what?: string; onRetry?: () => void }) {
  const shown = useRef<unknown>(props.error);
  useEffect(() => {
    shown.current = props.error;
  });
  const [outdated, setOutdated] = useState<unknown>(undefined);
  useEngineHeard(() => {
    if (isUnreachable(shown.current)) setOutdated(shown.current);
  });
  if (props.error === undefined || props.error === null || props.error === outdated) return null;
  return (
    <div className="error-note callout tone-danger" role="alert">
      <span>
        {props.what && <strong>{props.what} </strong>}
        {errorMessage(props.error)}
      </span>
      {props.onRetry && (
        <button type="button" className="button small" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
