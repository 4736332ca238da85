/**
 * The teacher's live roster: who is in the class now, with join times. It reads the first page
 * of GET /participants when it opens and again, debounced, whenever a PARTICIPANT_COUNT frame for
 * the class arrives (the coalesced count signal: no frame per join is needed); "Show more" reads
 * the following pages. A refresh keeps as many people in view as were shown.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS, type ParticipantView } from '@llms/contract';
import { classes } from '../api/endpoints';
import type { ApiError } from '../api/http';
import { formatTime, plural } from '../lib/format';
import { toApiError } from '../lib/use-async';
import { live } from '../realtime/live';
import { ErrorMessage } from './ui';

const PAGE = 50;
/** Count frames within this long of each other cause one refresh. */
const REFRESH_DEBOUNCE_MS = 400;

interface RosterState {
  items: ParticipantView[];
  nextCursor: string | null;
  count: number;
}

function merge(current: ParticipantView[], more: ParticipantView[]): ParticipantView[] {
  const byId = new Map(current.map((p) => [p.userId, p]));
  for (const p of more) byId.set(p.userId, p);
  return [...byId.values()].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
}

export function Roster({ classId }: { classId: string }) {
  const [state, setState] = useState<RosterState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = useRef(PAGE);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const limit = Math.min(LIMITS.PARTICIPANTS_PAGE_MAX, Math.max(PAGE, shown.current));
      const page = await classes.participants(classId, { limit });
      if (mine !== generation.current) return;
      setState({ items: merge([], page.items), nextCursor: page.nextCursor, count: page.count });
      setError(null);
    } catch (failure) {
      const apiError = toApiError(failure);
      // The class just ended: the page shows that; a roster error would be a second message.
      if (mine === generation.current && apiError.code !== 'CLASS_NOT_LIVE') setError(apiError);
    }
  }, [classId]);

  useEffect(() => {
    void refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.on('count', (message) => {
      if (message.classId !== classId) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS);
    });
    const offReconnected = live.on('reconnected', () => void refresh());
    return () => {
      off();
      offReconnected();
      if (timer) clearTimeout(timer);
      generation.current += 1;
    };
  }, [classId, refresh]);

  const showMore = async () => {
    if (!state?.nextCursor) return;
    setLoadingMore(true);
    const mine = generation.current;
    try {
      const page = await classes.participants(classId, { cursor: state.nextCursor, limit: PAGE });
      if (mine !== generation.current) return;
      const items = merge(state.items, page.items);
      shown.current = items.length;
      setState({ items, nextCursor: page.nextCursor, count: page.count });
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section class="roster" aria-labelledby="roster-heading">
      <h3 id="roster-heading">In class now</h3>
      <ErrorMessage error={error} onRetry={() => void refresh()} />
      {state && state.items.length === 0 && (
        <p class="muted empty">Nobody has joined yet. Share the join link.</p>
      )}
      {state && state.items.length > 0 && (
        <ul class="roster-list" aria-labelledby="roster-heading" tabIndex={0}>
          {state.items.map((p) => (
            <li key={p.userId}>
              <span class="roster-name">{p.name || 'Someone'}</span>{' '}
              <span class="muted">
                joined <time dateTime={p.joinedAt}>{formatTime(p.joinedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {state?.nextCursor && (
        <p class="roster-more">
          <span class="muted">
            Showing {state.items.length} of {plural(state.count, 'participant', 'participants')}.
          </span>{' '}
          <button
            type="button"
            class="button button-secondary button-small"
            disabled={loadingMore}
            onClick={() => void showMore()}
          >
            {loadingMore ? 'Loading…' : 'Show more'}
          </button>
        </p>
      )}
    </section>
  );
}
