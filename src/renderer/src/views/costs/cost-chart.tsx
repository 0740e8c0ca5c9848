// Spend per day for the period, one stacked bar per day split by model.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CostSummary } from '../../../../shared/domain';
import { formatUsd, formatUsdTick } from '../../components/format';

const MODEL_COLOURS = [
  'var(--chart-1)',
  'var(--chart-2)',
  'var(--chart-3)',
  'var(--chart-4)',
  'var(--chart-5)',
];

export function CostChart(props: { summary: CostSummary; days: number }) {
  const models = props.summary.byModel.map((entry) => entry.model);
  const data = props.summary.byDay.map((day) => ({ day: dayLabel(day.day), ...day.byModel }));
  return (
    <div
      className="cost-chart"
      role="img"
      aria-label={`Spend per day for the last ${props.days} days, by model`}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis
            dataKey="day"
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
            interval="preserveStartEnd"
            minTickGap={16}
          />
          <YAxis
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
            tickFormatter={(value: number) => formatUsdTick(value)}
            width={64}
          />
          <Tooltip
            formatter={(value) => formatUsd(Number(value))}
            contentStyle={{
              background: 'var(--surface)',
              border: '1px solid var(--border)',
              color: 'var(--text)',
            }}
            cursor={{ fill: 'var(--hover)' }}
          />
          {models.length > 1 && <Legend />}
          {models.map((model, index) => (
            <Bar
              key={model}
              dataKey={model}
              stackId="spend"
              fill={MODEL_COLOURS[index % MODEL_COLOURS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** `2026-11-21` → `Nov 21` in the person's locale. */
function dayLabel(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (year === undefined || month === undefined || date === undefined) return day;
  return new Date(year, month - 1, date).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });
}
