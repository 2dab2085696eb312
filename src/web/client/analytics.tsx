import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Analytics } from '../../analytics/report.js';
import type { Channel } from '../../domain/types.js';
import { useModelCost, useMoney } from './money.js';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

const CHANNEL_COLOURS: Partial<Record<Channel, string>> = {
  web: '#1f4fd1',
  whatsapp: '#1d7a46',
  telegram: '#2a8bb8',
  sms: '#8a4b00',
};
const PALETTE = ['#1f4fd1', '#1d7a46', '#8a4b00', '#7b2cbf', '#a11d1d', '#2a8bb8', '#5c6370', '#b5179e'];

/** One chart on a canvas, described for screen readers by `label`; redrawn when `config` changes. */
function ChartCanvas({ name, label, config }: { name: string; label: string; config: ChartConfiguration }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
    });
    return () => chart.destroy();
  }, [JSON.stringify(config.data)]);
  return (
    <figure class="chart">
      <figcaption>{name}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={label} data-chart={name} />
      </div>
    </figure>
  );
}

const short = (day: string) => day.slice(5);

/** The analytics page: totals as text, and a chart for each view of the days chosen. */
export function AnalyticsPage({
  load,
}: {
  load: (from: string | null, to: string | null) => Promise<Analytics>;
}) {
  const [data, setData] = useState<Analytics | null>(null);
  const [range, setRange] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [error, setError] = useState<string | null>(null);
  const money = useMoney();
  const modelCost = useModelCost();
  useEffect(() => {
    load(range.from, range.to)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [range.from, range.to]);

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p>Loading…</p>;
  const labels = data.days.map(short);
  const channels = (Object.keys(CHANNEL_COLOURS) as Channel[]).filter((ch) =>
    data.conversations.by_day.some((d) => (d[ch] ?? 0) > 0),
  );
  const totals: [string, string, string][] = [
    ['conversations', 'Conversations', String(data.conversations.total)],
    ['orders-paid', 'Orders paid', String(data.orders.paid)],
    ['revenue', 'Revenue', money(data.orders.revenue)],
    ['handoffs', 'Handoffs', String(data.handoffs.total)],
    [
      'wait',
      'Mean wait for a person',
      data.handoffs.avg_wait_minutes === null ? 'none answered' : `${data.handoffs.avg_wait_minutes} min`,
    ],
    ['model-calls', 'Model calls', String(data.model.calls)],
    ['model-cost', 'Model cost', modelCost(data.model.cost_usd)],
    [
      'latency',
      'Turn latency p50 / p95',
      data.latency.p50_ms === null ? 'none' : `${data.latency.p50_ms} / ${data.latency.p95_ms} ms`,
    ],
  ];
  return (
    <div class="analytics">
      <form
        class="range"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.target as HTMLFormElement;
          const value = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value || null;
          setRange({ from: value('from'), to: value('to') });
        }}
      >
        <label>
          From <input type="date" name="from" value={data.from} />
        </label>
        <label>
          To <input type="date" name="to" value={data.to} />
        </label>
        <button type="submit">Show</button>
      </form>
      <dl class="totals">
        {totals.map(([key, name, value]) => (
          <div key={key}>
            <dt>{name}</dt>
            <dd data-total={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <div class="charts">
        <ChartCanvas
          name="Conversations per day"
          label={`Conversations per day by channel, ${data.conversations.total} in all`}
          config={{
            type: 'bar',
            data: {
              labels,
              datasets: channels.map((ch) => ({
                label: ch,
                data: data.conversations.by_day.map((d) => d[ch] ?? 0),
                backgroundColor: CHANNEL_COLOURS[ch],
              })),
            },
            options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
          }}
        />
        <ChartCanvas
          name="Funnel"
          label={`Of ${data.funnel.conversations} conversations: ${data.funnel.product_shown} saw a product, ${data.funnel.added_to_cart} added to the cart, ${data.funnel.ordered} ordered, ${data.funnel.paid} paid`}
          config={{
            type: 'bar',
            data: {
              labels: ['Conversations', 'Product shown', 'Added to cart', 'Ordered', 'Paid'],
              datasets: [
                {
                  label: 'Conversations',
                  data: [
                    data.funnel.conversations,
                    data.funnel.product_shown,
                    data.funnel.added_to_cart,
                    data.funnel.ordered,
                    data.funnel.paid,
                  ],
                  backgroundColor: '#1f4fd1',
                },
              ],
            },
            options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
          }}
        />
        <ChartCanvas
          name="Intent mix"
          label={`Turns by intent: ${data.intents.map((i) => `${i.intent} ${i.turns}`).join(', ')}`}
          config={{
            type: 'doughnut',
            data: {
              labels: data.intents.slice(0, 8).map((i) => i.intent),
              datasets: [
                {
                  data: data.intents.slice(0, 8).map((i) => i.turns),
                  backgroundColor: PALETTE,
                },
              ],
            },
          }}
        />
        <ChartCanvas
          name="Handoffs per day"
          label={`${data.handoffs.total} handoffs, ${data.handoffs.answered} taken by a person`}
          config={{
            type: 'bar',
            data: {
              labels,
              datasets: [
                {
                  label: 'Handoffs',
                  data: data.handoffs.by_day.map((d) => d.handoffs),
                  backgroundColor: '#a11d1d',
                },
              ],
            },
            options: { scales: { y: { beginAtZero: true } } },
          }}
        />
        <ChartCanvas
          name="Model use per day"
          label={`${data.model.calls} model calls, ${data.model.prompt_tokens + data.model.completion_tokens} tokens, ${modelCost(data.model.cost_usd)}`}
          config={{
            type: 'line',
            data: {
              labels,
              datasets: [
                { label: 'Calls', data: data.model.by_day.map((d) => d.calls), borderColor: '#1f4fd1' },
                {
                  label: 'Tokens / 100',
                  data: data.model.by_day.map((d) => (d.prompt_tokens + d.completion_tokens) / 100),
                  borderColor: '#8a4b00',
                },
              ],
            },
            options: { scales: { y: { beginAtZero: true } } },
          }}
        />
        <ChartCanvas
          name="Turn latency"
          label={`Turn latency, p50 ${data.latency.p50_ms ?? 'none'} ms and p95 ${data.latency.p95_ms ?? 'none'} ms`}
          config={{
            type: 'line',
            data: {
              labels,
              datasets: [
                { label: 'p50 ms', data: data.latency.by_day.map((d) => d.p50_ms), borderColor: '#1d7a46' },
                { label: 'p95 ms', data: data.latency.by_day.map((d) => d.p95_ms), borderColor: '#a11d1d' },
              ],
            },
            options: { scales: { y: { beginAtZero: true } } },
          }}
        />
      </div>
    </div>
  );
}
