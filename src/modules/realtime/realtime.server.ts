import type { ClientToServerEvents, ServerToClientEvents } from '@llms/contract';
import type { Server, Socket } from 'socket.io';
import type { SocketState } from './socket-state';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, never, SocketState>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketState
>;
