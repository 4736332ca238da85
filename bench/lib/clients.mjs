/**
 * Client drivers used inside a load worker, one per kind of server, all with the same surface:
 *
 *   connect(target)            opens one connection; target is {url, accessToken?}
 *   join(conn, room)           enters the class room ({classId, joinCode}); resolves an envelope
 *   leave(conn, room)          leaves it (an envelope)
 *   heartbeat(conn)            HEARTBEAT (LLMS only; an envelope)
 *   comment(conn, room, text)  publishes through the connection (an envelope)
 *   close(conn)
 *
 * and calling `handlers.comment(text)`, `handlers.count(conn, message)` (PARTICIPANT_COUNT) and
 * `handlers.ended()` (CLASS_ENDED) for what arrives.
 *
 *   socketio    LLMS and the bare Socket.IO baseline: socket.io-client over WebSocket on /ws,
 *               with the access cookie and Origin when `auth` is set (LLMS).
 *   centrifuge  Centrifugo: the `centrifuge` SDK over `ws`, one subscription per room; publishing
 *               goes through Centrifugo's server HTTP API (see centrifugoPublisher).
 */
import { Centrifuge } from 'centrifuge';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { contract } from './contract.mjs';

const { CLIENT_EVENTS, SERVER_EVENTS, SOCKET_PATH } = contract();

const ACK_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 60_000;

const failure = (code, message = code) => ({ success: false, error: { code, message } });

/** Emits with an ack; a missing ack becomes a NO_ACK failure. */
async function emitWithAck(socket, event, payload) {
  try {
    return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  } catch {
    return failure('NO_ACK');
  }
}

/**
 * True when a JOIN_CLASS failure says the server does not know `joinCode` (contract v1 servers
 * refuse unknown keys with VALIDATION_FAILED naming the field).
 */
function rejectsJoinCode(envelope) {
  return (
    envelope?.success === false &&
    envelope.error?.code === 'VALIDATION_FAILED' &&
    JSON.stringify(envelope.error).includes('joinCode')
  );
}

export function socketioDriver({ auth }, handlers) {
  /** null until a server answered; false once it refused joinCode (then {classId} alone). */
  let sendsJoinCode = null;
  return {
    kind: 'socketio',
    connect(target) {
      const extraHeaders = auth
        ? { origin: target.url, cookie: `access_token=${target.accessToken}` }
        : { origin: target.url };
      const socket = io(target.url, {
        path: SOCKET_PATH,
        transports: ['websocket'],
        extraHeaders,
        reconnection: false,
        forceNew: true,
        timeout: CONNECT_TIMEOUT_MS,
      });
      socket.on(SERVER_EVENTS.COMMENT, (message) => handlers.comment(message.text));
      socket.on(SERVER_EVENTS.PARTICIPANT_COUNT, (message) => handlers.count?.(socket, message));
      socket.on(SERVER_EVENTS.CLASS_ENDED, () => handlers.ended?.());
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error) => {
          socket.close();
          reject(new Error(error.data?.code ?? error.message));
        });
      });
    },
    async join(socket, { classId, joinCode }) {
      if (sendsJoinCode !== false && joinCode) {
        const envelope = await emitWithAck(socket, CLIENT_EVENTS.JOIN_CLASS, { classId, joinCode });
        if (!rejectsJoinCode(envelope)) {
          sendsJoinCode = true;
          return envelope;
        }
        sendsJoinCode = false;
      }
      return emitWithAck(socket, CLIENT_EVENTS.JOIN_CLASS, { classId });
    },
    /** 'joinCode' or 'classId only' once known (reported in the results). */
    joinShape: () =>
      sendsJoinCode === null ? null : sendsJoinCode ? '{classId, joinCode}' : '{classId}',
    leave: (socket, { classId }) => emitWithAck(socket, CLIENT_EVENTS.LEAVE_CLASS, { classId }),
    heartbeat: (socket) => emitWithAck(socket, CLIENT_EVENTS.HEARTBEAT, {}),
    comment: (socket, { classId }, text) =>
      emitWithAck(socket, CLIENT_EVENTS.COMMENT, { classId, text }),
    close: (socket) => socket.close(),
  };
}

/** Centrifugo channel of a class room (no ':' so it stays in the default namespace). */
export const centrifugoChannel = (classId) => `class_${classId}`;

export function centrifugeDriver(_options, handlers) {
  return {
    kind: 'centrifuge',
    connect(target) {
      const client = new Centrifuge(`${target.url.replace(/^http/, 'ws')}/connection/websocket`, {
        websocket: WebSocket,
        timeout: CONNECT_TIMEOUT_MS,
        minReconnectDelay: 1000,
      });
      client.connect();
      return client.ready(CONNECT_TIMEOUT_MS).then(
        () => client,
        (error) => {
          client.disconnect();
          throw new Error(error?.message ?? 'connect failed');
        },
      );
    },
    async join(client, { classId }) {
      const subscription = client.newSubscription(centrifugoChannel(classId));
      subscription.on('publication', (ctx) => handlers.comment(ctx.data.text));
      subscription.subscribe();
      try {
        await subscription.ready(ACK_TIMEOUT_MS);
        return { success: true, data: { classId } };
      } catch (error) {
        return failure('SUBSCRIBE_FAILED', error?.message);
      }
    },
    joinShape: () => 'subscribe',
    async leave(client, { classId }) {
      const subscription = client.getSubscription(centrifugoChannel(classId));
      if (subscription) client.removeSubscription(subscription);
      return { success: true, data: { classId } };
    },
    heartbeat: async () => failure('UNSUPPORTED'),
    comment: async () => failure('UNSUPPORTED'),
    close: (client) => client.disconnect(),
  };
}

/**
 * Publishes into a Centrifugo channel through the server HTTP API (`POST /api/publish` with
 * `X-API-Key`), alternating between the nodes given. Resolves an envelope like an ack.
 */
export function centrifugoPublisher({ urls, apiKey }) {
  let next = 0;
  return async ({ classId }, text) => {
    const url = urls[next++ % urls.length];
    try {
      const response = await fetch(`${url}/api/publish`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ channel: centrifugoChannel(classId), data: { text } }),
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      const json = await response.json();
      if (!response.ok || json.error) return failure('PUBLISH_FAILED', JSON.stringify(json.error));
      return { success: true, data: json.result ?? {} };
    } catch (error) {
      return failure('PUBLISH_FAILED', error.message);
    }
  };
}

export function createDriver(kind, options, handlers) {
  if (kind === 'socketio') return socketioDriver(options, handlers);
  if (kind === 'centrifuge') return centrifugeDriver(options, handlers);
  throw new Error(`unknown driver ${kind}`);
}
