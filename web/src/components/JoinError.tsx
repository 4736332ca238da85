/** Why a join failed, in words, with a way out of ALREADY_ACTIVE (leave the other class here). */
import { useState } from 'preact/hooks';
import { classes, users } from '../api/endpoints';
import type { ApiError } from '../api/http';
import { Link } from '../lib/router';
import { toApiError, useAsync } from '../lib/use-async';
import { live } from '../realtime/live';
import { ErrorMessage, Loading } from './ui';

/** Join failures in words, with a way out of ALREADY_ACTIVE. */
export function JoinError({
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
