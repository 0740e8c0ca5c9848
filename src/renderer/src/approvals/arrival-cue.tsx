// The mark on a request that has only just come on screen (see arrival): its decision keys wait.
export function ArrivalCue() {
  return (
    <span
      className="arrival-cue"
      data-testid="arrival-cue"
      title="Just arrived: keys wait a moment"
    >
      just arrived
    </span>
  );
}
