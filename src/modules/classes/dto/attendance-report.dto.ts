import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LIMITS,
  type AttendanceReport,
  type AttendanceSegmentView,
  type AttendanceSummaryRow,
  type ClassAnalytics,
  type MyAttendanceItem,
  type TimelinePoint,
} from '@llms/contract';

/** Swagger shapes of the attendance report, its analytics and a user's own history. */
export class AttendanceSegmentDto implements AttendanceSegmentView {
  @ApiProperty({ example: '665f1c2e9b1e8a0012345679' }) userId: string;
  @ApiProperty({ example: 'Grace Hopper' }) name: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:03:41.512Z' }) joinedAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:48:02.004Z' }) leftAt: string;
  @ApiProperty({ example: 2660 }) durationSeconds: number;
}

export class AttendanceSummaryRowDto implements AttendanceSummaryRow {
  @ApiProperty({ example: '665f1c2e9b1e8a0012345679' }) userId: string;
  @ApiProperty({ example: 'Grace Hopper' }) name: string;
  @ApiProperty({ example: 2660, description: 'All stays together' }) totalSeconds: number;
  @ApiProperty({ example: 1, description: 'Number of join→leave stays' }) segments: number;
}

export class TimelinePointDto implements TimelinePoint {
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:03:41.512Z' }) at: string;
  @ApiProperty({ example: 3, description: 'Participants from `at` until the next point' })
  count: number;
}

export class ClassAnalyticsDto implements ClassAnalytics {
  @ApiProperty({ example: 3 }) uniqueAttendees: number;
  @ApiProperty({ example: 3 }) peakParticipants: number;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2026-03-02T10:05:10.000Z',
    description: 'When the peak was first reached; null when nobody attended',
  })
  peakAt: string | null;

  @ApiProperty({ example: 2410, description: 'Per attendee, all their stays together' })
  averageSeconds: number;

  @ApiProperty({ example: 2600 }) medianSeconds: number;
  @ApiProperty({ example: 17, description: 'Comments in the transcript' }) commentCount: number;

  @ApiProperty({
    type: [TimelinePointDto],
    maxItems: LIMITS.TIMELINE_POINTS_MAX,
    description: 'The participant count over the class, oldest first, a step function',
  })
  timeline: TimelinePointDto[];
}

export class AttendanceReportDto implements AttendanceReport {
  @ApiProperty({ type: [AttendanceSegmentDto], description: 'One per stay, in join order' })
  items: AttendanceSegmentDto[];

  @ApiProperty({ type: [AttendanceSummaryRowDto], description: 'One per person, longest first' })
  summary: AttendanceSummaryRowDto[];

  @ApiProperty({ type: ClassAnalyticsDto })
  analytics: ClassAnalyticsDto;
}

export class MyAttendanceItemDto implements MyAttendanceItem {
  @ApiProperty({ example: '665f1c2e8a1b2c3d4e5f6a7b' }) classId: string;
  @ApiProperty({ example: 'Linear algebra, week 3' }) classTitle: string;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 3000,
    description: 'How long the class ran (start to end); null while it is live or unknown',
  })
  classDurationSeconds?: number | null;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:03:41.512Z' }) joinedAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:48:02.004Z' }) leftAt: string;
  @ApiProperty({ example: 2660 }) durationSeconds: number;
}

export class MyAttendanceDto {
  @ApiProperty({ type: [MyAttendanceItemDto], description: 'Newest first' })
  items: MyAttendanceItemDto[];
}
