import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sendResponse } from '@llms/errors';
import { RawResponse } from '../../common/http/envelope.interceptor';
import { attendanceCsv } from '../attendance';
import { ClassReports } from './class-reports';
import { AttendanceQuery } from './dto/attendance-query.dto';
import { type AuthUser, Authenticated, CurrentUser } from '../../common/auth';

/** What a class leaves behind: its comments and its attendance report. */
@ApiTags('classes')
@Controller('api/classes/:id')
export class ClassReportsController {
  constructor(private readonly reports: ClassReports) {}

  @Get('comments')
  @Authenticated()
  @ApiOperation({
    summary: 'Recent comments of a live class (its teacher or a participant), oldest first',
    description:
      'The same list JOIN_CLASS returns as recentComments; teachers do not join, so they read it here.',
  })
  async recentComments(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return { items: await this.reports.recentComments(user, id) };
  }

  @Get('attendance')
  @RawResponse()
  @Authenticated()
  @ApiOperation({
    summary:
      'Attendance report (creator): stays, per-user totals and analytics; ?format=csv for text/csv',
  })
  @ApiProduces('application/json', 'text/csv')
  async attendance(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: AttendanceQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.reports.attendance(user, id);
    if (query.format !== 'csv') return sendResponse(report);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="attendance-${id}.csv"`);
    return attendanceCsv(report);
  }
}
