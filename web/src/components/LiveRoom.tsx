/**
 * The live part of a class, the same for the teacher and the students: the participant count,
 * the comment log (the teacher's comments marked) and the comment box, plus the teacher's roster
 * beside the log. Counts and comments arrive over the app's one socket. Shown only while the
 * class is live: the pages replace it with the ended state.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { COMMENT_MAX_LENGTH, type CommentMessage } from '@llms/contract';
import { ApiError } from '../api/http';
import { plural } from '../lib/format';
import { currentUser } from '../lib/session';
import { useStore } from '../lib/store';
import { live } from '../realtime/live';
import { CommentItem } from './CommentItem';
import { ErrorMessage } from './ui';

const KEPT_IN_VIEW = 300;

function merge(existing: CommentMessage[], incoming: CommentMessage[]): CommentMessage[] {
  const seen = new Set(existing.map((c) => c.id));
  const added = incoming.filter((c) => !seen.has(c.id));
  if (added.length === 0) return existing;
  const all = [...existing, ...added].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  return all.slice(-KEPT_IN_VIEW);
}

export interface LiveRoomProps {
  classId: string;
  /** Count known when the room opened (join ack or the class resource); updated by events after. */
  initialCount: number;
  initialComments?: CommentMessage[];
  /** Buttons shown beside the count (Leave, End class). */
  actions?: ComponentChildren;
  /** Shown beside the comment log (the teacher's roster). */
  aside?: ComponentChildren;
}

const NO_COMMENTS: CommentMessage[] = [];

export function LiveRoom({
  classId,
  initialCount,
  initialComments = NO_COMMENTS,
  actions,
  aside,
}: LiveRoomProps) {
  const [count, setCount] = useState(initialCount);
  const [comments, setComments] = useState<CommentMessage[]>(initialComments);
  const me = currentUser();

  useEffect(() => setCount(initialCount), [initialCount]);
  useEffect(() => setComments((current) => merge(current, initialComments)), [initialComments]);

  useEffect(() => {
    const offCount = live.on('count', (message) => {
      if (message.classId === classId) setCount(message.count);
    });
    const offComment = live.on('comment', (message) => {
      if (message.classId === classId) setComments((current) => merge(current, [message]));
    });
    const offReconnected = live.on('reconnected', ({ rejoined }) => {
      if (rejoined?.classId !== classId) return;
      setCount(rejoined.participantCount);
      setComments((current) => merge(current, rejoined.recentComments));
    });
    return () => {
      offCount();
      offComment();
      offReconnected();
    };
  }, [classId]);

  return (
    <section class="live-room" aria-labelledby="live-room-heading">
      <div class="live-room-bar">
        <h2 id="live-room-heading" class="visually-hidden">
          Live class
        </h2>
        <p class="count" id="participant-count" aria-live="polite" aria-atomic="true">
          <strong>{count}</strong> {count === 1 ? 'participant' : 'participants'} in class
        </p>
        {actions && <div class="actions">{actions}</div>}
      </div>
      <div class={aside ? 'live-room-body with-aside' : 'live-room-body'}>
        <div class="live-room-main">
          <CommentLog comments={comments} myId={me?.id} />
          <CommentBox
            classId={classId}
            onSent={(c) => setComments((current) => merge(current, [c]))}
          />
        </div>
        {aside && <div class="live-room-aside">{aside}</div>}
      </div>
    </section>
  );
}

function CommentLog({ comments, myId }: { comments: CommentMessage[]; myId?: string }) {
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [comments]);

  return (
    <div class="comments">
      <h3 id="comments-heading">Comments</h3>
      <div
        ref={list}
        class="comment-log"
        role="log"
        aria-labelledby="comments-heading"
        tabIndex={0}
        onScroll={(event) => {
          const el = event.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {comments.length === 0 && <p class="muted empty">No comments yet. Say hello!</p>}
        <ol>
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} myId={myId} />
          ))}
        </ol>
      </div>
    </div>
  );
}

function CommentBox({
  classId,
  onSent,
}: {
  classId: string;
  onSent: (comment: CommentMessage) => void;
}) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = useStore(live.status);
  const input = useRef<HTMLInputElement>(null);
  const remaining = COMMENT_MAX_LENGTH - text.length;

  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) {
      setError('Write something before sending.');
      input.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    try {
      onSent(await live.comment(classId, trimmed));
      setText('');
    } catch (failure) {
      setError(
        failure instanceof ApiError ? failure.human : 'Your comment could not be sent. Try again.',
      );
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  return (
    <form class="comment-box" onSubmit={submit} noValidate>
      <label for="comment-text">Your comment</label>
      <div class="comment-row">
        <input
          id="comment-text"
          ref={input}
          type="text"
          autoComplete="off"
          maxLength={COMMENT_MAX_LENGTH}
          value={text}
          aria-describedby="comment-help"
          aria-invalid={error ? 'true' : undefined}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={sending || status !== 'connected'}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
      <p id="comment-help" class="hint">
        {status !== 'connected'
          ? 'Reconnecting… you can send again once the connection is back.'
          : remaining <= 50
            ? `${plural(remaining, 'character', 'characters')} left.`
            : `Up to ${COMMENT_MAX_LENGTH} characters. Press Enter to send.`}
      </p>
      <ErrorMessage message={error ?? undefined} />
    </form>
  );
}
