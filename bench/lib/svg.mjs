/**
 * The fan-out chart, as hand-written SVG (no library): two panels side by side, delivered/s and
 * p99 latency for each offered load (listeners x comments/s), one line per system (LLMS, bare
 * Socket.IO, Centrifugo, each --ref build), with axis labels, a legend and a title. Returns null
 * when the run has no fan-out figures.
 */

const COLORS = {
  llms: '#d62728',
  'socket.io': '#1f77b4',
  centrifugo: '#2ca02c',
};
const REF_COLORS = ['#ff7f0e', '#9467bd', '#8c564b', '#e377c2'];
const WIDTH = 980;
const HEIGHT = 490;
const PANEL = { top: 84, bottom: 95, left: 80, width: 360, gap: 120 };

const escape = (text) =>
  String(text).replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c],
  );

/** Round tick step (1, 2 or 5 x 10^k) giving about `count` ticks up to `max`. */
function ticks(max, count = 5) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const list = [];
  for (let v = 0; v <= max + step * 0.999 && list.length < 20; v += step) list.push(v);
  return list;
}

const format = (value) =>
  value >= 1000 ? `${Number((value / 1000).toFixed(1))}k` : `${Number(value.toFixed(2))}`;

/** Ticks of a log axis: 1, 2, 5 x 10^k from below the smallest value to above the largest. */
function logTicks(min, max) {
  const list = [];
  for (
    let k = Math.floor(Math.log10(min));
    k <= Math.ceil(Math.log10(max)) && list.length < 30;
    k++
  )
    for (const m of [1, 2, 5]) list.push(m * 10 ** k);
  const low = list.findLastIndex((v) => v <= min);
  const high = list.findIndex((v) => v >= max);
  return list.slice(Math.max(0, low), high < 0 ? list.length : high + 1);
}

function panel({ x0, title, yLabel, cases, series, reference, log = false }) {
  const height = HEIGHT - PANEL.top - PANEL.bottom;
  const values = series.flatMap((s) => s.points.map((p) => p.value)).filter(Number.isFinite);
  if (reference) values.push(...reference.filter(Number.isFinite));
  const positive = values.filter((v) => v > 0);
  const yTicks = log
    ? logTicks(
        positive.length ? Math.min(...positive) : 1,
        positive.length ? Math.max(...positive) : 10,
      )
    : ticks(Math.max(...values, 0) * 1.05);
  const [yMin, yMax] = [yTicks[0], yTicks.at(-1)];
  const xOf = (i) =>
    x0 + (cases.length === 1 ? PANEL.width / 2 : (i * PANEL.width) / (cases.length - 1));
  const scale = log
    ? (v) =>
        (Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
    : (v) => v / yMax;
  const yOf = (v) => PANEL.top + height - scale(v) * height;
  const out = [];
  out.push(
    `<text x="${x0 + PANEL.width / 2}" y="${PANEL.top - 14}" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
  );
  for (const v of yTicks) {
    const y = yOf(v).toFixed(1);
    out.push(`<line x1="${x0}" y1="${y}" x2="${x0 + PANEL.width}" y2="${y}" stroke="#e0e0e0"/>`);
    out.push(
      `<text x="${x0 - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${format(v)}</text>`,
    );
  }
  out.push(
    `<line x1="${x0}" y1="${PANEL.top}" x2="${x0}" y2="${PANEL.top + height}" stroke="#333"/>`,
    `<line x1="${x0}" y1="${PANEL.top + height}" x2="${x0 + PANEL.width}" y2="${PANEL.top + height}" stroke="#333"/>`,
  );
  cases.forEach((c, i) => {
    const x = xOf(i).toFixed(1);
    out.push(
      `<line x1="${x}" y1="${PANEL.top + height}" x2="${x}" y2="${PANEL.top + height + 5}" stroke="#333"/>`,
    );
    out.push(
      `<text x="${x}" y="${PANEL.top + height + 20}" text-anchor="middle">${escape(c.label)}</text>`,
    );
    out.push(
      `<text x="${x}" y="${PANEL.top + height + 35}" text-anchor="middle" fill="#666">${escape(c.sublabel)}</text>`,
    );
  });
  out.push(
    `<text x="${x0 + PANEL.width / 2}" y="${PANEL.top + height + 58}" text-anchor="middle">listeners x comments/s offered (deliveries/s offered)</text>`,
    `<text transform="translate(${x0 - 58},${PANEL.top + height / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`,
  );
  if (reference) {
    const points = reference.map((v, i) => `${xOf(i).toFixed(1)},${yOf(v).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${points}" fill="none" stroke="#999" stroke-dasharray="5,4"/>`);
  }
  for (const s of series) {
    const points = s.points.filter((p) => Number.isFinite(p.value));
    if (points.length > 1) {
      const path = points
        .map((p) => `${xOf(p.index).toFixed(1)},${yOf(p.value).toFixed(1)}`)
        .join(' ');
      out.push(`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    }
    for (const p of points) {
      out.push(
        `<circle cx="${xOf(p.index).toFixed(1)}" cy="${yOf(p.value).toFixed(1)}" r="4" fill="${s.color}"><title>${escape(
          `${s.name}: ${format(p.value)}`,
        )}</title></circle>`,
      );
    }
  }
  return out.join('\n');
}

export function renderChart(results) {
  const runs = (results.fanout?.runs ?? []).filter((r) => !r.error);
  if (!runs.length) return null;
  const cases = [];
  for (const r of runs) {
    if (!cases.some((c) => c.listeners === r.listeners && c.rate === r.rate))
      cases.push({
        listeners: r.listeners,
        rate: r.rate,
        label: `${r.listeners} x ${r.rate}/s`,
        sublabel: `(${format(r.offeredPerSec)}/s)`,
        offered: r.offeredPerSec,
      });
  }
  const systems = [...new Set(runs.map((r) => r.system))];
  let refIndex = 0;
  const colorOf = (name) => COLORS[name] ?? REF_COLORS[refIndex++ % REF_COLORS.length];
  const seriesOf = (metric) =>
    systems.map((name, k) => ({
      name,
      color: colorOf(name, k),
      points: cases.map((c, index) => {
        const run = runs.find(
          (r) => r.system === name && r.listeners === c.listeners && r.rate === c.rate,
        );
        return { index, value: run ? metric(run) : null };
      }),
    }));
  refIndex = 0;
  const delivered = seriesOf((r) => r.deliveredPerSec);
  refIndex = 0;
  const p99 = seriesOf((r) => r.latencyMs.p99);
  const meta = results.meta ?? {};
  const legendY = HEIGHT - 18;
  const legend = [
    ...delivered.map((s) => ({ name: s.name, color: s.color, dash: false })),
    { name: 'offered', color: '#999', dash: true },
  ]
    .map((item, i) => {
      const x = PANEL.left + i * 150;
      const line = `<line x1="${x}" y1="${legendY}" x2="${x + 26}" y2="${legendY}" stroke="${item.color}" stroke-width="2"${item.dash ? ' stroke-dasharray="5,4"' : ''}/>`;
      return `${line}\n<text x="${x + 32}" y="${legendY}" dominant-baseline="middle">${escape(item.name)}</text>`;
    })
    .join('\n');
  const load = meta.machine?.loadAverageBefore?.[0];
  const subtitle =
    `${meta.startedAt ?? ''}, git ${meta.git?.sha?.slice(0, 10) ?? '?'}, node ${meta.node ?? ''}, ` +
    `${meta.machine?.cpus ?? '?'} CPUs shared by servers and load (loopback)` +
    (load === undefined ? '' : `, load average ${load} at the start`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">Fan-out of one class: delivered/s and p99 latency by offered load</text>
<text x="${WIDTH / 2}" y="42" text-anchor="middle" fill="#666">${escape(subtitle)}</text>
${panel({ x0: PANEL.left, title: 'Delivered per second (higher is better)', yLabel: 'deliveries/s', cases, series: delivered, reference: cases.map((c) => c.offered) })}
${panel({ x0: PANEL.left + PANEL.width + PANEL.gap, title: 'p99 end-to-end latency (lower is better)', yLabel: 'p99 latency, ms (log scale)', cases, series: p99, log: true })}
${legend}
</svg>
`;
}
