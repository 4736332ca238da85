/**
 * The ended state of a class for a student: one message and, for those who attended, its
 * comment transcript. Whether someone attended is known here (this tab was in it) or read from
 * their own attendance, so the page never asks for a transcript it may not read.
 */
import type { ClassView } from '@llms/contract';
import { users } from '../api/endpoints';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { CommentHistory } from './CommentHistory';
import { PageTitle, StatusBadge } from './ui';

export function EndedClass({
  klass,
  endedAt,
  hadStay,
}: {
  klass: ClassView;
  endedAt: string | null;
  hadStay: boolean;
}) {
  const { state } = useAsync(
    async () => hadStay || (await users.myAttendance()).some((item) => item.classId === klass.id),
    [klass.id, hadStay],
  );
  const attended = state.status === 'ready' && state.data;
  return (
    <>
      <div class="title-row">
        <PageTitle title={klass.title}>{klass.title}</PageTitle>
        <StatusBadge status="ENDED" />
      </div>
      <div class="alert alert-warning" role="alert">
        <p>
          <strong>The class has ended</strong> ({formatDateTime(endedAt)}).
          {attended ? ' Thanks for taking part: its comments stay below.' : ''}
        </p>
        <Link href="/">Go home</Link>
      </div>
      {attended && <CommentHistory classId={klass.id} ended />}
    </>
  );
}
