import { Readable } from 'node:stream';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sendResponse } from '@llms/errors';
import { csvDownload } from '../../common/http/csv';
import { RawResponse } from '../../common/http/envelope.interceptor';
import { ApiEnvelope } from '../../common/swagger/api-envelope.decorator';
import { ApiEnvelopeOrCsv } from '../../common/swagger/api-envelope-or-csv.decorator';
import { ClassReports } from './class-reports';
import { AttendanceQuery } from './dto/attendance-query.dto';
import { AttendanceReportDto } from './dto/attendance-report.dto';
import { CommentPageDto, CommentsQuery } from './dto/comments.dto';
import { ParticipantsPageDto, ParticipantsQuery } from './dto/participants.dto';
import { type AuthUser, Authenticated, CurrentUser } from '../../common/auth';

const ATTENDANCE_CSV = [
  'userId,name,joinedAt,leftAt,durationSeconds',
  '665f1c2e9b1e8a0012345679,Grace Hopper,2026-03-02T10:03:41.512Z,2026-03-02T10:48:02.004Z,2660',
].join('\r\n');

const TRANSCRIPT_CSV = [
  'id,sentAt,authorId,authorName,authorRole,text',
  '3f0c9a8e-2b7d-4a51-9d3e-8c1f2a6b7e90,2026-03-02T10:04:05.120Z,665f1c2e9b1e8a0012345678,Ada Lovelace,TEACHER,"Welcome, everyone!"',
].join('\r\n');

/** What a live class shows and what it leaves behind: roster, comments, attendance report. */
@ApiTags('classes')
@Controller('api/classes/:id')
export class ClassReportsController {
  constructor(private readonly reports: ClassReports) {}

  @Get('participants')
  @Authenticated()
  @ApiOperation({
    summary: 'Who is in a live class now (creator; class LIVE), a page at a time',
    description:
      'Cursor-paged with an opaque cursor; a page may hold fewer than `limit` entries even when ' +
      'more follow, so keep going while `nextCursor` is not null. Everyone present for the whole ' +
      'paging is listed at least once. Errors: CLASS_NOT_FOUND (404), FORBIDDEN (403, not the ' +
      'creator), CLASS_NOT_LIVE (409), VALIDATION_FAILED (400, a cursor this endpoint did not give).',
  })
  @ApiEnvelope(ParticipantsPageDto)
  participants(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: ParticipantsQuery,
  ) {
    return this.reports.participants(user, id, { cursor: query.cursor, limit: query.limit ?? 50 });
  }

  @Get('comments')
  @RawResponse()
  @Authenticated()
  @ApiOperation({
    summary: 'Comments of a class: the recent ones while LIVE, the whole transcript after the end',
    description:
      'While LIVE: the recent comments (up to 50, oldest first; `nextCursor` null), for the ' +
      'teacher and anyone with a stay in the class, current or finished (else 409 NOT_IN_CLASS). ' +
      'After the end: the whole transcript, oldest first, cursor-paged, for the teacher and ' +
      'anyone who attended (else 403 FORBIDDEN); `?format=csv` downloads all of it as text/csv ' +
      '(409 CLASS_INVALID_STATE before the end).',
  })
  @ApiEnvelopeOrCsv(CommentPageDto, TRANSCRIPT_CSV, 'A page of comments, or the CSV transcript')
  async comments(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: CommentsQuery,
  ) {
    if (query.format === 'csv') {
      return csvDownload(await this.reports.transcriptCsv(user, id), `comments-${id}.csv`);
    }
    const page = { cursor: query.cursor, limit: query.limit ?? 100 };
    return sendResponse(await this.reports.commentPage(user, id, page));
  }

  @Get('attendance')
  @RawResponse()
  @Authenticated()
  @ApiOperation({
    summary:
      'Attendance report (creator): stays, per-user totals and analytics; ?format=csv for text/csv',
  })
  @ApiEnvelopeOrCsv(AttendanceReportDto, ATTENDANCE_CSV, 'The report, or its stays as CSV')
  async attendance(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: AttendanceQuery,
  ) {
    if (query.format !== 'csv') return sendResponse(await this.reports.attendance(user, id));
    const csv = await this.reports.attendanceCsv(user, id);
    return csvDownload(Readable.from([csv]), `attendance-${id}.csv`);
  }
}
