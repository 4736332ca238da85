import type { ClientToServerEvents, ServerToClientEvents } from '@llms/contract';
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';

/** What a socket keeps between events (kept small: one per connection). */
export interface SocketData {
  user: AuthUser;
  /** The class this socket joined as a participant (null when none). */
  classId: string | null;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, never, SocketData>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
