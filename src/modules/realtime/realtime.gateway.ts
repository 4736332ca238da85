import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { CLIENT_EVENTS, type Envelope } from '@llms/contract';
import { AppError, sendResponse } from '@llms/errors';
import { toFailure } from '../../common/errors/to-failure';
import { validatePayload } from '../../common/validation/validation';
import { CommentsService, SendCommentPayload } from '../comments';
import { MetricsService } from '../metrics/metrics.service';
import {
  JoinClass,
  JoinClassPayload,
  KeepPresent,
  LeaveClass,
  LeaveClassPayload,
  LeaveSocket,
} from '../participation';
import { classRoom, userRoom } from './realtime.rooms';
import type { RealtimeServer, RealtimeSocket } from './realtime.server';
import { SocketClassEvents } from './socket-class-events';

const KNOWN_EVENTS = new Set<string>(Object.values(CLIENT_EVENTS));

/**
 * The real-time channel: translates Socket.IO events to use cases and answers every event
 * through its ack with the envelope. Rules live in the participation and comments modules.
 */
@WebSocketGateway()
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown
{
  private readonly logger = new Logger(RealtimeGateway.name);
  private shuttingDown = false;

  constructor(
    private readonly joinClass: JoinClass,
    private readonly leaveClass: LeaveClass,
    private readonly leaveSocket: LeaveSocket,
    private readonly keepPresent: KeepPresent,
    private readonly comments: CommentsService,
    private readonly events: SocketClassEvents,
    private readonly metrics: MetricsService,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.events.attach(server);
  }

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    this.metrics.socketsConnected.inc();
    socket.data.classId = null;
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (!KNOWN_EVENTS.has(event) && typeof ack === 'function') {
        ack(
          toFailure(
            new AppError(
              'VALIDATION_FAILED',
              `Unknown event ${JSON.stringify(event).slice(0, 60)}`,
            ),
          ).body,
        );
      }
    });
    const user = socket.data.user;
    await socket.join(userRoom(user.id));
    const taught = await this.keepPresent.taughtBy(user.id).catch(() => null);
    if (taught) await socket.join(classRoom(taught));
  }

  async handleDisconnect(socket: RealtimeSocket): Promise<void> {
    this.metrics.socketsConnected.dec();
    const classId = socket.data.classId;
    // On shutdown presence stays as it is: the client reconnects elsewhere, or the sweeper
    // ends the stay once its heartbeats stop.
    if (!classId || this.shuttingDown) return;
    await this.leaveSocket
      .execute(socket.data.user.id, classId, socket.id)
      .catch((error: Error) => {
        this.logger.warn(`Leave on disconnect failed: ${error.message}`);
      });
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  @SubscribeMessage(CLIENT_EVENTS.JOIN_CLASS)
  join(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.respond(CLIENT_EVENTS.JOIN_CLASS, async () => {
      const { classId, joinCode } = await validatePayload(JoinClassPayload, payload);
      const result = await this.joinClass.execute(socket.data.user, classId, joinCode, socket.id);
      socket.data.classId = classId;
      await socket.join(classRoom(classId));
      return result;
    });
  }

  @SubscribeMessage(CLIENT_EVENTS.LEAVE_CLASS)
  leave(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.respond(CLIENT_EVENTS.LEAVE_CLASS, async () => {
      const { classId } = await validatePayload(LeaveClassPayload, payload);
      await this.leaveClass.execute(socket.data.user, classId);
      if (socket.data.classId === classId) socket.data.classId = null;
      return { classId };
    });
  }

  @SubscribeMessage(CLIENT_EVENTS.HEARTBEAT)
  heartbeat(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.respond(CLIENT_EVENTS.HEARTBEAT, async () => {
      if (
        payload !== undefined &&
        payload !== null &&
        (typeof payload !== 'object' || Array.isArray(payload))
      ) {
        throw new AppError('VALIDATION_FAILED', 'The payload must be an object');
      }
      const classId = socket.data.classId;
      // A stay ended elsewhere (sweep, leave from another tab, class end) took this socket out
      // of the class's room; otherwise presence in Redis has the last word.
      const present =
        (classId === null || socket.rooms.has(classRoom(classId))) &&
        (await this.keepPresent.execute(socket.data.user.id, classId, socket.id));
      if (!present && classId) {
        socket.data.classId = null;
        await socket.leave(classRoom(classId));
        throw new AppError('NOT_IN_CLASS', 'Your presence in the class expired; join again');
      }
      return { ttlSeconds: this.keepPresent.ttlSeconds };
    });
  }

  @SubscribeMessage(CLIENT_EVENTS.COMMENT)
  comment(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown) {
    return this.respond(CLIENT_EVENTS.COMMENT, async () => {
      const { classId, text } = await validatePayload(SendCommentPayload, payload);
      return { comment: await this.comments.post(socket.data.user, classId, text) };
    });
  }

  /** Runs a handler and turns its result or error into the envelope for the ack. */
  private async respond<T>(event: string, handler: () => Promise<T>): Promise<Envelope<T>> {
    try {
      const body = sendResponse(await handler());
      this.metrics.realtimeEvents.inc({ event, outcome: 'OK' });
      return body;
    } catch (error) {
      const failure = toFailure(error);
      if (failure.unexpected) {
        this.logger.error(
          { err: failure.unexpected.error, errorId: failure.unexpected.errorId, event },
          'Unexpected error',
        );
      }
      this.metrics.realtimeEvents.inc({ event, outcome: failure.body.error.code });
      return failure.body;
    }
  }
}
