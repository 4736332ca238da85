/**
 * The student's screen: open a join link, see the class, join, take part, leave. The screen
 * follows the class: it looks again now and then while the student is not in it (so the Join
 * button appears at the start, and the end shows even to someone who left), and every situation
 * is explained by exactly one message.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClassView, JoinClassResult, UserView } from '@llms/contract';
import { classes } from '../api/endpoints';
import { ApiError } from '../api/http';
import { CommentHistory } from '../components/CommentHistory';
import { EndedClass } from '../components/EndedClass';
import { JoinError } from '../components/JoinError';
import { LiveRoom } from '../components/LiveRoom';
import { ErrorMessage, Loading, Notice, PageTitle, StatusBadge } from '../components/ui';
import { rememberJoinCode } from '../lib/join-codes';
import { Link } from '../lib/router';
import { toApiError, useAsync } from '../lib/use-async';
import { live } from '../realtime/live';

/** While the student is not in the class, how often the page looks at it again. */
const POLL_MS = 10_000;

export function JoinPage({ code, user }: { code: string; user: UserView }) {
  const { state, reload } = useAsync(() => classes.byCode(code), [code]);

  if (state.status === 'loading') {
    return (
      <>
        <PageTitle title="Join a class">Join a class</PageTitle>
        <Loading label="Looking up the class…" />
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        <PageTitle title="Join a class">Join a class</PageTitle>
        {state.error.code === 'CLASS_NOT_FOUND' || state.error.code === 'NOT_FOUND' ? (
          <ErrorMessage message="This join link does not match any class. Check the link with your teacher." />
        ) : (
          <ErrorMessage error={state.error} onRetry={reload} />
        )}
        <p>
          <Link href="/">Go home</Link>
        </p>
      </>
    );
  }
  const klass = state.data;
  if (klass.createdBy === user.id) {
    return (
      <>
        <PageTitle title={klass.title}>{klass.title}</PageTitle>
        <Notice>
          This is your class. Teachers run their class from its page rather than joining it.
        </Notice>
        <p>
          <Link class="button button-primary" href={`/classes/${klass.id}`}>
            Open the class
          </Link>
        </p>
      </>
    );
  }
  return <StudentRoom klass={klass} reloadClass={reload} />;
}

function StudentRoom({ klass, reloadClass }: { klass: ClassView; reloadClass: () => void }) {
  const [joined, setJoined] = useState<JoinClassResult | null>(null);
  /** This tab was in the class at some point (so its comments are the student's to read). */
  const [hadStay, setHadStay] = useState(false);
  const [busy, setBusy] = useState<'join' | 'leave' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [endedAt, setEndedAt] = useState<string | null>(
    klass.status === 'ENDED' ? klass.endedAt : null,
  );
  const [left, setLeft] = useState(false);
  const [leftForOtherTab, setLeftForOtherTab] = useState(false);
  const joinedId = useRef<string | null>(null);
  const joinButton = useRef<HTMLButtonElement>(null);
  const ended = endedAt !== null;

  useEffect(() => {
    if (klass.status === 'ENDED') setEndedAt(klass.endedAt ?? new Date().toISOString());
  }, [klass.status, klass.endedAt]);

  // Not in the class (before the start, or after leaving): look again now and then, so the
  // Join button appears once it starts and the end shows without a click.
  const watching = !joined && !ended && busy === null;
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(reloadClass, POLL_MS);
    return () => clearInterval(timer);
  }, [watching, reloadClass]);

  useEffect(() => {
    const offEnded = live.on('ended', (message) => {
      if (message.classId !== klass.id) return;
      joinedId.current = null;
      setEndedAt(message.endedAt);
    });
    const offLeftForOtherTab = live.on('leftForOtherTab', (message) => {
      if (message.classId !== klass.id) return;
      joinedId.current = null;
      setJoined(null);
      setLeftForOtherTab(true);
    });
    const offReconnected = live.on('reconnected', ({ rejoinError }) => {
      if (!rejoinError || !joinedId.current) return;
      joinedId.current = null;
      if (rejoinError.code === 'CLASS_NOT_LIVE' || rejoinError.code === 'CLASS_NOT_FOUND') {
        setEndedAt(new Date().toISOString());
        reloadClass();
      } else {
        setJoined(null);
        setError(rejoinError);
      }
    });
    return () => {
      offEnded();
      offLeftForOtherTab();
      offReconnected();
      // Leaving the screen leaves the class (closing the tab does the same through the disconnect).
      if (joinedId.current) live.leaveQuietly(joinedId.current);
    };
  }, [klass.id, reloadClass]);

  const join = async () => {
    setBusy('join');
    setError(null);
    try {
      const joinCode = klass.joinCode ?? '';
      const result = await live.join(klass.id, joinCode);
      rememberJoinCode(klass.id, joinCode);
      joinedId.current = klass.id;
      setJoined(result);
      setHadStay(true);
      setLeft(false);
      setLeftForOtherTab(false);
    } catch (failure) {
      const apiError = toApiError(failure);
      // Not live (it ended, or has not started): the class as it is now says so, in one message.
      if (apiError.code !== 'CLASS_NOT_LIVE') setError(apiError);
      if (apiError.code === 'CLASS_NOT_LIVE' || apiError.code === 'CLASS_FULL') reloadClass();
    } finally {
      setBusy(null);
    }
  };

  const leave = async () => {
    setBusy('leave');
    setError(null);
    try {
      await live.leave(klass.id);
    } catch (failure) {
      const apiError = toApiError(failure);
      // NOT_IN_CLASS: already out (the class ended or presence expired); that is what we wanted.
      if (apiError.code !== 'NOT_IN_CLASS') {
        setError(apiError);
        setBusy(null);
        return;
      }
    }
    joinedId.current = null;
    setJoined(null);
    setLeft(true);
    setBusy(null);
    reloadClass(); // the seats taken now
    setTimeout(() => joinButton.current?.focus(), 0);
  };

  if (ended) return <EndedClass klass={klass} endedAt={endedAt} hadStay={hadStay} />;

  return (
    <>
      <div class="title-row">
        <PageTitle title={klass.title}>{klass.title}</PageTitle>
        <StatusBadge status={klass.status} />
      </div>

      {klass.status === 'CREATED' && (
        <Notice>
          <p>
            The teacher has not started this class yet. This page checks again every few seconds.
          </p>
          <button type="button" class="button button-secondary" onClick={reloadClass}>
            Check now
          </button>
        </Notice>
      )}

      {!error && !joined && leftForOtherTab && (
        <Notice>You left this class to join another one in a different tab.</Notice>
      )}
      {!error && !joined && left && !leftForOtherTab && (
        <Notice>You left the class. You can join again while it is live.</Notice>
      )}

      <JoinError error={error} classId={klass.id} onRetry={join} />

      {!joined && klass.status === 'LIVE' && (
        <section class="card" aria-labelledby="join-now-heading">
          <h2 id="join-now-heading">{hadStay ? 'Join again?' : 'Ready to join?'}</h2>
          <p>
            {klass.participantCount} of {klass.capacity} seats taken.
          </p>
          <button
            ref={joinButton}
            type="button"
            class="button button-primary button-large"
            disabled={busy !== null}
            onClick={() => void join()}
          >
            {busy === 'join' ? 'Joining…' : 'Join class'}
          </button>
        </section>
      )}

      {!joined && hadStay && <CommentHistory classId={klass.id} ended={false} />}

      {joined && (
        <LiveRoom
          classId={klass.id}
          initialCount={joined.participantCount}
          initialComments={joined.recentComments}
          actions={
            <button
              type="button"
              class="button button-secondary"
              disabled={busy !== null}
              onClick={() => void leave()}
            >
              {busy === 'leave' ? 'Leaving…' : 'Leave class'}
            </button>
          }
        />
      )}
    </>
  );
}
