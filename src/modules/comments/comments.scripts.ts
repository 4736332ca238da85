import { join } from 'node:path';
import { luaScriptsProvider } from '@llms/redis';

/** The commands defined from lua/*.lua (see each file's header for KEYS and ARGV). */
export interface CommentsScripts {
  pushComment(
    meta: string,
    participants: string,
    recent: string,
    sequence: string,
    transcriptOutbox: string,
    json: string,
    keep: number,
    authorId: string,
  ): Promise<[string, number] | null>;
  ackTranscript(transcriptOutbox: string, upToSeq: number): Promise<number>;
}

export const COMMENTS_SCRIPTS = Symbol('COMMENTS_SCRIPTS');

export const commentsScriptsProvider = luaScriptsProvider<CommentsScripts>(
  COMMENTS_SCRIPTS,
  join(__dirname, 'lua'),
);
