// The plan meter on Home: how full the 5-hour and weekly windows are and when they reset, from
// Claude Code's newest rate_limit_event. Shown only to plan logins; before any reading it says
// which sign-in gives the meter and parking (a plan login; an API key is charged per token).
import type { PlanLimits, PlanWindowReading } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { useApiData } from '../../hooks/use-api-data';
import { formatReset, resetNote } from './plan-reset';

export function usePlanLimits() {
  const api = useApi();
  const limits = useApiData(
    () => api.call('limits.get', {}),
    [api],
    (event) => event.type === 'limits.updated',
  );
  return limits.data;
}

export function PlanMeter(props: { limits: PlanLimits | undefined }) {
  const { limits } = props;
  if (!limits) return null;
  if (!limits.available) {
    return (
      <p className="plan-signin quiet" data-testid="plan-signin">
        No plan reading yet. The plan meter, and runs that wait out a plan limit and then carry on
        by themselves, come with a Claude plan login (<code>claude /login</code>). With an API key
        runs are charged per token instead: see Costs.
      </p>
    );
  }
  return (
    <section className="plan-meter" aria-label="Plan usage" data-testid="plan-meter">
      <WindowBar label="5-hour window" reading={limits.fiveHour} testId="plan-five-hour" />
      <WindowBar label="Weekly" reading={limits.sevenDay} testId="plan-seven-day" />
      {limits.exhausted && (
        <p className="plan-note plan-exhausted" role="status">
          Used up — runs wait until {formatReset(limits.exhausted.until)} and then carry on by
          themselves.
        </p>
      )}
      {!limits.exhausted && limits.hold && (
        <p className="plan-note" role="status">
          {limits.hold.reason}
        </p>
      )}
    </section>
  );
}

function WindowBar(props: { label: string; reading: PlanWindowReading | null; testId: string }) {
  const { reading } = props;
  const percent = reading === null ? null : Math.round(reading.utilization * 100);
  const level =
    reading?.status === 'rejected' ? 'full' : reading?.status === 'allowed_warning' ? 'warn' : 'ok';
  return (
    <div className={`plan-window plan-${level}`} data-testid={props.testId}>
      <div className="plan-window-head">
        <span>{props.label}</span>
        <span className="plan-percent">{percent === null ? '—' : `${percent} %`}</span>
      </div>
      <div
        className="plan-bar"
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? 0}
      >
        <div className="plan-fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <span className="plan-reset">{resetNote(reading)}</span>
    </div>
  );
}
