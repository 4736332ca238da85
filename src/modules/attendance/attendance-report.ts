import type { AttendanceReport, AttendanceSummaryRow } from '@llms/contract';
import { buildAnalytics } from './attendance-analytics';
import type { AttendanceRecord } from './attendance.repository';

/** Builds the report: one item per stay (in join order) and one summary row per user. */
export function buildAttendanceReport(
  records: AttendanceRecord[],
  names: Map<string, string>,
  commentCount = 0,
): AttendanceReport {
  const items = records.map((r) => ({
    userId: r.userId,
    name: names.get(r.userId) ?? '',
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

/** RFC 4180 field; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report's stays as CSV (header row, CRLF line ends). */
export function attendanceCsv(report: AttendanceReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of report.items) lines.push(CSV_COLUMNS.map((c) => csvField(item[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
