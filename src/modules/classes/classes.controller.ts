import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../../common/swagger/api-envelope.decorator';
import { ClassEnd } from './class-end';
import { ClassesService } from './classes.service';
import { ClassEnvelopeDto, ClassPageDto } from './dto/class-view.dto';
import { CreateClassDto } from './dto/create-class.dto';
import { ListClassesQuery } from './dto/list-classes.query';
import { type AuthUser, Authenticated, CurrentUser } from '../../common/auth';

@ApiTags('classes')
@Controller('api/classes')
export class ClassesController {
  constructor(
    private readonly classes: ClassesService,
    private readonly classEnd: ClassEnd,
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
  @ApiOperation({ summary: 'List the classes I created, newest first, with cursor pagination' })
  @ApiEnvelope(ClassPageDto)
  list(@CurrentUser() user: AuthUser, @Query() query: ListClassesQuery) {
    return this.classes.list(user, query);
  }

  @Get('by-code/:joinCode')
  @Authenticated()
  @ApiOperation({
    summary: 'Find a class by its join code (the answer includes the code and link)',
  })
  @ApiEnvelope(ClassEnvelopeDto)
  async byCode(@Param('joinCode') joinCode: string) {
    return { class: await this.classes.getByJoinCode(joinCode) };
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Get a class (joinCode and joinUrl only for its creator)',
    description: 'Ids are the canonical 24-character lower-case hex form; any other form is 404.',
  })
  @ApiEnvelope(ClassEnvelopeDto)
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return { class: await this.classes.get(user, id) };
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
    return { class: await this.classEnd.end(user, id) };
  }
}
