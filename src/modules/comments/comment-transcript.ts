import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { CommentMessage, Page } from '@llms/contract';
import { csvRows, toCsv } from '../../common/http/csv';
import { CommentsRepository, type TranscriptEntry } from './comments.repository';
import { decodeTranscriptCursor, encodeTranscriptCursor } from './transcript-cursor';
import { TranscriptWriter } from './transcript-writer';

/** Comments read from MongoDB per page of a CSV download. */
const CSV_PAGE = 1_000;
const CSV_COLUMNS = ['id', 'sentAt', 'authorId', 'authorName', 'authorRole', 'text'] as const;

const transcriptRows = (entries: TranscriptEntry[]) =>
  entries.map(({ comment }) => ({
    id: comment.id,
    sentAt: comment.sentAt,
    authorId: comment.author.id,
    authorName: comment.author.name,
    authorRole: comment.author.role,
    text: comment.text,
  }));

/**
 * Reading a class's whole comment transcript from MongoDB, in the order Redis accepted the
 * comments: pages with an opaque cursor, the count for the analytics, and a streamed CSV. Each
 * read first writes what still waits in the class's outbox (usually nothing: one Redis read), so
 * a read right after the end sees every comment.
 */
@Injectable()
export class CommentTranscript {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly writer: TranscriptWriter,
  ) {}

  async page(
    classId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<CommentMessage>> {
    const after = decodeTranscriptCursor(cursor);
    await this.writer.drain(classId);
    const entries = await this.comments.page(classId, after, limit + 1);
    const page = entries.slice(0, limit);
    return {
      items: page.map((entry) => entry.comment),
      nextCursor: entries.length > limit ? encodeTranscriptCursor(page[page.length - 1].seq) : null,
    };
  }

  /** How many comments the class has (the analytics' commentCount). */
  async count(classId: string): Promise<number> {
    await this.writer.drain(classId);
    return this.comments.countByClass(classId);
  }

  /**
   * The whole transcript as CSV (header row, CRLF line ends), streamed page by page so a long
   * class never sits in memory. The first page is read before answering, so a failure is still
   * an envelope; a failure later cuts the download short.
   */
  async csv(classId: string): Promise<Readable> {
    await this.writer.drain(classId);
    const first = await this.comments.page(classId, 0, CSV_PAGE);
    return Readable.from(this.csvChunks(classId, first));
  }

  private async *csvChunks(classId: string, first: TranscriptEntry[]): AsyncGenerator<string> {
    yield toCsv(CSV_COLUMNS, transcriptRows(first));
    let entries = first;
    while (entries.length === CSV_PAGE) {
      entries = await this.comments.page(classId, entries[entries.length - 1].seq, CSV_PAGE);
      if (entries.length === 0) return;
      yield csvRows(CSV_COLUMNS, transcriptRows(entries));
    }
  }
}
