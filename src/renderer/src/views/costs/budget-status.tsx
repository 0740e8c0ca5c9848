// Costs → budgets: today's spend of the daily budget and this month's of the monthly one, as a
// figure and a meter, saying when one is past (new runs wait then); or that none is set, with the
// way to Settings. Follows run and settings updates.
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { formatUsd } from '../../components/format';
import { useApiData } from '../../hooks/use-api-data';
import { Link } from '../../router/router';
import { spentSoFar } from '../settings/budget-notice';

export function BudgetStatus() {
  const api = useApi();
  const status = useApiData(
    async () => {
      const [settings, spent] = await Promise.all([api.call('settings.get', {}), spentSoFar(api)]);
      return { budgets: settings.budgets, spent };
    },
    [api],
    (event) => event.type === 'run.updated' || event.type === 'settings.updated',
  );
  const data = status.data;
  if (!data) return <ErrorNote error={status.error} onRetry={status.reload} />;
  const { budgets, spent } = data;
  if (budgets.dailyUsd === null && budgets.monthlyUsd === null) {
    return (
      <p className="budget-none" data-testid="budget-status">
        No budget set: runs start whatever they have cost.{' '}
        <Link to="/settings">Set a daily or monthly budget in Settings</Link>
      </p>
    );
  }
  return (
    <section className="budget-status" aria-label="Budgets" data-testid="budget-status">
      {budgets.dailyUsd !== null && (
        <BudgetMeter what="Today" spentUsd={spent.todayUsd} budgetUsd={budgets.dailyUsd} />
      )}
      {budgets.monthlyUsd !== null && (
        <BudgetMeter what="This month" spentUsd={spent.monthUsd} budgetUsd={budgets.monthlyUsd} />
      )}
    </section>
  );
}

function BudgetMeter(props: { what: string; spentUsd: number; budgetUsd: number }) {
  const { spentUsd, budgetUsd } = props;
  const past = spentUsd >= budgetUsd;
  const period = props.what === 'Today' ? 'daily' : 'monthly';
  return (
    <div className={past ? 'budget-meter past' : 'budget-meter'}>
      <p className="budget-figures">
        <strong>{props.what}:</strong> {formatUsd(spentUsd)} of the {formatUsd(budgetUsd)} {period}{' '}
        budget
        {past && <span className="budget-past"> · past it: new runs wait until it resets</span>}
      </p>
      <meter
        min={0}
        max={budgetUsd}
        value={Math.min(spentUsd, budgetUsd)}
        // Green below 80 %, amber nearer, red at the budget (the element's own colours).
        low={budgetUsd * 0.8}
        high={budgetUsd * 0.999}
        optimum={0}
        aria-label={`${props.what}: ${formatUsd(spentUsd)} of ${formatUsd(budgetUsd)}`}
      />
    </div>
  );
}
