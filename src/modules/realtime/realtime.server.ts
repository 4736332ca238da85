import type { ClientToServerEvents, ServerToClientEvents } from '@llms/contract';
import type { Server, Socket } from 'socket.io';
import type { PresentSocket } from '../participation';
import type { EventBudget } from './socket-rate-limit';
import { type AuthUser } from '../../common/auth';

/**
 * What a socket keeps between events, one per connection, so it stays small: who it is, its
 * presence (the class it joined or follows, its last heartbeat) and its event budget.
 */
export interface SocketData extends PresentSocket, EventBudget {
  user: AuthUser;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, never, SocketData>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
