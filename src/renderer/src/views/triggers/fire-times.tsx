// The next fire times of a schedule, in the viewer's own time, each with the exact moment on hover.
import { formatExact, formatFireTime, formatIn, upcoming } from './trigger-format';

export function FireTimes(props: {
  times: readonly number[];
  now: number;
  withSeconds: boolean;
  label: string;
}) {
  const ahead = upcoming(props.times, props.now);
  if (ahead.length === 0) return <p className="quiet">No upcoming times.</p>;
  return (
    <ol className="fire-times" aria-label={props.label}>
      {ahead.map((at, index) => (
        <li key={at} title={formatExact(at)}>
          <time dateTime={new Date(at).toISOString()}>
            {formatFireTime(at, props.now, props.withSeconds)}
          </time>
          {index === 0 && <span className="fire-in"> ({formatIn(at, props.now)})</span>}
        </li>
      ))}
    </ol>
  );
}
