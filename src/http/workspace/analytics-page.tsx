import type {
  AnalyticsFilter,
  AnalyticsResults,
  AnalyticsView,
  FilterChoice,
  Ratio,
} from '../../domain/index.js';
import { FilterSelect, URGENCY_CHOICES } from './filter-select.js';
import { Layout, type PageContext } from './layout.js';

export interface AnalyticsPageData {
  filter: AnalyticsFilter;
  results: AnalyticsResults;
  choices: { specialties: FilterChoice[]; payers: FilterChoice[] };
  error?: string | undefined;
}

const pct = (r: { rate: number | null }) =>
  r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`;
const ratio = (r: Ratio) => `${pct(r)} (${r.count} of ${r.of})`;
const hours = (h: number | null) =>
  h === null ? '—' : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`;
const words = (s: string | null) => (s ?? 'unknown').replaceAll('_', ' ').replaceAll('-', ' ');

/** A Chart.js chart: its configuration rides in a data attribute (the CSP allows no inline script). */
function Chart(props: {
  label: string;
  type: 'bar' | 'line';
  labels: string[];
  sets: { label: string; data: (number | null)[] }[];
  horizontal?: boolean;
  counts?: boolean;
}) {
  const config = {
    type: props.type,
    data: { labels: props.labels, datasets: props.sets },
    options: {
      ...(props.horizontal ? { indexAxis: 'y' } : {}),
      plugins: { legend: { display: props.sets.length > 1 } },
      // Counts have no fractions; rates and hours do.
      ...(props.counts
        ? { scales: { [props.horizontal ? 'x' : 'y']: { ticks: { precision: 0 } } } }
        : {}),
    },
  };
  return (
    <div class="chart">
      <canvas role="img" aria-label={props.label} data-chart={JSON.stringify(config)} />
    </div>
  );
}

function Section(props: {
  view: AnalyticsView;
  title: string;
  filter: AnalyticsFilter;
  children: unknown;
}) {
  const q = new URLSearchParams(
    Object.entries(props.filter).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return (
    <section class="card" aria-labelledby={`h-${props.view}`}>
      <h2 id={`h-${props.view}`}>{props.title}</h2>
      {props.children}
      <p>
        <a href={`/workspace/analytics/${props.view}.csv?${q}`} download>
          Download CSV
        </a>
      </p>
    </section>
  );
}

function Table(props: { label: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table class="stack" aria-label={props.label}>
      <thead>
        <tr>
          {props.head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && (
          <tr>
            <td colspan={props.head.length} class="muted">
              No referrals in this range.
            </td>
          </tr>
        )}
        {props.rows.map((r) => (
          <tr>
            {r.map((cell, i) => (
              <td data-label={props.head[i]}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Filters(props: { data: AnalyticsPageData }) {
  const f = props.data.filter;
  return (
    <form
      method="get"
      action="/workspace/analytics"
      class="filters"
      aria-label="Filter the reports"
    >
      <div>
        <label for="a-from">From</label>
        <input id="a-from" name="from" type="date" value={f.from ?? ''} />
      </div>
      <div>
        <label for="a-to">To</label>
        <input id="a-to" name="to" type="date" value={f.to ?? ''} />
      </div>
      <FilterSelect
        id="a-specialty"
        name="specialty"
        label="Specialty"
        choices={props.data.choices.specialties}
        selected={f.specialty}
      />
      <FilterSelect
        id="a-payer"
        name="payer"
        label="Payer"
        choices={props.data.choices.payers}
        selected={f.payer}
      />
      <FilterSelect
        id="a-urgency"
        name="urgency"
        label="Urgency"
        choices={URGENCY_CHOICES}
        selected={f.urgency}
      />
      <button type="submit" class="secondary">
        Apply
      </button>
    </form>
  );
}

/** The practice manager's reports: each a chart, its figures as a table, and a CSV. */
export function AnalyticsPage(props: { data: AnalyticsPageData; page: PageContext }) {
  const { results: r, filter } = props.data;
  return (
    <Layout
      title="Analytics"
      page={props.page}
      current="/workspace/analytics"
      scripts={['/assets/chart.umd.min.js', '/assets/workspace.js']}
    >
      <h1>Analytics</h1>
      {props.data.error && (
        <p class="notice error" role="alert">
          {props.data.error}
        </p>
      )}
      <Filters data={props.data} />
      <div class="grid two">
        <Section
          view="volume"
          title={`Volume by week (${r.volume.total} referrals)`}
          filter={filter}
        >
          <Chart
            label="Referrals created per week"
            counts
            type="bar"
            labels={r.volume.weeks.map((w) => w.weekStart)}
            sets={[{ label: 'Created', data: r.volume.weeks.map((w) => w.created) }]}
          />
        </Section>
        <Section view="funnel" title="Funnel" filter={filter}>
          <Chart
            label="Referrals reaching each step"
            counts
            type="bar"
            horizontal
            labels={r.funnel.steps.map((s) => s.step)}
            sets={[{ label: 'Referrals', data: r.funnel.steps.map((s) => s.count) }]}
          />
          <Table
            label="Funnel"
            head={['Step', 'Referrals', 'Of created']}
            rows={r.funnel.steps.map((s) => [s.step, s.count, pct({ rate: s.shareOfCreated })])}
          />
        </Section>
        <Section view="cycle-times" title="Cycle times" filter={filter}>
          <Chart
            label="Median and 90th percentile hours per interval"
            type="bar"
            labels={r['cycle-times'].intervals.map((i) => words(i.interval))}
            sets={[
              { label: 'Median (h)', data: r['cycle-times'].intervals.map((i) => i.medianHours) },
              { label: 'p90 (h)', data: r['cycle-times'].intervals.map((i) => i.p90Hours) },
            ]}
          />
          <Table
            label="Cycle times"
            head={['Interval', 'Median', 'p90', 'Referrals']}
            rows={r['cycle-times'].intervals.map((i) => [
              words(i.interval),
              hours(i.medianHours),
              hours(i.p90Hours),
              i.n,
            ])}
          />
        </Section>
        <Section
          view="loop-closure"
          title={`Loop closure: ${ratio(r['loop-closure'].overall)}`}
          filter={filter}
        >
          <Table
            label="Loop closure by specialty"
            head={['Specialty', 'Closed of sent']}
            rows={r['loop-closure'].bySpecialty.map((g) => [
              g.label ?? words(g.key),
              ratio(g.closure),
            ])}
          />
        </Section>
        <Section view="leakage" title="Leakage" filter={filter}>
          <p>
            Out of network: {ratio(r.leakage.outOfNetwork)} · no in-network option:{' '}
            {ratio(r.leakage.noInNetworkOption)}
          </p>
          <Chart
            label="Leakage by specialty"
            counts
            type="bar"
            labels={r.leakage.bySpecialty.map((g) => g.label ?? words(g.key))}
            sets={[
              {
                label: 'Out of network',
                data: r.leakage.bySpecialty.map((g) => g.outOfNetwork.count),
              },
              {
                label: 'No in-network option',
                data: r.leakage.bySpecialty.map((g) => g.noInNetworkOption.count),
              },
            ]}
          />
          <Table
            label="Leakage by payer"
            head={['Payer', 'Created', 'Out of network', 'No in-network option']}
            rows={r.leakage.byPayer.map((g) => [
              g.label ?? words(g.key),
              g.created,
              ratio(g.outOfNetwork),
              ratio(g.noInNetworkOption),
            ])}
          />
        </Section>
        <Section view="exceptions" title={`Exceptions (${r.exceptions.total})`} filter={filter}>
          <Chart
            label="Exceptions by reason"
            counts
            type="bar"
            horizontal
            labels={r.exceptions.reasons.map((e) => words(e.reason))}
            sets={[{ label: 'Referrals', data: r.exceptions.reasons.map((e) => e.count) }]}
          />
        </Section>
        <Section
          view="llm-fallback"
          title={`LLM fallback rate: ${ratio(r['llm-fallback'].overall)}`}
          filter={filter}
        >
          <Chart
            label="LLM fallback rate per week"
            type="line"
            labels={r['llm-fallback'].weeks.map((w) => w.weekStart)}
            sets={[
              {
                label: 'Fallback rate',
                data: r['llm-fallback'].weeks.map((w) => w.fallbacks.rate),
              },
            ]}
          />
        </Section>
      </div>
      <Section view="specialists" title="Specialist performance" filter={filter}>
        <Table
          label="Specialists"
          head={[
            'NPI',
            'Sent',
            'Answered',
            'To acknowledge',
            'To appointment',
            'No-shows',
            'Declines',
            'Loop closure',
          ]}
          rows={r.specialists.specialists
            .slice(0, 50)
            .map((s) => [
              s.npi,
              s.sent,
              ratio(s.answered),
              hours(s.medianHoursToAcknowledge),
              s.medianDaysToAppointment === null
                ? '—'
                : `${s.medianDaysToAppointment.toFixed(1)} d`,
              ratio(s.noShows),
              ratio(s.declines),
              ratio(s.loopClosure),
            ])}
        />
      </Section>
    </Layout>
  );
}
