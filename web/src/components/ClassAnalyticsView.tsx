/** The figures of a class (attendees, peak, average and median time, comments) and its chart. */
import type { ClassAnalytics } from '@llms/contract';
import { formatDuration, formatTimeSeconds } from '../lib/format';
import { ParticipantsChart } from './ParticipantsChart';

export function ClassAnalyticsView({
  analytics,
  startedAt,
  endedAt,
}: {
  analytics: ClassAnalytics;
  startedAt: string | null;
  endedAt: string | null;
}) {
  return (
    <section class="analytics" aria-labelledby="analytics-heading">
      <h3 id="analytics-heading">Class at a glance</h3>
      <dl class="figures">
        <div>
          <dt>Attendees</dt>
          <dd id="figure-attendees">{analytics.uniqueAttendees}</dd>
        </div>
        <div>
          <dt>Peak participants</dt>
          <dd id="figure-peak">
            {analytics.peakParticipants}
            {analytics.peakAt && (
              <span class="muted">
                {' '}
                at <time dateTime={analytics.peakAt}>{formatTimeSeconds(analytics.peakAt)}</time>
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Average time</dt>
          <dd>{formatDuration(analytics.averageSeconds)}</dd>
        </div>
        <div>
          <dt>Median time</dt>
          <dd>{formatDuration(analytics.medianSeconds)}</dd>
        </div>
        <div>
          <dt>Comments</dt>
          <dd id="figure-comments">{analytics.commentCount}</dd>
        </div>
      </dl>
      {analytics.timeline.length > 0 && (
        <ParticipantsChart
          timeline={analytics.timeline}
          from={startedAt}
          to={endedAt}
          peak={analytics.peakParticipants}
          peakAt={analytics.peakAt}
        />
      )}
    </section>
  );
}
