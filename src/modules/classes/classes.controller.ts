import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RawResponse } from '../../common/http/envelope.interceptor';
import { ApiEnvelope } from '../../common/swagger/api-envelope.decorator';
import { sendResponse } from '@llms/errors';
import { attendanceCsv } from '../attendance/attendance-report';
import { Authenticated, CurrentUser, type AuthUser } from '../../common/auth';
import { CommentsService } from '../comments/comments.service';
import { ClassesService } from './classes.service';
import { AttendanceQuery } from './dto/attendance-query.dto';
import { ClassEnvelopeDto, ClassPageDto } from './dto/class-view.dto';
import { CreateClassDto } from './dto/create-class.dto';
import { ListClassesQuery } from './dto/list-classes.query';

@ApiTags('classes')
@Controller('api/classes')
export class ClassesController {
  constructor(
    private readonly classes: ClassesService,
    private readonly comments: CommentsService,
  ) {}

  @Post()
  @Authenticated({ capability: 'TEACHER' })
  @ApiOperation({ summary: 'Create a class (TEACHER capability, not active in any class)' })
  @ApiEnvelope(ClassEnvelopeDto, 201)
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateClassDto) {
    return { class: await this.classes.create(user, body) };
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'List classes, newest first, with cursor pagination' })
  @ApiEnvelope(ClassPageDto)
  list(@CurrentUser() user: AuthUser, @Query() query: ListClassesQuery) {
    return this.classes.list(user, query);
  }

  @Get('by-code/:joinCode')
  @Authenticated()
  @ApiOperation({ summary: 'Find a class by its join code' })
  @ApiEnvelope(ClassEnvelopeDto)
  async byCode(@Param('joinCode') joinCode: string) {
    return { class: await this.classes.getByJoinCode(joinCode) };
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Get a class' })
  @ApiEnvelope(ClassEnvelopeDto)
  async get(@Param('id') id: string) {
    return { class: await this.classes.get(id) };
  }

  @Post(':id/start')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    summary:
      'Start a CREATED class (creator, not active elsewhere); the creator becomes active in it',
  })
  @ApiEnvelope(ClassEnvelopeDto)
  async start(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return { class: await this.classes.start(user, id) };
  }

  @Post(':id/end')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'End a LIVE class (creator): everyone leaves, attendance is written' })
  @ApiEnvelope(ClassEnvelopeDto)
  async end(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return { class: await this.classes.end(user, id) };
  }

  @Get(':id/comments')
  @Authenticated()
  @ApiOperation({
    summary: 'Recent comments of a live class (its teacher or a participant), oldest first',
    description:
      'The same list JOIN_CLASS returns as recentComments; teachers do not join, so they read it here.',
  })
  async recentComments(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return { items: await this.comments.recentFor(user, id) };
  }

  @Get(':id/attendance')
  @RawResponse()
  @Authenticated()
  @ApiOperation({
    summary: 'Attendance report (creator): stays and per-user totals; ?format=csv for text/csv',
  })
  @ApiProduces('application/json', 'text/csv')
  async attendance(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: AttendanceQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.classes.attendanceReport(user, id);
    if (query.format !== 'csv') return sendResponse(report);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="attendance-${id}.csv"`);
    return attendanceCsv(report);
  }
}
