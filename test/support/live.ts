import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@llms/contract';
import type { Json } from './json';
import { UserSession } from './user-session';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Join codes of the classes the tests created (the creator's view carries them). */
const joinCodes = new Map<string, string>();

/** Remembers the join code of a class view (done by teacherWithClass for its class). */
export function rememberJoinCode(cls: { id: string; joinCode?: string }): void {
  if (cls.joinCode) joinCodes.set(cls.id, cls.joinCode);
}

/** JOIN_CLASS with the class's join code (from its join link), resolving with the ack. */
export function joinClass(socket: TestSocket, classId: string): Promise<Json> {
  return emitAck(socket, 'JOIN_CLASS', { classId, joinCode: joinCodes.get(classId) ?? 'UNKNOWN' });
}

/** A signed-in teacher with a class; `start: true` makes it live. */
export async function teacherWithClass(
  baseUrl: string,
  options: { capacity?: number; start?: boolean; title?: string } = {},
) {
  const teacher = await UserSession.register(baseUrl, {
    capabilities: ['TEACHER'],
    name: 'Teacher',
  });
  const created = await teacher.post('/api/classes', {
    title: options.title ?? 'Live class',
    capacity: options.capacity ?? 10,
  });
  if (created.status !== 201)
    throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  let cls = created.body.data.class;
  if (options.start) {
    const started = await teacher.post(`/api/classes/${cls.id}/start`);
    if (started.status !== 200)
      throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
    cls = started.body.data.class;
  }
  rememberJoinCode(cls);
  return { teacher, cls, classId: cls.id as string };
}

export function students(baseUrl: string, count: number, name = 'Student'): Promise<UserSession[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      UserSession.register(baseUrl, { name: `${name} ${i + 1}` }),
    ),
  );
}

export interface ConnectOptions {
  /** The Origin header; defaults to the app's own URL, null sends none. */
  origin?: string | null;
  url?: string;
  /** Extra handshake headers (they win over the session's cookie). */
  headers?: Record<string, string>;
  /** Other handshake channels (query, auth) that must not authenticate. */
  query?: Record<string, string>;
  auth?: Record<string, string>;
}

/** Opens a socket as this session (cookie + Origin headers), resolving once connected. */
export function connect(
  baseUrl: string,
  session: UserSession | null,
  options: ConnectOptions = {},
): Promise<TestSocket> {
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin) headers.origin = origin;
  if (session) headers.cookie = session.cookieHeader();
  Object.assign(headers, options.headers);
  const socket: TestSocket = io(options.url ?? baseUrl, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: headers,
    query: options.query,
    auth: options.auth,
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The `connect_error` a refused handshake gives. */
export async function refusal(
  baseUrl: string,
  session: UserSession | null,
  options: ConnectOptions = {},
) {
  let socket: TestSocket;
  try {
    socket = await connect(baseUrl, session, options);
  } catch (error) {
    return error as Error & { data?: { code: string } };
  }
  socket.close();
  throw new Error('expected the handshake to be refused');
}

/** Emits an event and resolves with its ack (the envelope). */
export function emitAck(
  socket: TestSocket,
  event: string,
  payload?: unknown,
  timeoutMs = 10_000,
): Promise<Json> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(event, payload);
}

/** Collects every message of one server event. */
export function record<T = Json>(socket: TestSocket, event: keyof ServerToClientEvents): T[] {
  const seen: T[] = [];
  (socket as unknown as Socket).on(event, (message: T) => seen.push(message));
  return seen;
}

/** Waits until `check` is true (polling), or fails after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
