import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { LocalPresence, type PresentSocket } from '../participation';
import { MetricsService } from '../metrics';
import { ClientEvents } from './client-events';
import { classIdOfRoom, classRoom, isClassRoom, userRoom } from './realtime.rooms';
import type { RealtimeServer, RealtimeSocket } from './realtime.server';
import { SocketClassEvents } from './socket-class-events';
import { SessionSockets } from './session-sockets';
import { SocketSlots } from './socket-slots';
import { LiveClasses } from '../presence';

/** How long a shutdown waits for the answers in flight. */
const DRAIN_MS = 3000;

/**
 * The real-time channel's lifecycle: a connected socket joins its user's room, follows the
 * class its user teaches, and gets the shared table of client-event listeners (ClientEvents).
 * Room changes made from anywhere (a stay that ended on another instance, the class's end, a
 * teacher's start) reach the socket's presence through the adapter's room events, here.
 */
@WebSocketGateway()
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown
{
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly clientEvents: ClientEvents,
    private readonly presence: LocalPresence,
    private readonly live: LiveClasses,
    private readonly slots: SocketSlots,
    private readonly sessions: SessionSockets,
    private readonly events: SocketClassEvents,
    private readonly metrics: MetricsService,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.events.attach(server);
    this.sessions.attach(server);
    this.slots.attach(server);
    const sockets = server.of('/').sockets;
    const adapter = server.of('/').adapter;
    adapter.on('join-room', (room: string, id: string) => {
      const socket = sockets.get(id);
      // A participant's own join registers it first; any other class room joined is the one
      // its user teaches (on connect, or moved in by the start of the class).
      if (socket && isClassRoom(room) && socket.data.classId !== classIdOfRoom(room)) {
        this.presence.teaches(socket.data, classIdOfRoom(room));
      }
    });
    adapter.on('leave-room', (room: string, id: string) => {
      const socket = sockets.get(id);
      if (socket?.connected && isClassRoom(room)) {
        this.presence.removedElsewhere(socket.data, classIdOfRoom(room));
      }
    });
    this.presence.onRemoved((present: PresentSocket, classId: string) => {
      void sockets.get(present.socketId)?.leave(classRoom(classId));
    });
  }

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    this.metrics.socketsConnected.inc();
    socket.onAny(this.clientEvents.dispatch);
    socket.on('disconnecting', this.onDisconnecting);
    const user = socket.data.user;
    await socket.join(userRoom(user.id));
    // Read alongside the session check (both are Redis reads). The socket works without it: the
    // class's start moves a teacher's sockets in later.
    const taughtClass = this.live.taughtBy(user.id).catch((error: unknown) => {
      this.logger.warn(`Could not read the class user ${user.id} teaches: ${String(error)}`);
      return null;
    });
    if (!(await this.sessions.admit(socket))) return;
    const taught = await taughtClass;
    if (taught) await socket.join(classRoom(taught));
  }

  /**
   * A rolling deploy: answer the events in flight, hand this instance's presence over (sockets
   * that reconnect elsewhere keep their stays), then the server closes every connection, so the
   * clients reconnect (to another instance) at once.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.clientEvents.drain(DRAIN_MS);
    await this.presence.handOver();
  }

  /** Shared by every socket (`this` is the socket): its presence and slot go with it. */
  private readonly onDisconnecting = disconnectingListener(this);

  /** A socket is closing: its session binding, slot and presence go with it. */
  socketClosing(socket: RealtimeSocket): void {
    this.metrics.socketsConnected.dec();
    void this.slots.release(socket).catch(() => undefined);
    void this.presence
      .disconnected(socket.data)
      .catch((error: Error) => this.logger.warn(`Leave on disconnect failed: ${error.message}`));
  }
}

/** One `disconnecting` listener for every socket (Socket.IO calls it with the socket as `this`). */
function disconnectingListener(gateway: RealtimeGateway) {
  return function (this: RealtimeSocket) {
    gateway.socketClosing(this);
  };
}
