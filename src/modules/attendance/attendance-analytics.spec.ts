import { buildAnalytics, type Segment } from './attendance-analytics';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
const segment = (userId: string, from: number, to: number): Segment => ({
  userId,
  joinedAt: at(from),
  leftAt: at(to),
});

describe('buildAnalytics', () => {
  it('is all zeros for a class nobody attended', () => {
    expect(buildAnalytics([], 0)).toEqual({
      uniqueAttendees: 0,
      peakParticipants: 0,
      peakAt: null,
      averageSeconds: 0,
      medianSeconds: 0,
      commentCount: 0,
      timeline: [],
    });
  });

  it('counts attendees once across segments, and finds the first moment of the peak', () => {
    const analytics = buildAnalytics(
      [segment('a', 0, 10), segment('b', 2, 6), segment('c', 4, 8), segment('a', 20, 30)],
      7,
    );
    expect(analytics.uniqueAttendees).toBe(3);
    expect(analytics.peakParticipants).toBe(3);
    expect(analytics.peakAt).toBe(at(4).toISOString());
    // a: 10 + 10 min, b: 4 min, c: 4 min
    expect(analytics.averageSeconds).toBe(Math.round(((20 + 4 + 4) * 60) / 3));
    expect(analytics.medianSeconds).toBe(4 * 60);
    expect(analytics.commentCount).toBe(7);
    expect(analytics.timeline.map((p) => p.count)).toEqual([1, 2, 3, 2, 1, 0, 1, 0]);
  });

  it('does not count a leave and a join at the same instant as a peak', () => {
    const analytics = buildAnalytics([segment('a', 0, 5), segment('b', 5, 10)], 0);
    expect(analytics.peakParticipants).toBe(1);
    expect(analytics.timeline.map((p) => p.count)).toEqual([1, 1, 0]);
  });

  it('keeps at most 500 points and still shows the peak', () => {
    const segments = Array.from({ length: 2000 }, (_, i) => ({
      userId: `u${i}`,
      joinedAt: new Date(1_700_000_000_000 + i * 1000),
      leftAt: new Date(1_700_000_000_000 + i * 1000 + (i === 1000 ? 60_000 : 500)),
    }));
    const analytics = buildAnalytics(segments, 0);
    expect(analytics.timeline.length).toBeLessThanOrEqual(500);
    expect(Math.max(...analytics.timeline.map((p) => p.count))).toBe(analytics.peakParticipants);
    expect(analytics.peakParticipants).toBe(2);
  });
});
