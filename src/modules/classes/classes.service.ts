import { Inject, Injectable } from '@nestjs/common';
import type { AttendanceReport, ClassView, Page } from '@llms/contract';
import { AppError } from '@llms/errors';
import { appConfig, type AppConfig } from '../../config/app.config';
import { AttendanceService } from '../attendance/attendance.service';
import type { AuthUser } from '../../common/auth';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ClassLifecycleService } from './class-lifecycle.service';
import { toClassView } from './class-view';
import { ClassesRepository, type ClassRecord } from './classes.repository';
import type { CreateClassDto } from './dto/create-class.dto';
import type { ListClassesQuery } from './dto/list-classes.query';

/** Class rules: who may create, start, end and read what, in which state. */
@Injectable()
export class ClassesService {
  private readonly publicUrl: string;

  constructor(
    private readonly classes: ClassesRepository,
    private readonly presence: PresenceService,
    private readonly lifecycle: ClassLifecycleService,
    private readonly attendance: AttendanceService,
    private readonly publisher: RealtimePublisher,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.publicUrl = config.publicUrl;
  }

  async create(user: AuthUser, input: CreateClassDto): Promise<ClassView> {
    await this.assertNotActive(user.id);
    const record = await this.classes.create({
      title: input.title,
      capacity: input.capacity,
      createdBy: user.id,
    });
    return toClassView(record, this.publicUrl, 0);
  }

  async get(id: string): Promise<ClassView> {
    return this.view(await this.load(id));
  }

  async getByJoinCode(joinCode: string): Promise<ClassView> {
    const record = await this.classes.findByJoinCode(joinCode);
    if (!record) throw new AppError('CLASS_NOT_FOUND', 'No class has this join code');
    return this.view(record);
  }

  async list(user: AuthUser, query: ListClassesQuery): Promise<Page<ClassView>> {
    const limit = query.limit ?? 20;
    const records = await this.classes.list({
      createdBy: query.mine ? user.id : undefined,
      status: query.status,
      after: query.cursor,
      limit: limit + 1,
    });
    const page = records.slice(0, limit);
    return {
      items: await Promise.all(page.map((record) => this.view(record))),
      nextCursor: records.length > limit ? page[page.length - 1].id : null,
    };
  }

  /**
   * Starts a class: claim the teacher (like any join, no special case), then CREATED -> LIVE in
   * MongoDB (compare-and-set), then open its live state in Redis.
   */
  async start(user: AuthUser, id: string): Promise<ClassView> {
    const record = await this.loadOwned(user, id);
    if (record.status !== 'CREATED')
      throw new AppError('CLASS_INVALID_STATE', `The class is ${record.status}, not CREATED`);
    const claim = await this.presence.claim(user.id, id, this.presence.teacherGraceMs);
    if (claim.status === 'OTHER') throw this.alreadyActive(claim.classId);
    const startedAt = new Date();
    const live = await this.classes.markLive(id, startedAt).catch(async (error: unknown) => {
      if (claim.status === 'CLAIMED') await this.presence.release(user.id, id);
      throw error;
    });
    if (!live) {
      if (claim.status === 'CLAIMED') await this.presence.release(user.id, id);
      throw new AppError('CLASS_INVALID_STATE', 'The class was started already');
    }
    // Redis arbitrates a double start too (FerretDB's findOneAndUpdate is not atomic).
    const opened = await this.presence.open(id, {
      capacity: live.capacity,
      teacherId: user.id,
      title: live.title,
      startedAt: startedAt.getTime(),
      joinCode: live.joinCode,
      createdAt: live.createdAt.getTime(),
    });
    if (!opened) throw new AppError('CLASS_INVALID_STATE', 'The class was started already');
    this.publisher.followClass(user.id, id);
    return toClassView(live, this.publicUrl, 0);
  }

  /**
   * Ends a live class: everyone leaves, their attendance is written, the teacher is released.
   * Redis holds the live state (and a snapshot of the class), so this works while MongoDB is
   * unreachable; MongoDB catches up through the sweeper.
   */
  async end(user: AuthUser, id: string): Promise<ClassView> {
    const meta = await this.presence.getLiveMeta(id);
    if (meta?.status === 'LIVE') {
      if (meta.teacherId !== user.id)
        throw new AppError('FORBIDDEN', 'Only the teacher who created this class may do this');
      const endedAt = (await this.lifecycle.end(id)) ?? new Date();
      return toClassView(
        {
          id,
          title: meta.title,
          capacity: meta.capacity,
          status: 'ENDED',
          createdBy: meta.teacherId,
          joinCode: meta.joinCode,
          createdAt: new Date(meta.createdAt),
          startedAt: new Date(meta.startedAt),
          endedAt,
        },
        this.publicUrl,
        0,
      );
    }
    const record = await this.loadOwned(user, id);
    if (record.status !== 'LIVE' || meta) {
      throw new AppError(
        'CLASS_INVALID_STATE',
        `The class is ${meta?.status ?? record.status}, not LIVE`,
      );
    }
    const endedAt = await this.endWithoutLiveState(user, record);
    return toClassView({ ...record, status: 'ENDED', endedAt }, this.publicUrl, 0);
  }

  /** A class LIVE in MongoDB without live state in Redis (a start cut short before it opened). */
  private async endWithoutLiveState(user: AuthUser, record: ClassRecord): Promise<Date> {
    const endedAt = new Date();
    await this.classes.markEnded(record.id, endedAt);
    await this.presence.release(user.id, record.id);
    return endedAt;
  }

  async attendanceReport(user: AuthUser, id: string): Promise<AttendanceReport> {
    await this.loadOwned(user, id);
    return this.attendance.report(id);
  }

  private async assertNotActive(userId: string): Promise<void> {
    const active = await this.presence.getActiveClassId(userId);
    if (active) throw this.alreadyActive(active);
  }

  private alreadyActive(classId: string): AppError {
    return new AppError(
      'ALREADY_ACTIVE',
      `You are active in another class (${classId}); leave it first`,
      [{ field: 'activeClassId', message: classId }],
    );
  }

  private async load(id: string): Promise<ClassRecord> {
    const record = await this.classes.findById(id);
    if (!record) throw new AppError('CLASS_NOT_FOUND', 'No such class');
    return record;
  }

  private async loadOwned(user: AuthUser, id: string): Promise<ClassRecord> {
    const record = await this.load(id);
    if (record.createdBy !== user.id)
      throw new AppError('FORBIDDEN', 'Only the teacher who created this class may do this');
    return record;
  }

  /** Overlays live state: the participant count, and an end Redis knows before MongoDB does. */
  private async view(record: ClassRecord): Promise<ClassView> {
    if (record.status !== 'LIVE') return toClassView(record, this.publicUrl, 0);
    const [count, meta] = await Promise.all([
      this.presence.countParticipants(record.id),
      this.presence.getLiveMeta(record.id),
    ]);
    if (meta?.status === 'ENDED') {
      return toClassView(
        { ...record, status: 'ENDED', endedAt: new Date(meta.endedAt ?? Date.now()) },
        this.publicUrl,
        0,
      );
    }
    return toClassView(record, this.publicUrl, count);
  }
}
