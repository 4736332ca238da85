import { Inject, Injectable } from '@nestjs/common';
import type { ClassView, Page } from '@llms/contract';
import { AppError } from '@llms/errors';
import { appConfig, type AppConfig } from '../../config/app.config';
import { ClassEvents } from '../class-events';
import { ActiveClassClaims, LiveClasses, PresenceSettings } from '../presence';
import { alreadyActive, classNotFound, notTheCreator } from './class-errors';
import { toClassView } from './class-view';
import { ClassesRepository, type ClassRecord } from './classes.repository';
import type { CreateClassDto } from './dto/create-class.dto';
import type { ListClassesQuery } from './dto/list-classes.query';
import { type AuthUser } from '../../common/auth';

/** Class rules: who may create, start and read what, in which state (the end: ClassEnd). */
@Injectable()
export class ClassesService {
  private readonly publicUrl: string;

  constructor(
    private readonly classes: ClassesRepository,
    private readonly claims: ActiveClassClaims,
    private readonly live: LiveClasses,
    private readonly settings: PresenceSettings,
    private readonly events: ClassEvents,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.publicUrl = config.publicUrl;
  }

  async create(user: AuthUser, input: CreateClassDto): Promise<ClassView> {
    const active = await this.claims.activeClassOf(user.id);
    if (active) throw alreadyActive(active);
    const record = await this.classes.create({
      title: input.title,
      capacity: input.capacity,
      createdBy: user.id,
    });
    return this.viewFor(user, record, 0);
  }

  async get(user: AuthUser, id: string): Promise<ClassView> {
    return this.view(user, await this.load(id));
  }

  /** Whoever holds the code may see it (and the join link) in the answer. */
  async getByJoinCode(joinCode: string): Promise<ClassView> {
    const record = await this.classes.findByJoinCode(joinCode);
    if (!record) throw new AppError('CLASS_NOT_FOUND', 'No class has this join code');
    return this.withLiveState(record, true);
  }

  /** The caller's own classes, newest first (there is no catalogue of other people's). */
  async list(user: AuthUser, query: ListClassesQuery): Promise<Page<ClassView>> {
    const limit = query.limit ?? 20;
    const records = await this.classes.listByCreator({
      createdBy: user.id,
      status: query.status,
      after: query.cursor,
      limit: limit + 1,
    });
    const page = records.slice(0, limit);
    return {
      items: await Promise.all(page.map((record) => this.view(user, record))),
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
    const claim = await this.claims.claim(user.id, id, this.settings.teacherGraceMs);
    if (claim.status === 'OTHER') throw alreadyActive(claim.classId);
    const releaseOwnClaim = () =>
      claim.status === 'CLAIMED' ? this.claims.release(user.id, id) : Promise.resolve(false);
    const startedAt = new Date();
    const live = await this.classes.markLive(id, startedAt).catch(async (error: unknown) => {
      await releaseOwnClaim();
      throw error;
    });
    if (!live) {
      await releaseOwnClaim();
      throw new AppError('CLASS_INVALID_STATE', 'The class was started already');
    }
    // Redis arbitrates a double start too (FerretDB's findOneAndUpdate is not atomic).
    const opened = await this.live.open(id, {
      capacity: live.capacity,
      teacherId: user.id,
      title: live.title,
      startedAt: startedAt.getTime(),
      joinCode: live.joinCode,
      createdAt: live.createdAt.getTime(),
    });
    if (!opened) throw new AppError('CLASS_INVALID_STATE', 'The class was started already');
    this.events.classStarted(id, user.id);
    return this.viewFor(user, live, 0);
  }

  /** A class by id; CLASS_NOT_FOUND for unknown ids and ids not in canonical form. */
  async load(id: string): Promise<ClassRecord> {
    const record = await this.classes.findById(id);
    if (!record) throw classNotFound();
    return record;
  }

  /**
   * A class with its status as it is now: an end reaches Redis before MongoDB (which follows,
   * retried by the sweeper while it is down), so a LIVE record whose live state says ENDED is
   * ENDED.
   */
  async loadCurrent(id: string): Promise<ClassRecord> {
    const record = await this.load(id);
    if (record.status !== 'LIVE') return record;
    const meta = await this.live.meta(id);
    return meta?.status === 'ENDED' ? endedPerRedis(record, meta) : record;
  }

  /** A class its caller created; FORBIDDEN for anyone else. */
  async loadOwned(user: AuthUser, id: string): Promise<ClassRecord> {
    const record = await this.load(id);
    if (record.createdBy !== user.id) throw notTheCreator();
    return record;
  }

  /** The view `user` gets of a class: with live state, and the join code for its creator. */
  private view(user: AuthUser, record: ClassRecord): Promise<ClassView> {
    return this.withLiveState(record, record.createdBy === user.id);
  }

  /** The view of a class without a live-state read (the caller knows the count). */
  viewFor(user: AuthUser, record: ClassRecord, participantCount: number): ClassView {
    return toClassView(record, {
      publicUrl: this.publicUrl,
      participantCount,
      withJoinCode: record.createdBy === user.id,
    });
  }

  /** Overlays live state: the participant count, and an end Redis knows before MongoDB does. */
  private async withLiveState(record: ClassRecord, withJoinCode: boolean): Promise<ClassView> {
    const options = { publicUrl: this.publicUrl, participantCount: 0, withJoinCode };
    if (record.status !== 'LIVE') return toClassView(record, options);
    const [count, meta] = await Promise.all([
      this.live.count(record.id),
      this.live.meta(record.id),
    ]);
    if (meta?.status === 'ENDED') return toClassView(endedPerRedis(record, meta), options);
    return toClassView(record, { ...options, participantCount: count });
  }
}

/** A record MongoDB still has LIVE, as ENDED at the time Redis's live state says it ended. */
function endedPerRedis(record: ClassRecord, meta: { endedAt?: number | null }): ClassRecord {
  return { ...record, status: 'ENDED', endedAt: new Date(meta.endedAt ?? Date.now()) };
}
