import { Injectable } from '@nestjs/common';
import type { AttendanceReport, CommentMessage } from '@llms/contract';
import { AttendanceService } from '../attendance';
import { CommentsService } from '../comments';
import { ClassesService } from './classes.service';
import { type AuthUser } from '../../common/auth';

/** What a class leaves behind, and who may read it: the attendance report and its comments. */
@Injectable()
export class ClassReports {
  constructor(
    private readonly rules: ClassesService,
    private readonly attendanceReports: AttendanceService,
    private readonly comments: CommentsService,
  ) {}

  /** The attendance report, for the class's creator. */
  async attendance(user: AuthUser, id: string): Promise<AttendanceReport> {
    await this.rules.loadOwned(user, id);
    return this.attendanceReports.report(id);
  }

  /** The class's recent comments, for its teacher and participants (unknown class: 404). */
  async recentComments(user: AuthUser, id: string): Promise<CommentMessage[]> {
    await this.rules.load(id);
    return this.comments.recentFor(user, id);
  }
}
