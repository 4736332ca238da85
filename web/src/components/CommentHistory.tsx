/**
 * Comments read back from the server, read-only: while the class is live, the recent ones (for a
 * student who left, what they saw); after the end, the whole transcript, oldest first, a page at
 * a time, with its CSV download. Shown to the teacher and to those who attended; for anyone else
 * (FORBIDDEN, NOT_IN_CLASS) it shows nothing, since the page already says where they stand.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CommentMessage } from '@llms/contract';
import { classes } from '../api/endpoints';
import type { ApiError } from '../api/http';
import { plural } from '../lib/format';
import { currentUser } from '../lib/session';
import { toApiError } from '../lib/use-async';
import { CommentItem } from './CommentItem';
import { ErrorMessage, Loading } from './ui';

const PAGE = 100;
const NOT_FOR_ME = new Set(['FORBIDDEN', 'NOT_IN_CLASS']);

export function CommentHistory({
  classId,
  ended,
  heading = ended ? 'Comments' : 'Comments while you were in class',
}: {
  classId: string;
  /** The class has ended: the whole transcript, paged, with a CSV download. */
  ended: boolean;
  heading?: string;
}) {
  const [items, setItems] = useState<CommentMessage[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const me = currentUser();

  useEffect(() => {
    let current = true;
    setItems(null);
    setError(null);
    classes.comments(classId, { limit: PAGE }).then(
      (page) => {
        if (!current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      },
      (failure: unknown) => current && setError(toApiError(failure)),
    );
    return () => {
      current = false;
    };
  }, [classId, ended, attempt]);

  const loadMore = async () => {
    if (!cursor || !items) return;
    setBusy(true);
    try {
      const page = await classes.comments(classId, { cursor, limit: PAGE });
      setItems([...items, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  if (error && NOT_FOR_ME.has(error.code)) return null;
  return (
    <section
      class="card transcript"
      aria-labelledby="transcript-heading"
      aria-busy={!items && !error}
    >
      <div class="section-head">
        <h2 id="transcript-heading">{heading}</h2>
        {ended && items && items.length > 0 && (
          <a class="button button-secondary" href={classes.commentsCsvUrl(classId)} download>
            Download comments (CSV)
          </a>
        )}
      </div>
      <ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />
      {!items && !error && <Loading label="Loading the comments…" />}
      {items && items.length === 0 && (
        <p class="muted">{ended ? 'No comments were posted in this class.' : 'No comments yet.'}</p>
      )}
      {items && items.length > 0 && (
        <>
          <ol class="comment-list" aria-labelledby="transcript-heading">
            {items.map((comment) => (
              <CommentItem key={comment.id} comment={comment} myId={me?.id} />
            ))}
          </ol>
          <p class="muted">
            {cursor
              ? `Showing the first ${plural(items.length, 'comment', 'comments')}.`
              : `${plural(items.length, 'comment', 'comments')}${ended ? ' in all' : ''}.`}{' '}
            {cursor && (
              <button
                type="button"
                class="button button-secondary button-small"
                disabled={busy}
                onClick={() => void loadMore()}
              >
                {busy ? 'Loading…' : 'Show more comments'}
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
