import { Injectable, Logger } from '@nestjs/common';
import {
  CLIENT_EVENTS,
  type Envelope,
  type HeartbeatResult,
  type JoinClassResult,
  type LeaveClassResult,
  type SendCommentResult,
} from '@llms/contract';
import { AppError, sendResponse } from '@llms/errors';
import { toFailure } from '../../common/errors/to-failure';
import { validatePayload } from '../../common/validation/validation';
import { CommentsService, SendCommentPayload } from '../comments';
import { MetricsService } from '../metrics';
import {
  JoinClass,
  JoinClassPayload,
  LeaveClass,
  LeaveClassPayload,
  LocalPresence,
} from '../participation';
import { PresenceSettings } from '../presence';
import { classRoom } from './realtime.rooms';
import type { RealtimeSocket } from './realtime.server';
import { chargeEvent } from './socket-rate-limit';

/** A Socket.IO listener shared by every socket: `this` is the socket that received the event. */
type SharedListener = (this: RealtimeSocket, ...args: unknown[]) => void;
type Handler<T> = (socket: RealtimeSocket, payload: unknown) => Promise<T>;
type AnyEventListener = (this: RealtimeSocket, event: string, ...args: unknown[]) => void;

/**
 * The client-to-server events, as one table of listeners shared by every socket (no closure,
 * observable or bound function per socket). Each listener charges the socket's event budget,
 * validates the payload with the same DTOs as REST, calls the use case and answers the ack with
 * the envelope. The rules live in the participation and comments modules.
 */
@Injectable()
export class ClientEvents {
  private readonly logger = new Logger(ClientEvents.name);
  /** event name -> listener. */
  private readonly listeners: ReadonlyMap<string, SharedListener>;
  /** Answers not sent yet (shutdown waits for them). */
  private readonly inFlight = new Set<Promise<void>>();
  private draining = false;
  /**
   * The one listener every socket gets (`socket.onAny`): it dispatches each event to its listener
   * in the table; any other event name is charged like the others and, with an ack, refused.
   */
  readonly dispatch: AnyEventListener;

  constructor(
    private readonly joinClass: JoinClass,
    private readonly leaveClass: LeaveClass,
    private readonly presence: LocalPresence,
    private readonly comments: CommentsService,
    private readonly settings: PresenceSettings,
    private readonly metrics: MetricsService,
  ) {
    this.listeners = new Map<string, SharedListener>([
      [CLIENT_EVENTS.JOIN_CLASS, this.listener(CLIENT_EVENTS.JOIN_CLASS, this.join)],
      [CLIENT_EVENTS.LEAVE_CLASS, this.listener(CLIENT_EVENTS.LEAVE_CLASS, this.leave)],
      [CLIENT_EVENTS.HEARTBEAT, this.listener(CLIENT_EVENTS.HEARTBEAT, this.heartbeat)],
      [CLIENT_EVENTS.COMMENT, this.listener(CLIENT_EVENTS.COMMENT, this.comment)],
    ]);
    this.dispatch = dispatcher(this, this.listeners);
  }

  private readonly join: Handler<JoinClassResult> = async (socket, payload) => {
    const { classId, joinCode } = await validatePayload(JoinClassPayload, payload);
    this.presence.joining(socket.data, classId);
    let result: JoinClassResult;
    try {
      result = await this.joinClass.execute(socket.data.user, classId, joinCode, socket.id);
    } catch (error) {
      this.presence.joinFailed(socket.data, classId);
      throw error;
    }
    this.presence.joined(socket.data, classId);
    await socket.join(classRoom(classId));
    return result;
  };

  private readonly leave: Handler<LeaveClassResult> = async (socket, payload) => {
    const { classId } = await validatePayload(LeaveClassPayload, payload);
    // This socket leaves on purpose: no NOT_IN_CLASS for it afterwards (its other tabs get one).
    if (socket.data.classId === classId) this.presence.leftRoom(socket.data, classId);
    await this.leaveClass.execute(socket.data.user, classId);
    return { classId };
  };

  private readonly heartbeat: Handler<HeartbeatResult> = async (socket, payload) => {
    if (payload != null && (typeof payload !== 'object' || Array.isArray(payload))) {
      throw new AppError('VALIDATION_FAILED', 'The payload must be an object');
    }
    if (this.presence.heartbeat(socket.data) === 'LOST') {
      throw new AppError('NOT_IN_CLASS', 'You are no longer in the class; join again');
    }
    return { ttlSeconds: this.settings.ttlMs / 1000 };
  };

  private readonly comment: Handler<SendCommentResult> = async (socket, payload) => {
    const { classId, text } = await validatePayload(SendCommentPayload, payload);
    return { comment: await this.comments.post(socket.data.user, classId, text) };
  };

  /** The shared listener of one event. */
  private listener<T>(event: string, handler: Handler<T>): SharedListener {
    return eventListener(this, event, handler);
  }

  /** A socket spent its budget several times over: it is closed. */
  flooding(event: string, socket: RealtimeSocket): void {
    this.metrics.realtimeEvents.inc({ event, outcome: 'FLOODING' });
    socket.disconnect(true);
  }

  /** Whether the instance is shutting down (events are then answered SERVICE_UNAVAILABLE). */
  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Shutting down: events from now on are answered SERVICE_UNAVAILABLE, and the answers in
   * flight are sent before the sockets close (within `timeoutMs`).
   */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([Promise.all(this.inFlight), timeout]);
  }

  /** Answers an event, tracked while in flight. */
  answer<T>(
    event: string,
    socket: RealtimeSocket,
    ack: unknown,
    handler: () => Promise<T>,
  ): Promise<void> {
    const answered = this.run(event, socket, ack, handler).finally(() =>
      this.inFlight.delete(answered),
    );
    this.inFlight.add(answered);
    return answered;
  }

  /** Runs a handler and answers the ack (when there is one) with the envelope. */
  private async run<T>(
    event: string,
    socket: RealtimeSocket,
    ack: unknown,
    handler: () => Promise<T>,
  ): Promise<void> {
    let body: Envelope<T>;
    try {
      body = sendResponse(await handler());
      this.metrics.realtimeEvents.inc({ event, outcome: 'OK' });
    } catch (error) {
      const failure = toFailure(error);
      if (failure.unexpected) {
        this.logger.error(
          { err: failure.unexpected.error, errorId: failure.unexpected.errorId, event },
          'Unexpected error',
        );
      }
      this.metrics.realtimeEvents.inc({ event, outcome: failure.body.error.code });
      body = failure.body;
    }
    if (typeof ack === 'function' && socket.connected) ack(body);
  }
}

/**
 * The listener of one client event, shared by every socket: charges the socket's event budget
 * (RATE_LIMITED beyond it, disconnected when flooding), then answers through the handler.
 */
function eventListener<T>(
  events: ClientEvents,
  event: string,
  handler: Handler<T>,
): SharedListener {
  return function (this: RealtimeSocket, ...args) {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    const verdict = chargeEvent(this.data, Date.now());
    if (verdict === 'FLOODING') return events.flooding(event, this);
    void events.answer(event, this, ack, () => {
      if (verdict === 'LIMITED') {
        throw new AppError('RATE_LIMITED', 'Too many events on this connection; slow down');
      }
      if (events.isDraining) {
        throw new AppError('SERVICE_UNAVAILABLE', 'This server is restarting; reconnecting');
      }
      return handler(this, args[0]);
    });
  };
}

/**
 * `onAny` listener shared by every socket: the event's listener from the table, or, for any other
 * event name, one that charges the budget like the others and, with an ack, refuses it.
 */
function dispatcher(
  events: ClientEvents,
  listeners: ReadonlyMap<string, SharedListener>,
): AnyEventListener {
  return function (this: RealtimeSocket, event, ...args) {
    const listener = listeners.get(event);
    if (listener) return listener.apply(this, args);
    const name = JSON.stringify(String(event)).slice(0, 60);
    const refuse = async () => {
      throw new AppError('VALIDATION_FAILED', `Unknown event ${name}`);
    };
    eventListener(events, 'UNKNOWN', refuse).apply(this, args);
  };
}
