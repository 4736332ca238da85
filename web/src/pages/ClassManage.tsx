/**
 * The teacher's screen for one class: start, share the link, run the live room (comments and the
 * roster), end, then the report (figures, chart, attendance) and the comment transcript.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClassView, CommentMessage, UserView } from '@llms/contract';
import { classes } from '../api/endpoints';
import { ApiError } from '../api/http';
import { AttendanceReportView } from '../components/AttendanceReportView';
import { CommentHistory } from '../components/CommentHistory';
import { LiveRoom } from '../components/LiveRoom';
import { Roster } from '../components/Roster';
import { CopyField, ErrorMessage, Loading, Notice, PageTitle, StatusBadge } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { joinCodeOf } from '../lib/join-codes';
import { Link } from '../lib/router';
import { toApiError, useAsync } from '../lib/use-async';
import { live } from '../realtime/live';

export function ClassManagePage({ id, user }: { id: string; user: UserView }) {
  const { state, reload, setData } = useAsync(() => classes.get(id), [id]);

  useEffect(() => {
    const offEnded = live.on('ended', (message) => message.classId === id && reload());
    // Events may have been missed while offline: read the class (status, count) again.
    const offReconnected = live.on('reconnected', () => reload());
    return () => {
      offEnded();
      offReconnected();
    };
  }, [id, reload]);

  if (state.status === 'loading') {
    return (
      <>
        <PageTitle title="Class">Class</PageTitle>
        <Loading label="Loading the class…" />
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        <PageTitle title="Class">Class</PageTitle>
        <ErrorMessage error={state.error} onRetry={reload} />
        <p>
          <Link href="/classes">Back to my classes</Link>
        </p>
      </>
    );
  }
  const klass = state.data;
  if (klass.createdBy !== user.id) {
    const joinCode = joinCodeOf(klass.id);
    return (
      <>
        <PageTitle title={klass.title}>{klass.title}</PageTitle>
        <Notice>Only the teacher who created this class can manage it.</Notice>
        {klass.status === 'ENDED' ? (
          <p>
            <Link href={`/classes/${klass.id}/comments`}>Read its comments</Link>
          </p>
        ) : (
          joinCode && (
            <p>
              <Link href={`/join/${joinCode}`}>Open it as a participant</Link>
            </p>
          )
        )}
      </>
    );
  }
  return <ManageClass klass={klass} onChange={setData} />;
}

function ManageClass({
  klass,
  onChange,
}: {
  klass: ClassView;
  onChange: (next: ClassView) => void;
}) {
  const [busy, setBusy] = useState<'start' | 'end' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const [recentComments, setRecentComments] = useState<CommentMessage[] | undefined>(undefined);

  // Teachers do not join, so the comments sent before this page opened are read once here.
  useEffect(() => {
    if (klass.status !== 'LIVE') return;
    let current = true;
    classes
      .comments(klass.id)
      .then((page) => current && setRecentComments(page.items))
      .catch(() => current && setRecentComments([]));
    return () => {
      current = false;
    };
  }, [klass.id, klass.status]);

  useEffect(() => {
    if (confirmingEnd) confirmButton.current?.focus();
  }, [confirmingEnd]);

  const run = async (action: 'start' | 'end') => {
    setBusy(action);
    setError(null);
    try {
      onChange(await (action === 'start' ? classes.start(klass.id) : classes.end(klass.id)));
      setConfirmingEnd(false);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  const startError =
    error?.code === 'ALREADY_ACTIVE'
      ? 'You are already live in another class (teaching or attending). End or leave it first, then start this one.'
      : undefined;

  return (
    <>
      <div class="title-row">
        <PageTitle title={klass.title}>{klass.title}</PageTitle>
        <StatusBadge status={klass.status} />
      </div>
      <p class="breadcrumbs">
        <Link href="/classes">← My classes</Link>
      </p>
      <dl class="meta card">
        <div>
          <dt>Seats</dt>
          <dd>{klass.capacity}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(klass.createdAt)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(klass.startedAt)}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{formatDateTime(klass.endedAt)}</dd>
        </div>
      </dl>

      {klass.status !== 'ENDED' && (
        <section class="card" aria-labelledby="share-heading">
          <h2 id="share-heading">Invite students</h2>
          <CopyField id="join-url" label="Join link" value={klass.joinUrl ?? ''} />
          {klass.status === 'CREATED' && (
            <p class="muted">Students can open the link now and join once you start.</p>
          )}
        </section>
      )}

      <ErrorMessage message={startError} error={startError ? null : error} />

      {klass.status === 'CREATED' && (
        <button
          type="button"
          class="button button-primary button-large"
          disabled={busy !== null}
          onClick={() => void run('start')}
        >
          {busy === 'start' ? 'Starting…' : 'Start class'}
        </button>
      )}

      {klass.status === 'LIVE' && (
        <LiveRoom
          classId={klass.id}
          initialCount={klass.participantCount}
          initialComments={recentComments}
          aside={<Roster classId={klass.id} />}
          actions={
            confirmingEnd ? (
              <div class="confirm" role="group" aria-label="Confirm ending the class">
                <span>End the class for everyone?</span>
                <button
                  ref={confirmButton}
                  type="button"
                  class="button button-danger"
                  disabled={busy !== null}
                  onClick={() => void run('end')}
                >
                  {busy === 'end' ? 'Ending…' : 'Yes, end class'}
                </button>
                <button
                  type="button"
                  class="button button-secondary"
                  onClick={() => setConfirmingEnd(false)}
                >
                  Cancel
                </button>
              </div>
            ) : (
              <button
                type="button"
                class="button button-danger"
                onClick={() => setConfirmingEnd(true)}
              >
                End class
              </button>
            )
          }
        />
      )}

      {klass.status === 'ENDED' && (
        <>
          <Notice>This class ended {formatDateTime(klass.endedAt)}.</Notice>
          <AttendanceReportView klass={klass} />
          <CommentHistory classId={klass.id} ended />
        </>
      )}
    </>
  );
}
