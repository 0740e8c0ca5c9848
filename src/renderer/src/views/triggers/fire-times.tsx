// The next fire times of a schedule, in the viewer's own time, each with the exact moment on
// hover. The day is written once; later times on the same day show the clock only.
import {
  formatClock,
  formatExact,
  formatFireTime,
  formatIn,
  sameDay,
  upcoming,
} from './trigger-format';

export function FireTimes(props: {
  times: readonly number[];
  now: number;
  withSeconds: boolean;
  label: string;
  /** The trigger does not fire now: the times are what it would do, shown muted. */
  inactive?: boolean;
}) {
  const ahead = upcoming(props.times, props.now);
  if (ahead.length === 0) return <p className="quiet">No upcoming times.</p>;
  return (
    <ol className={props.inactive ? 'fire-times inactive' : 'fire-times'} aria-label={props.label}>
      {ahead.map((at, index) => {
        const previous = ahead[index - 1];
        const text =
          previous !== undefined && sameDay(previous, at)
            ? formatClock(at, props.withSeconds)
            : formatFireTime(at, props.now, props.withSeconds);
        return (
          <li key={at} title={formatExact(at)}>
            <time dateTime={new Date(at).toISOString()}>{text}</time>
            {index === 0 && !props.inactive && (
              <span className="fire-in"> ({formatIn(at, props.now)})</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
