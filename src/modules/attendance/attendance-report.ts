import type { AttendanceReport, AttendanceSummaryRow } from '@llms/contract';
import { toCsv } from '../../common/http/csv';
import { buildAnalytics } from './attendance-analytics';
import type { AttendanceRecord } from './attendance.repository';

/**
 * Builds the report of a class: one item per stay (in join order), one summary row per user,
 * and the analytics derived from the same stays.
 */
export function buildAttendanceReport(
  records: AttendanceRecord[],
  commentCount = 0,
): AttendanceReport {
  const items = records.map((r) => ({
    userId: r.userId,
    name: r.userName,
    joinedAt: r.joinedAt.toISOString(),
    leftAt: r.leftAt.toISOString(),
    durationSeconds: r.durationSeconds,
  }));
  const totals = new Map<string, AttendanceSummaryRow>();
  for (const item of items) {
    const row = totals.get(item.userId) ?? {
      userId: item.userId,
      name: item.name,
      totalSeconds: 0,
      segments: 0,
    };
    row.totalSeconds += item.durationSeconds;
    row.segments += 1;
    totals.set(item.userId, row);
  }
  const summary = [...totals.values()].sort(
    (a, b) => b.totalSeconds - a.totalSeconds || a.name.localeCompare(b.name),
  );
  return { items, summary, analytics: buildAnalytics(records, commentCount) };
}

const CSV_COLUMNS = ['userId', 'name', 'joinedAt', 'leftAt', 'durationSeconds'] as const;

/** The report's stays as CSV (header row, CRLF line ends). */
export function attendanceCsv(report: AttendanceReport): string {
  return toCsv(CSV_COLUMNS, report.items);
}
