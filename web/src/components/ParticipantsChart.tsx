/**
 * The participant count over a class as a hand-written SVG step chart (no chart library): an
 * image with a title and a description for assistive technology, the peak marked, and the same
 * data as a table under a "Show the data as a table" disclosure.
 */
import type { TimelinePoint } from '@llms/contract';
import { formatTimeSeconds } from '../lib/format';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 18, right: 16, bottom: 30, left: 40 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** Up to five whole-number ticks from 0 to at least `max`. */
function ticks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const values: number[] = [];
  for (let v = 0; v <= top; v += step) values.push(v);
  return values;
}

export interface ParticipantsChartProps {
  timeline: TimelinePoint[];
  /** When the class started and ended (the x axis); the timeline's ends when unknown. */
  from: string | null;
  to: string | null;
  peak: number;
  peakAt: string | null;
}

export function ParticipantsChart({ timeline, from, to, peak, peakAt }: ParticipantsChartProps) {
  const first = timeline.length ? Date.parse(timeline[0].at) : Date.now();
  const last = timeline.length ? Date.parse(timeline[timeline.length - 1].at) : first;
  const t0 = Math.min(from ? Date.parse(from) : first, first);
  const t1 = Math.max(to ? Date.parse(to) : last, last, t0 + 1000);
  const yTicks = ticks(Math.max(peak, 1));
  const yMax = yTicks[yTicks.length - 1];
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * PLOT_W;
  const y = (count: number) => PAD.top + PLOT_H - (count / yMax) * PLOT_H;

  let path = `M${x(t0).toFixed(1)},${y(0).toFixed(1)}`;
  for (const point of timeline) {
    path += ` H${x(Date.parse(point.at)).toFixed(1)} V${y(point.count).toFixed(1)}`;
  }
  path += ` H${x(t1).toFixed(1)}`;

  const peakX = peakAt ? x(Date.parse(peakAt)) : null;
  const description =
    peak > 0 && peakAt
      ? `From ${formatTimeSeconds(new Date(t0).toISOString())} to ${formatTimeSeconds(new Date(t1).toISOString())}. ` +
        `The count peaked at ${peak} ${peak === 1 ? 'participant' : 'participants'} at ${formatTimeSeconds(peakAt)}.`
      : 'Nobody attended this class.';

  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby="chart-title chart-desc"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="chart-title">Participants over the class</title>
        <desc id="chart-desc">{description}</desc>
        {yTicks.map((tick) => (
          <g key={tick} class="chart-grid">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text x={PAD.left - 8} y={y(tick) + 4} text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        <text class="chart-axis" x={PAD.left} y={HEIGHT - 8} text-anchor="start">
          {formatTimeSeconds(new Date(t0).toISOString())}
        </text>
        <text class="chart-axis" x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end">
          {formatTimeSeconds(new Date(t1).toISOString())}
        </text>
        <path class="chart-line" d={path} />
        {peakX !== null && peak > 0 && (
          <g class="chart-peak">
            <circle cx={peakX} cy={y(peak)} r={5} />
            <text
              x={Math.min(peakX + 8, WIDTH - PAD.right)}
              y={Math.max(y(peak) - 8, 12)}
              text-anchor={peakX + 8 > WIDTH - PAD.right - 60 ? 'end' : 'start'}
            >
              Peak {peak}
            </text>
          </g>
        )}
      </svg>
      <figcaption>Participants in the class over time. {description}</figcaption>
      <details class="chart-table">
        <summary>Show the data as a table</summary>
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="timeline-caption">
          <table id="timeline-table">
            <caption id="timeline-caption">Participant count over the class</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Participants</th>
              </tr>
            </thead>
            <tbody>
              {timeline.map((point) => (
                <tr key={point.at}>
                  <th scope="row">
                    <time dateTime={point.at}>{formatTimeSeconds(point.at)}</time>
                  </th>
                  <td>
                    {point.count}
                    {point.at === peakAt && point.count === peak ? ' (peak)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
