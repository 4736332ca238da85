import { attendanceCsv, buildAttendanceReport } from './attendance-report';
import type { AttendanceRecord } from './attendance.repository';

const NAMES: Record<string, string> = { a: 'Ada', b: '=HYPERLINK("x")' };

const stay = (userId: string, joinedAt: string, seconds: number): AttendanceRecord => ({
  id: `c:${userId}:${joinedAt}`,
  userId,
  userName: NAMES[userId],
  classId: 'c',
  classTitle: 'T',
  joinedAt: new Date(joinedAt),
  leftAt: new Date(new Date(joinedAt).getTime() + seconds * 1000),
  durationSeconds: seconds,
});

describe('attendance report', () => {
  const records = [
    stay('a', '2026-01-01T10:00:00Z', 60),
    stay('b', '2026-01-01T10:01:00Z', 30),
    stay('a', '2026-01-01T10:05:00Z', 90),
  ];

  it('lists every stay and totals per user', () => {
    const report = buildAttendanceReport(records);
    expect(report.items).toHaveLength(3);
    expect(report.items[0]).toEqual({
      userId: 'a',
      name: 'Ada',
      joinedAt: '2026-01-01T10:00:00.000Z',
      leftAt: '2026-01-01T10:01:00.000Z',
      durationSeconds: 60,
    });
    expect(report.summary).toEqual([
      { userId: 'a', name: 'Ada', totalSeconds: 150, segments: 2 },
      { userId: 'b', name: '=HYPERLINK("x")', totalSeconds: 30, segments: 1 },
    ]);
  });

  it('renders CSV with quoting and formula neutralising', () => {
    const csv = attendanceCsv(buildAttendanceReport(records));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('userId,name,joinedAt,leftAt,durationSeconds');
    expect(lines[1]).toBe('a,Ada,2026-01-01T10:00:00.000Z,2026-01-01T10:01:00.000Z,60');
    expect(lines[2]).toBe(
      `b,"'=HYPERLINK(""x"")",2026-01-01T10:01:00.000Z,2026-01-01T10:01:30.000Z,30`,
    );
    expect(lines).toHaveLength(5);
  });
});
