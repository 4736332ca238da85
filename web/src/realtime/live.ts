/**
 * The app's one Socket.IO connection (same origin, path /ws, authenticated by the access cookie).
 * It keeps presence alive with heartbeats at a third of the server's presence TTL, refreshes the
 * session when the handshake is refused as UNAUTHENTICATED, signs out when the server says the
 * session ended, and after a network drop reconnects and re-joins the class the user was in.
 *
 * Longer than most files (about 340 lines) on purpose: it is one connection's lifecycle (connect,
 * refusals, heartbeats, rejoin, cross-tab leave), whose states read best in one place.
 */
import { io, type Socket } from 'socket.io-client';
import {
  CLIENT_EVENTS,
  SERVER_EVENTS,
  SOCKET_PATH,
  type ClassEndedMessage,
  type ClientToServerEvents,
  type CommentMessage,
  type ConnectErrorData,
  type Envelope,
  type JoinClassResult,
  type ParticipantCountMessage,
  type ServerToClientEvents,
} from '@llms/contract';
import { ApiError, refreshSession } from '../api/http';
import { Store } from '../lib/store';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus =
  'offline' | 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'too-many';

/** Before the first HEARTBEAT ack tells the real TTL. */
export const INITIAL_HEARTBEAT_MS = 10_000;
const ACK_TIMEOUT_MS = 8_000;
const CONNECT_WAIT_MS = 10_000;

export interface LiveEvents {
  count: ParticipantCountMessage;
  comment: CommentMessage;
  ended: ClassEndedMessage;
  /** The connection came back; `rejoined` is set when the class the user was in was re-joined. */
  reconnected: { rejoined?: JoinClassResult; rejoinError?: ApiError };
  /** Another tab of this browser asked this one to leave the class (to join another there). */
  leftForOtherTab: { classId: string };
}

/** Messages between the app's tabs in one browser (same origin, BroadcastChannel). */
type TabMessage =
  | { type: 'leave-request'; classId: string; requestId: string }
  | { type: 'left'; requestId: string };

const TAB_CHANNEL = 'llms-live';
/** How long to wait for another tab to confirm it left; tabs not in the class stay silent. */
const OTHER_TABS_WAIT_MS = 1_500;

type Handler<K extends keyof LiveEvents> = (payload: LiveEvents[K]) => void;

/**
 * `socket.timeout(ms)`: its emitWithAck resolves with the ack's value and rejects when no ack came in
 * time. Socket.IO's typings give the timed socket's result as `unknown`, so it is typed back here.
 */
function withTimeout(socket: LiveSocket): LiveSocket {
  return socket.timeout(ACK_TIMEOUT_MS) as unknown as LiveSocket;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.success) return envelope.data;
  throw new ApiError(envelope.error.code, envelope.error.message, 0, envelope.error.details ?? []);
}

/** How soon a tab refused for having too many connections tries again. */
const TOO_MANY_RETRY_MS = 10_000;

class LiveConnection {
  readonly status = new Store<ConnectionStatus>('offline');
  /** Milliseconds between heartbeats; a third of the server's presence TTL once it is known. */
  heartbeatMs = INITIAL_HEARTBEAT_MS;
  private socket: LiveSocket | null = null;
  private joinedClassId: string | null = null;
  /** The join code the joined class was joined with (a reconnect joins again with it). */
  private joinedCode = '';
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private everConnected = false;
  private readonly handlers: { [K in keyof LiveEvents]: Set<Handler<K>> } = {
    count: new Set(),
    comment: new Set(),
    ended: new Set(),
    reconnected: new Set(),
    leftForOtherTab: new Set(),
  };
  private readonly tabs: BroadcastChannel | null =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(TAB_CHANNEL) : null;

  constructor() {
    this.tabs?.addEventListener(
      'message',
      (event: MessageEvent<TabMessage>) => void this.onTabMessage(event.data),
    );
  }
  private onSessionLost: () => void = () => undefined;

  /** Opens the connection (idempotent). `onSessionLost` runs when the session cannot be renewed. */
  start(onSessionLost: () => void): void {
    this.onSessionLost = onSessionLost;
    if (this.socket) return;
    const socket: LiveSocket = io({
      path: SOCKET_PATH,
      // WebSocket only: long-polling needs sticky sessions, and the API runs as several instances
      // behind a load balancer. The CSP allows ws:/wss: to this origin.
      transports: ['websocket'],
      withCredentials: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    this.socket = socket;
    this.everConnected = false;
    this.status.set('connecting');

    socket.on('connect', () => {
      const isReconnect = this.everConnected;
      this.everConnected = true;
      this.status.set('connected');
      this.beat();
      if (isReconnect) void this.rejoin();
    });
    socket.on('disconnect', (reason) => {
      this.stopHeartbeat();
      if (reason === 'io client disconnect') return;
      this.status.set('reconnecting');
      // The server closed this socket on purpose; Socket.IO does not retry that by itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error: Error & { data?: Partial<ConnectErrorData> }) => {
      const code = error.data?.code;
      if (code === 'UNAUTHENTICATED') {
        // The access cookie expired: renew it once, then try the handshake again.
        this.status.set('reconnecting');
        refreshSession().then(
          (renewed) => (renewed ? socket.connect() : this.onSessionLost()),
          () => setTimeout(() => socket.connect(), 2_000),
        );
        return;
      }
      if (code === 'ORIGIN_NOT_ALLOWED') {
        this.status.set('refused');
        return;
      }
      if (code === 'TOO_MANY_CONNECTIONS') {
        // Another tab or device may close: try again now and then.
        this.status.set('too-many');
        setTimeout(() => socket.connect(), TOO_MANY_RETRY_MS);
        return;
      }
      // Transport errors: the manager keeps retrying with backoff.
      this.status.set(this.everConnected ? 'reconnecting' : 'connecting');
      if (!socket.active) setTimeout(() => socket.connect(), 2_000);
    });

    socket.on(SERVER_EVENTS.PARTICIPANT_COUNT, (message) => this.dispatch('count', message));
    socket.on(SERVER_EVENTS.COMMENT, (message) => this.dispatch('comment', message));
    // The session ended (signed out elsewhere, revoked, expired): the server closes the socket
    // next; nothing to reconnect to until the user signs in again.
    socket.on(SERVER_EVENTS.SESSION_ENDED, () => {
      this.stop();
      this.onSessionLost();
    });
    socket.on(SERVER_EVENTS.CLASS_ENDED, (message) => {
      if (this.joinedClassId === message.classId) this.joinedClassId = null;
      this.dispatch('ended', message);
    });
  }

  /** Closes the connection (sign out). */
  stop(): void {
    this.stopHeartbeat();
    this.joinedClassId = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.status.set('offline');
  }

  on<K extends keyof LiveEvents>(event: K, handler: Handler<K>): () => void {
    this.handlers[event].add(handler);
    return () => {
      this.handlers[event].delete(handler);
    };
  }

  /** Joins a class with the join code from its link (the server checks both). */
  async join(classId: string, joinCode: string): Promise<JoinClassResult> {
    const result = await this.ack((s) =>
      s.emitWithAck(CLIENT_EVENTS.JOIN_CLASS, { classId, joinCode }),
    );
    this.joinedClassId = classId;
    this.joinedCode = joinCode;
    return result;
  }

  async leave(classId: string): Promise<void> {
    if (this.joinedClassId === classId) this.joinedClassId = null;
    await this.ack((s) => s.emitWithAck(CLIENT_EVENTS.LEAVE_CLASS, { classId }));
  }

  /**
   * The way out of ALREADY_ACTIVE: leave `classId` with this tab's socket (LEAVE_CLASS) and ask the
   * other tabs of this browser that are in it to leave too (a stay ends with the user's last
   * socket). A stay held on another device cannot be ended from here; joining then still answers
   * ALREADY_ACTIVE, until that device leaves or its presence expires.
   */
  async leaveEverywhere(classId: string): Promise<void> {
    try {
      await this.leave(classId);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'NOT_IN_CLASS') throw error;
    }
    await this.askOtherTabsToLeave(classId);
  }

  private askOtherTabsToLeave(classId: string): Promise<void> {
    const tabs = this.tabs;
    if (!tabs) return Promise.resolve();
    const requestId = Math.random().toString(36).slice(2);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        tabs.removeEventListener('message', onMessage);
        // Give the server a moment to process the other tab's leave before we join.
        setTimeout(resolve, 150);
      };
      const onMessage = (event: MessageEvent<TabMessage>) => {
        if (event.data?.type === 'left' && event.data.requestId === requestId) done();
      };
      const timer = setTimeout(done, OTHER_TABS_WAIT_MS);
      tabs.addEventListener('message', onMessage);
      tabs.postMessage({ type: 'leave-request', classId, requestId } satisfies TabMessage);
    });
  }

  private async onTabMessage(message: TabMessage | undefined): Promise<void> {
    if (message?.type !== 'leave-request' || message.classId !== this.joinedClassId) return;
    try {
      await this.leave(message.classId);
    } catch {
      // Already out (NOT_IN_CLASS) or offline: the other tab's join attempt tells the outcome.
    }
    this.dispatch('leftForOtherTab', { classId: message.classId });
    this.tabs?.postMessage({ type: 'left', requestId: message.requestId } satisfies TabMessage);
  }

  /** Leaves without waiting (the page is going away); nobody is left to read an error. */
  leaveQuietly(classId: string): void {
    if (this.joinedClassId === classId) this.joinedClassId = null;
    if (this.socket?.connected)
      this.socket.emit(CLIENT_EVENTS.LEAVE_CLASS, { classId }, () => undefined);
  }

  async comment(classId: string, text: string): Promise<CommentMessage> {
    const result = await this.ack((s) => s.emitWithAck(CLIENT_EVENTS.COMMENT, { classId, text }));
    return result.comment;
  }

  /** Emits once connected and unwraps the envelope the ack carries; no ack in time is TIMEOUT. */
  private async ack<T>(emit: (socket: LiveSocket) => Promise<Envelope<T>>): Promise<T> {
    const socket = await this.connected();
    let envelope: Envelope<T>;
    try {
      envelope = await emit(withTimeout(socket));
    } catch {
      throw new ApiError(socket.connected ? 'TIMEOUT' : 'DISCONNECTED', 'No acknowledgement');
    }
    return unwrap(envelope);
  }

  /** The socket once connected, waiting a little for a connection in progress. */
  private connected(): Promise<LiveSocket> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new ApiError('DISCONNECTED', 'Not connected'));
    if (socket.connected) return Promise.resolve(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new ApiError('DISCONNECTED', 'Not connected'));
      }, CONNECT_WAIT_MS);
      const unsubscribe = this.status.subscribe((status) => {
        if (status !== 'connected') return;
        clearTimeout(timer);
        unsubscribe();
        resolve(socket);
      });
    });
  }

  private dispatch<K extends keyof LiveEvents>(event: K, payload: LiveEvents[K]): void {
    for (const handler of this.handlers[event]) handler(payload);
  }

  /** HEARTBEAT now, then every third of the TTL the server reports. */
  private beat(): void {
    this.stopHeartbeat();
    const socket = this.socket;
    if (!socket?.connected) return;
    withTimeout(socket)
      .emitWithAck(CLIENT_EVENTS.HEARTBEAT, {})
      .then((envelope) => {
        if (envelope.success) {
          const { ttlSeconds } = envelope.data;
          if (ttlSeconds > 0)
            this.heartbeatMs = Math.max(1_000, Math.floor((ttlSeconds * 1000) / 3));
        } else if (envelope.error.code === 'NOT_IN_CLASS' && this.joinedClassId) {
          // Our presence expired (a long freeze, a server restart): join again, as after a reconnect.
          void this.rejoin();
        }
      })
      .catch(() => undefined) // a lost ack: the next beat (or the reconnect) takes over
      .finally(() => {
        if (this.socket === socket && socket.connected) {
          this.heartbeatTimer = setTimeout(() => this.beat(), this.heartbeatMs);
        }
      });
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private async rejoin(): Promise<void> {
    const classId = this.joinedClassId;
    if (!classId) {
      this.dispatch('reconnected', {});
      return;
    }
    try {
      const rejoined = await this.join(classId, this.joinedCode);
      this.dispatch('reconnected', { rejoined });
    } catch (error) {
      this.joinedClassId = null;
      const rejoinError =
        error instanceof ApiError ? error : new ApiError('INTERNAL_ERROR', String(error));
      this.dispatch('reconnected', { rejoinError });
    }
  }
}

export const live = new LiveConnection();
