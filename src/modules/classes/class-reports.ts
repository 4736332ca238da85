import { Injectable } from '@nestjs/common';
import {
  isCanonicalId,
  type AttendanceReport,
  type CommentMessage,
  type MyAttendanceItem,
  type Page,
  type ParticipantsPage,
} from '@llms/contract';
import { AppError } from '@llms/errors';
import { AttendanceService, attendanceCsv } from '../attendance';
import { CommentsService, CommentTranscript } from '../comments';
import { LiveClasses } from '../presence';
import { classNotFound, notTheCreator } from './class-errors';
import { ClassRoster } from './class-roster';
import { ClassesRepository, type ClassRecord } from './classes.repository';
import { ClassesService } from './classes.service';
import { type AuthUser } from '../../common/auth';

/**
 * What a class shows and leaves behind, and who may read it: the live roster (its teacher), the
 * comments (live: the recent ones; ended: the whole transcript) and the attendance report with
 * its analytics. Reads of a live class go to Redis first, so they work while MongoDB is away.
 */
@Injectable()
export class ClassReports {
  constructor(
    private readonly rules: ClassesService,
    private readonly classes: ClassesRepository,
    private readonly live: LiveClasses,
    private readonly roster: ClassRoster,
    private readonly attendanceReports: AttendanceService,
    private readonly comments: CommentsService,
    private readonly transcript: CommentTranscript,
  ) {}

  /** The attendance report with its analytics, for the class's creator. */
  async attendance(user: AuthUser, id: string): Promise<AttendanceReport> {
    await this.rules.loadOwned(user, id);
    return this.attendanceReports.report(id, await this.transcript.count(id));
  }

  /** The stays as CSV, for the class's creator (no comment count: the CSV has no analytics). */
  async attendanceCsv(user: AuthUser, id: string): Promise<string> {
    await this.rules.loadOwned(user, id);
    return attendanceCsv(await this.attendanceReports.report(id));
  }

  /** Who is in a live class now, a page at a time, for its creator. */
  async participants(
    user: AuthUser,
    id: string,
    page: { cursor?: string; limit: number },
  ): Promise<ParticipantsPage> {
    if (!isCanonicalId(id)) throw classNotFound();
    const meta = await this.live.meta(id);
    if (meta?.status !== 'LIVE') {
      const record = await this.rules.loadCurrent(id);
      if (record.createdBy !== user.id) throw notTheCreator();
      throw new AppError('CLASS_NOT_LIVE', `The class is ${record.status}, not LIVE`);
    }
    if (meta.teacherId !== user.id) throw notTheCreator();
    return this.roster.page(id, page.cursor, page.limit);
  }

  /**
   * The comments of a class. While it is live: the recent ones, for its teacher and anyone with
   * a stay in it, current or finished (a student who left still reads what they saw). After
   * the end: the whole transcript, oldest first, for its teacher and anyone who attended.
   */
  async commentPage(
    user: AuthUser,
    id: string,
    page: { cursor?: string; limit: number },
  ): Promise<Page<CommentMessage>> {
    if (!isCanonicalId(id)) throw classNotFound();
    const meta = await this.live.meta(id);
    if (meta?.status === 'LIVE') {
      if (meta.teacherId !== user.id) await this.mustHaveStayed(user, id);
      const recent = await this.comments.recent(id);
      return { items: recent.slice(-page.limit), nextCursor: null };
    }
    const record = await this.rules.loadCurrent(id);
    if (record.status === 'CREATED') {
      if (record.createdBy !== user.id) throw notInClass();
      return { items: [], nextCursor: null };
    }
    if (record.status === 'LIVE') {
      // LIVE in MongoDB without live state in Redis: a start cut short; nothing was said.
      if (record.createdBy !== user.id) await this.mustHaveStayed(user, id);
      return { items: [], nextCursor: null };
    }
    await this.mayReadTranscript(user, record);
    return this.transcript.page(id, page.cursor, page.limit);
  }

  /** The whole transcript of an ended class as CSV, for its teacher and anyone who attended. */
  async transcriptCsv(user: AuthUser, id: string) {
    const record = await this.rules.loadCurrent(id);
    if (record.status !== 'ENDED') {
      throw new AppError(
        'CLASS_INVALID_STATE',
        `The class is ${record.status}: its transcript can be downloaded once it has ended`,
      );
    }
    await this.mayReadTranscript(user, record);
    return this.transcript.csv(id);
  }

  /** My stays, newest first, each with how long its class ran (null while live or unknown). */
  async myAttendance(user: AuthUser): Promise<MyAttendanceItem[]> {
    const items = await this.attendanceReports.mine(user.id);
    const times = await this.classes.findTimes(items.map((item) => item.classId));
    return items.map((item) => {
      const { startedAt, endedAt } = times.get(item.classId) ?? {};
      const classDurationSeconds =
        startedAt && endedAt
          ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000))
          : null;
      return { ...item, classDurationSeconds };
    });
  }

  private async mayReadTranscript(user: AuthUser, record: ClassRecord): Promise<void> {
    if (record.createdBy === user.id) return;
    if (await this.attendanceReports.attended(record.id, user.id)) return;
    throw new AppError(
      'FORBIDDEN',
      'Only the teacher and those who attended a class may read its comments',
    );
  }

  /** A participant now, or a finished stay (written to MongoDB, or still in the outbox). */
  private async mustHaveStayed(user: AuthUser, id: string): Promise<void> {
    if ((await this.live.roleOf(id, user.id)) !== null) return;
    if (await this.attendanceReports.attended(id, user.id)) return;
    throw notInClass();
  }
}

const notInClass = () =>
  new AppError('NOT_IN_CLASS', 'Only the teacher and participants of a class read its comments');
