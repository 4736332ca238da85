/** The student's screen: open a join link, see the class, join, take part, leave. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClassView, JoinClassResult, UserView } from '@llms/contract';
import { classes, users } from '../api/endpoints';
import { ApiError } from '../api/http';
import { LiveRoom } from '../components/LiveRoom';
import { ErrorMessage, Loading, Notice, PageTitle, StatusBadge } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { toApiError, useAsync } from '../lib/use-async';
import { live } from '../realtime/live';
import { rememberJoinCode } from '../lib/join-codes';

const WAITING_POLL_MS = 10_000;

export function JoinPage({ code, user }: { code: string; user: UserView }) {
  const { state, reload } = useAsync(() => classes.byCode(code), [code]);

  // While the class has not started, look again now and then so the Join button appears by itself.
  const waiting = state.status === 'ready' && state.data.status === 'CREATED';
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, WAITING_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);

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
  const [busy, setBusy] = useState<'join' | 'leave' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [endedAt, setEndedAt] = useState<string | null>(
    klass.status === 'ENDED' ? klass.endedAt : null,
  );
  const [left, setLeft] = useState(false);
  const [leftForOtherTab, setLeftForOtherTab] = useState(false);
  const joinedId = useRef<string | null>(null);
  const joinButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (klass.status === 'ENDED') setEndedAt(klass.endedAt ?? new Date().toISOString());
  }, [klass.status, klass.endedAt]);

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
    setLeft(false);
    setLeftForOtherTab(false);
    try {
      const joinCode = klass.joinCode ?? '';
      const result = await live.join(klass.id, joinCode);
      rememberJoinCode(klass.id, joinCode);
      joinedId.current = klass.id;
      setJoined(result);
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError);
      // The class changed under us (started, ended, filled up): show its current state.
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
    setTimeout(() => joinButton.current?.focus(), 0);
  };

  const ended = endedAt !== null;

  return (
    <>
      <div class="title-row">
        <PageTitle title={klass.title}>{klass.title}</PageTitle>
        <StatusBadge status={ended ? 'ENDED' : klass.status} />
      </div>

      {ended && (
        <div class="alert alert-warning" role="alert">
          <p>
            <strong>The class has ended</strong> ({formatDateTime(endedAt)}). Thanks for taking
            part.
          </p>
          <Link href="/">Go home</Link>
        </div>
      )}

      {!ended && klass.status === 'CREATED' && (
        <Notice>
          <p>
            The teacher has not started this class yet. This page checks again every few seconds.
          </p>
          <button type="button" class="button button-secondary" onClick={reloadClass}>
            Check now
          </button>
        </Notice>
      )}

      {left && !ended && <Notice>You left the class. You can join again while it is live.</Notice>}
      {leftForOtherTab && !ended && !joined && (
        <Notice>You left this class to join another one in a different tab.</Notice>
      )}

      <JoinError error={error} classId={klass.id} onRetry={join} />

      {!ended && !joined && klass.status === 'LIVE' && (
        <section class="card" aria-labelledby="join-now-heading">
          <h2 id="join-now-heading">Ready to join?</h2>
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

      {joined && (
        <LiveRoom
          classId={klass.id}
          initialCount={joined.participantCount}
          initialComments={joined.recentComments}
          ended={ended}
          actions={
            !ended && (
              <button
                type="button"
                class="button button-secondary"
                disabled={busy !== null}
                onClick={() => void leave()}
              >
                {busy === 'leave' ? 'Leaving…' : 'Leave class'}
              </button>
            )
          }
        />
      )}
    </>
  );
}

/** Join failures in words, with a way out of ALREADY_ACTIVE. */
function JoinError({
  error,
  classId,
  onRetry,
}: {
  error: ApiError | null;
  classId: string;
  onRetry: () => Promise<void>;
}) {
  if (!error) return null;
  switch (error.code) {
    case 'CLASS_FULL':
      return (
        <ErrorMessage
          message="This class is full: every seat is taken. You can try again when someone leaves."
          onRetry={() => void onRetry()}
        />
      );
    case 'CLASS_NOT_LIVE':
      return <ErrorMessage message="This class is not live right now, so it cannot be joined." />;
    case 'ALREADY_ACTIVE':
      return <AlreadyActive classId={classId} onRetry={onRetry} />;
    case 'RATE_LIMITED':
      return <ErrorMessage error={error} onRetry={() => void onRetry()} />;
    default:
      return <ErrorMessage error={error} onRetry={() => void onRetry()} />;
  }
}

/** The user is live somewhere else: say where, and offer to leave it and join this class instead. */
function AlreadyActive({ classId, onRetry }: { classId: string; onRetry: () => Promise<void> }) {
  const [leaving, setLeaving] = useState(false);
  const [tried, setTried] = useState(false);
  const [leaveError, setLeaveError] = useState<ApiError | null>(null);
  const { state, reload } = useAsync(async () => {
    const me = await users.me();
    if (!me.activeClassId || me.activeClassId === classId) return { other: null, teaching: false };
    const other = await classes.get(me.activeClassId).catch(() => null);
    return { other, otherId: me.activeClassId, teaching: other?.createdBy === me.id };
  }, [classId]);

  const leaveOther = async (otherId: string) => {
    setLeaving(true);
    setLeaveError(null);
    try {
      await live.leaveEverywhere(otherId);
    } catch (failure) {
      setLeaveError(toApiError(failure));
      setLeaving(false);
      return;
    }
    setLeaving(false);
    setTried(true);
    await onRetry();
  };

  return (
    <div class="alert alert-error" role="alert">
      <p>
        <strong>You are already in another live class.</strong> You can be in one class at a time.
      </p>
      {state.status === 'loading' && <Loading label="Finding the other class…" />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={reload} />}
      {state.status === 'ready' && !state.data.other && !state.data.otherId && (
        <>
          <p>You are not in any other class any more.</p>
          <button type="button" class="button button-secondary" onClick={() => void onRetry()}>
            Try joining again
          </button>
        </>
      )}
      {state.status === 'ready' && state.data.teaching && state.data.other && (
        <>
          <p>
            You are teaching <strong>{state.data.other.title}</strong>, which is live. End it before
            joining another class.
          </p>
          <Link class="button button-secondary" href={`/classes/${state.data.other.id}`}>
            Open {state.data.other.title}
          </Link>
        </>
      )}
      {state.status === 'ready' && !state.data.teaching && state.data.otherId && (
        <>
          <p>
            You are in <strong>{state.data.other?.title ?? 'another class'}</strong>, perhaps in
            another tab or on another device.
          </p>
          <button
            type="button"
            class="button button-primary"
            disabled={leaving}
            onClick={() => void leaveOther(state.data.otherId!)}
          >
            {leaving
              ? 'Leaving…'
              : `Leave ${state.data.other?.title ?? 'the other class'} and join this one`}
          </button>
          <ErrorMessage error={leaveError} />
          {tried && (
            <p>
              That did not work from here. Leave the class in the other tab or device (or close it),
              then try joining again.
            </p>
          )}
        </>
      )}
    </div>
  );
}
