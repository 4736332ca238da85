/**
 * The report of an ended (or live) class: its figures and participant chart, then one total per
 * person and every stay, with the CSV download.
 */
import type { ClassView } from '@llms/contract';
import { classes } from '../api/endpoints';
import { formatDateTimeSeconds, formatDuration } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { ClassAnalyticsView } from './ClassAnalyticsView';
import { ErrorMessage, Loading } from './ui';

export function AttendanceReportView({ klass }: { klass: ClassView }) {
  const classId = klass.id;
  const { state, reload } = useAsync(() => classes.attendance(classId), [classId]);

  return (
    <section
      class="card"
      aria-labelledby="attendance-heading"
      aria-busy={state.status === 'loading'}
    >
      <div class="section-head">
        <h2 id="attendance-heading">Attendance</h2>
        <div class="actions">
          <button type="button" class="button button-secondary" onClick={reload}>
            Refresh report
          </button>
          <a class="button button-secondary" href={classes.attendanceCsvUrl(classId)} download>
            Download CSV
          </a>
        </div>
      </div>
      {state.status === 'loading' && <Loading label="Loading the attendance report…" />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <ClassAnalyticsView
          analytics={state.data.analytics}
          startedAt={klass.startedAt}
          endedAt={klass.endedAt}
        />
      )}
      {state.status === 'ready' && state.data.items.length === 0 && (
        <p class="muted">
          Nobody has attended yet. Stays appear here once they end; if the class just ended, refresh
          in a moment.
        </p>
      )}
      {state.status === 'ready' && state.data.items.length > 0 && (
        <>
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="totals-caption">
            <table id="attendance-totals">
              <caption id="totals-caption">Time in class per person</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Stays</th>
                  <th scope="col">Total time</th>
                </tr>
              </thead>
              <tbody>
                {state.data.summary.map((row) => (
                  <tr key={row.userId}>
                    <th scope="row">{row.name}</th>
                    <td>
                      {row.segments ??
                        state.data.items.filter((i) => i.userId === row.userId).length}
                    </td>
                    <td>{formatDuration(row.totalSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="stays-caption">
            <table id="attendance-stays">
              <caption id="stays-caption">Every stay, from joining to leaving</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Joined</th>
                  <th scope="col">Left</th>
                  <th scope="col">Duration</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((item) => (
                  <tr key={`${item.userId}-${item.joinedAt}`}>
                    <th scope="row">{item.name}</th>
                    <td>
                      <time dateTime={item.joinedAt}>{formatDateTimeSeconds(item.joinedAt)}</time>
                    </td>
                    <td>
                      <time dateTime={item.leftAt}>{formatDateTimeSeconds(item.leftAt)}</time>
                    </td>
                    <td>{formatDuration(item.durationSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
