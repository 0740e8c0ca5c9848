// A run's state as a coloured pill with words, the same in every list, header and the palette:
// the words and the colour come from the one run-state model (src/shared/run-state.ts).
import { runState, type RunStateInput } from '../../../shared/run-state';
import { Pill } from './pill';

/** `now` places relative times: the view's ticking clock (useNow). */
export function StatusBadge(props: { run: RunStateInput; now: number }) {
  const state = runState(props.run, props.now);
  return (
    <Pill
      tone={state.tone}
      className="status-badge"
      data-status={props.run.status}
      data-state={state.kind}
      data-parked={state.kind === 'parked' || undefined}
      title={state.detail ?? undefined}
    >
      {state.label}
    </Pill>
  );
}
