import type { Json } from './json';
import { emitAck, type TestSocket } from './live';

/** What JOIN_CLASS needs to know about a class: its id and, from the creator's view, its code. */
export interface JoinableClass {
  id: string;
  joinCode?: string;
}

/**
 * JOIN_CLASS, the one place that knows both payload shapes: contract v2 sends
 * `{classId, joinCode}`; a server from before v2 refuses the unknown `joinCode` field with
 * VALIDATION_FAILED, and then `{classId}` alone is sent. Delete the fallback once every server
 * takes the code.
 */
export async function joinClass(socket: TestSocket, cls: JoinableClass): Promise<Json> {
  if (cls.joinCode) {
    const ack = await emitAck(socket, 'JOIN_CLASS', { classId: cls.id, joinCode: cls.joinCode });
    const refusesCode =
      ack.error?.code === 'VALIDATION_FAILED' &&
      (ack.error.details ?? []).some((detail: { field?: string }) => detail.field === 'joinCode');
    if (!refusesCode) return ack;
  }
  return emitAck(socket, 'JOIN_CLASS', { classId: cls.id });
}
