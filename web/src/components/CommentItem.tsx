/**
 * One comment as every list shows it (live log, transcript): author, a visible "Teacher" badge
 * for the class's teacher (read out as ", teacher"), time and text.
 */
import type { CommentMessage } from '@llms/contract';
import { formatTime } from '../lib/format';

export function CommentItem({ comment, myId }: { comment: CommentMessage; myId?: string }) {
  const mine = comment.author.id === myId;
  const teacher = comment.author.role === 'TEACHER';
  const classes = ['comment', mine ? 'mine' : '', teacher ? 'by-teacher' : ''].filter(Boolean);
  return (
    <li class={classes.join(' ')}>
      <p class="comment-meta">
        <span class="comment-author">{mine ? 'You' : comment.author.name}</span>
        {teacher && (
          <span class="role-badge">
            <span class="visually-hidden">, </span>Teacher
          </span>
        )}{' '}
        <time dateTime={comment.sentAt}>{formatTime(comment.sentAt)}</time>
      </p>
      <p class="comment-text">{comment.text}</p>
    </li>
  );
}
