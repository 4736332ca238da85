/**
 * Latency statistics: a fixed-size log-bucket histogram (1% relative precision from 10 µs to
 * ~2 h) that load workers fill without keeping samples, merge across processes and turn into
 * percentiles; plus exact percentiles of small sample arrays.
 */

/** Bucket i covers [MIN_MS * GROWTH^i, MIN_MS * GROWTH^(i+1)); values below MIN_MS go to 0. */
const MIN_MS = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 2000;

export class Histogram {
  constructor(counts = new Array(BUCKETS).fill(0)) {
    this.counts = counts;
    this.count = counts.reduce((sum, n) => sum + n, 0);
    this.max = 0;
    this.sum = 0;
  }

  /** Records one value in milliseconds (negative values, from clock jitter, count as 0). */
  record(ms) {
    const value = ms > 0 ? ms : 0;
    const index =
      value < MIN_MS
        ? 0
        : Math.min(BUCKETS - 1, Math.floor(Math.log(value / MIN_MS) / LOG_GROWTH) + 1);
    this.counts[index]++;
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  /** Adds another histogram (or its JSON form) into this one. */
  merge(other) {
    const counts = other.counts;
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += counts[i];
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
    return this;
  }

  /** The value at percentile `p` (0 to 100), as the upper edge of its bucket, capped at max. */
  percentile(p) {
    if (!this.count) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, i === 0 ? MIN_MS : MIN_MS * GROWTH ** i);
    }
    return this.max;
  }

  summary() {
    return {
      count: this.count,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.count ? this.max : null,
      mean: this.count ? this.sum / this.count : null,
    };
  }

  /** A compact form for IPC: only the non-empty buckets. */
  toJSON() {
    const sparse = [];
    this.counts.forEach((n, i) => n && sparse.push(i, n));
    return { sparse, count: this.count, sum: this.sum, max: this.max };
  }

  static fromJSON(json) {
    const histogram = new Histogram();
    for (let i = 0; i < json.sparse.length; i += 2)
      histogram.counts[json.sparse[i]] = json.sparse[i + 1];
    histogram.count = json.count;
    histogram.sum = json.sum;
    histogram.max = json.max;
    return histogram;
  }

  /** One histogram from the JSON forms several workers sent. */
  static mergeAll(jsons) {
    const total = new Histogram();
    for (const json of jsons) total.merge(Histogram.fromJSON(json));
    return total;
  }
}

/** Exact percentile (nearest rank) of an ascending array. */
export function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** p50 / p95 / p99 / max of a sample array. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}

/** The median of a list of numbers (ignoring null). */
export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** a / b, or null when either is missing or b is 0. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : null;
}

/** Monotonic time in milliseconds (µs precision), the same clock in every process of the box. */
export function monoMs() {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

/** `value` rounded to `digits` decimals; null when it is not a finite number. */
export function round(value, digits = 1) {
  if (!Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
