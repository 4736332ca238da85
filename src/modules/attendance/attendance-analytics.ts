import { LIMITS, type ClassAnalytics, type TimelinePoint } from '@llms/contract';

/** A join→leave segment, as the analytics need it. */
export interface Segment {
  userId: string;
  joinedAt: Date;
  leftAt: Date;
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

/**
 * The participant count as a step function: one point per moment the count changed, oldest
 * first. Leaves sort before joins at the same instant, so a leave-and-rejoin is not a peak.
 */
function countSteps(segments: Segment[]): TimelinePoint[] {
  const changes = segments.flatMap((s) => [
    { at: s.joinedAt.getTime(), delta: 1 },
    { at: s.leftAt.getTime(), delta: -1 },
  ]);
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const steps: { at: number; count: number }[] = [];
  let count = 0;
  for (const change of changes) {
    count += change.delta;
    const last = steps[steps.length - 1];
    if (last && last.at === change.at) last.count = count;
    else steps.push({ at: change.at, count });
  }
  return steps.map((step) => ({ at: new Date(step.at).toISOString(), count: step.count }));
}

/**
 * At most `max` points: when there are more steps, the span is cut into `max` equal buckets and
 * each bucket keeps its highest count (at the bucket's first step), so the peak always shows.
 */
function downsample(steps: TimelinePoint[], max: number): TimelinePoint[] {
  if (steps.length <= max) return steps;
  const first = Date.parse(steps[0].at);
  const span = Date.parse(steps[steps.length - 1].at) - first || 1;
  const buckets: TimelinePoint[] = [];
  for (const step of steps) {
    const index = Math.min(max - 1, Math.floor(((Date.parse(step.at) - first) / span) * max));
    const bucket = buckets[index];
    if (!bucket) buckets[index] = { ...step };
    else bucket.count = Math.max(bucket.count, step.count);
  }
  return buckets.filter(Boolean);
}

/** The class analytics, derived from its attendance segments at read time (no live writes). */
export function buildAnalytics(segments: Segment[], commentCount: number): ClassAnalytics {
  const perUser = new Map<string, number>();
  for (const s of segments) {
    const seconds = Math.max(0, Math.round((s.leftAt.getTime() - s.joinedAt.getTime()) / 1000));
    perUser.set(s.userId, (perUser.get(s.userId) ?? 0) + seconds);
  }
  const totals = [...perUser.values()].sort((a, b) => a - b);
  const steps = countSteps(segments);
  let peak: TimelinePoint | null = null;
  for (const step of steps) if (!peak || step.count > peak.count) peak = step;
  return {
    uniqueAttendees: perUser.size,
    peakParticipants: peak?.count ?? 0,
    peakAt: peak && peak.count > 0 ? peak.at : null,
    averageSeconds: totals.length
      ? Math.round(totals.reduce((sum, t) => sum + t, 0) / totals.length)
      : 0,
    medianSeconds: median(totals),
    commentCount,
    timeline: downsample(steps, LIMITS.TIMELINE_POINTS_MAX),
  };
}
