import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  CLIENT_EVENTS,
  type ClientToServerEvents,
  type Envelope,
  type ServerToClientEvents,
} from '@llms/contract';
import { AppError, sendResponse } from '@llms/errors';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { toFailure } from '../../common/errors/to-failure';
import { validatePayload } from '../../common/validation/validation';
import type { AuthUser } from '../../common/auth';
import { ClassIdPayload } from '../classes/dto/class-id.payload';
import { ParticipationService } from '../classes/participation.service';
import { SendCommentPayload } from '../comments/dto/send-comment.payload';
import { CommentsService } from '../comments/comments.service';
import { MetricsService } from '../metrics/metrics.service';
import { PresenceService } from '../presence/presence.service';
import { classRoom, userRoom } from './realtime.rooms';
import { RealtimePublisher, type RealtimeServer } from './realtime.publisher';
import { SessionSockets } from './session-sockets';

interface SocketData {
  user: AuthUser;
  /** The class this socket joined as a participant. */
  classId: string | null;
}
type LlmsSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const KNOWN_EVENTS = new Set<string>(Object.values(CLIENT_EVENTS));

/**
 * The real-time channel: translates Socket.IO events to service calls and answers every event
 * through its ack with the envelope. Rules live in ParticipationService and CommentsService.
 */
@WebSocketGateway()
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown
{
  private readonly logger = new Logger(RealtimeGateway.name);
  private shuttingDown = false;

  constructor(
    private readonly participation: ParticipationService,
    private readonly comments: CommentsService,
    private readonly presence: PresenceService,
    private readonly publisher: RealtimePublisher,
    private readonly metrics: MetricsService,
    private readonly sessions: SessionSockets,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.publisher.attach(server);
  }

  async handleConnection(socket: LlmsSocket): Promise<void> {
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
    if (!(await this.sessions.track(socket))) return;
    const user = socket.data.user;
    await socket.join(userRoom(user.id));
    const taught = await this.participation.taughtClassId(user.id).catch(() => null);
    if (taught) await socket.join(classRoom(taught));
  }

  async handleDisconnect(socket: LlmsSocket): Promise<void> {
    this.metrics.socketsConnected.dec();
    this.sessions.untrack(socket);
    const classId = socket.data.classId;
    // On shutdown presence stays as it is: the client reconnects elsewhere, or the sweeper
    // ends the stay once its heartbeats stop.
    if (!classId || this.shuttingDown) return;
    await this.participation
      .disconnect(socket.data.user, classId, socket.id)
      .catch((error: Error) => {
        this.logger.warn(`Leave on disconnect failed: ${error.message}`);
      });
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  @SubscribeMessage(CLIENT_EVENTS.JOIN_CLASS)
  join(@ConnectedSocket() socket: LlmsSocket, @MessageBody() payload: unknown) {
    return this.respond(CLIENT_EVENTS.JOIN_CLASS, async () => {
      const { classId } = await validatePayload(ClassIdPayload, payload);
      const result = await this.participation.join(socket.data.user, classId, socket.id);
      socket.data.classId = classId;
      await socket.join(classRoom(classId));
      return result;
    });
  }

  @SubscribeMessage(CLIENT_EVENTS.LEAVE_CLASS)
  leave(@ConnectedSocket() socket: LlmsSocket, @MessageBody() payload: unknown) {
    return this.respond(CLIENT_EVENTS.LEAVE_CLASS, async () => {
      const { classId } = await validatePayload(ClassIdPayload, payload);
      await this.participation.leave(socket.data.user, classId);
      if (socket.data.classId === classId) socket.data.classId = null;
      return { classId };
    });
  }

  @SubscribeMessage(CLIENT_EVENTS.HEARTBEAT)
  heartbeat(@ConnectedSocket() socket: LlmsSocket, @MessageBody() payload: unknown) {
    return this.respond(CLIENT_EVENTS.HEARTBEAT, async () => {
      if (
        payload !== undefined &&
        payload !== null &&
        (typeof payload !== 'object' || Array.isArray(payload))
      ) {
        throw new AppError('VALIDATION_FAILED', 'The payload must be an object');
      }
      const classId = socket.data.classId;
      const present = await this.participation.heartbeat(socket.data.user, classId, socket.id);
      if (!present && classId) {
        socket.data.classId = null;
        await socket.leave(classRoom(classId));
        throw new AppError('NOT_IN_CLASS', 'Your presence in the class expired; join again');
      }
      return { ttlSeconds: this.presence.ttlMs / 1000 };
    });
  }

  @SubscribeMessage(CLIENT_EVENTS.COMMENT)
  comment(@ConnectedSocket() socket: LlmsSocket, @MessageBody() payload: unknown) {
    return this.respond(CLIENT_EVENTS.COMMENT, async () => {
      const { classId, text } = await validatePayload(SendCommentPayload, payload);
      return { comment: await this.comments.send(socket.data.user, classId, text) };
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
