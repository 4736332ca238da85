/**
 * The comments of one class, for its teacher and those who attended (the link from "Classes I
 * attended"): the whole transcript once it has ended, with its CSV download.
 */
import { classes } from '../api/endpoints';
import { CommentHistory } from '../components/CommentHistory';
import { ErrorMessage, Loading, Notice, PageTitle, StatusBadge } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';

export function ClassCommentsPage({ id }: { id: string }) {
  const { state, reload } = useAsync(() => classes.get(id), [id]);
  if (state.status !== 'ready') {
    return (
      <>
        <PageTitle title="Comments">Comments</PageTitle>
        {state.status === 'loading' ? (
          <Loading label="Loading the class…" />
        ) : (
          <ErrorMessage error={state.error} onRetry={reload} />
        )}
      </>
    );
  }
  const klass = state.data;
  return (
    <>
      <div class="title-row">
        <PageTitle title={`Comments · ${klass.title}`}>{klass.title}</PageTitle>
        <StatusBadge status={klass.status} />
      </div>
      <p class="breadcrumbs">
        <Link href="/">← Home</Link>
      </p>
      {klass.status === 'ENDED' ? (
        <>
          <p class="muted">
            Ran from {formatDateTime(klass.startedAt)} to {formatDateTime(klass.endedAt)}.
          </p>
          <CommentHistory classId={klass.id} ended />
        </>
      ) : (
        <Notice>The whole transcript of this class is here once it has ended.</Notice>
      )}
    </>
  );
}
