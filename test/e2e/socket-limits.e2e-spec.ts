import { LIMITS } from '@llms/contract';
import type { Json } from '../support/json';
import {
  emitAck,
  eventually,
  joinClass,
  refusal,
  teacherWithClass,
  type TestSocket,
} from '../support/live';
import { useInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';
import { UserSession } from '../support/user-session';

/**
 * Sends an event as a raw Socket.IO frame (ack id 424242), as an attacker would (the client
 * library itself cannot even encode a deep payload), and resolves with the ack's envelope.
 */
function rawEmit(socket: TestSocket, event: string, payloadJson: string): Promise<Json> {
  const engine = (socket as unknown as { io: { engine: RawEngine } }).io.engine;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ack')), 10_000);
    const onMessage = (data: string) => {
      if (!data.startsWith('3424242')) return;
      clearTimeout(timer);
      engine.off('message', onMessage);
      resolve(JSON.parse(data.slice('3424242'.length))[0]);
    };
    engine.on('message', onMessage);
    engine.send(`2424242${JSON.stringify([event]).slice(0, -1)},${payloadJson}]`);
  });
}

interface RawEngine {
  send(data: string): void;
  on(event: 'message', listener: (data: string) => void): void;
  off(event: 'message', listener: (data: string) => void): void;
}

/** Resolves when the socket is closed by the server (or fails after `timeoutMs`). */
function closedByServer(socket: TestSocket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!socket.connected) return resolve('already closed');
    const timer = setTimeout(
      () => reject(new Error('the server did not close the socket')),
      timeoutMs,
    );
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** /health/live answers while the instance chews on bad input (the event loop is not stalled). */
async function liveWithin(app: TestApp, ms: number): Promise<void> {
  const started = Date.now();
  const response = await fetch(`${app.url}/health/live`);
  expect(response.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(ms);
}

/**
 * Contract v2 "Limits" on the real-time channel, on two instances: the same JSON shape limits as
 * REST before any validation, packets of at most 16 KiB, 20 events per second per socket with
 * bursts of 40 (beyond: RATE_LIMITED; flooding: disconnected), and MAX_SOCKETS_PER_USER open
 * sockets per user across all instances. No input stalls an instance.
 */
describe('socket limits (e2e, two instances)', () => {
  const { apps, open } = useInstances(2, { MAX_SOCKETS_PER_USER: '3' });
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => ([a, b] = apps));

  it('refuses a payload nested 8,000 deep (as deep as 16 KiB allows) with VALIDATION_FAILED, not INTERNAL_ERROR', async () => {
    const { classId, cls } = await teacherWithClass(a.url, { start: true });
    const socket = await open(b, await UserSession.register(a.url));
    const deep = '['.repeat(8000) + ']'.repeat(8000);
    const payload = `{"classId":"${classId}","joinCode":"${cls.joinCode}","deep":${deep}}`;
    expect(Buffer.byteLength(payload)).toBeLessThan(LIMITS.SOCKET_PAYLOAD_MAX_BYTES);
    const ack = await rawEmit(socket, 'JOIN_CLASS', payload);
    expect(ack).toMatchObject({ success: false, error: { code: 'VALIDATION_FAILED' } });
    expect(ack.error.message).toMatch(/deep/i);
    await liveWithin(b, 1000);
    expect((await joinClass(socket, classId)).success).toBe(true);
  });

  it(`refuses ${LIMITS.JSON_KEYS_MAX + 1} keys with at most ${LIMITS.ERROR_DETAILS_MAX} details and an ack under 4 KiB`, async () => {
    const socket = await open(b, await UserSession.register(a.url));
    const keys = Object.fromEntries(
      Array.from({ length: LIMITS.JSON_KEYS_MAX + 1 }, (_, i) => [`k${i}`, 1]),
    );
    const ack = await emitAck(socket, 'COMMENT', keys);
    expect(ack.error.code).toBe('VALIDATION_FAILED');
    expect((ack.error.details ?? []).length).toBeLessThanOrEqual(LIMITS.ERROR_DETAILS_MAX);
    expect(Buffer.byteLength(JSON.stringify(ack))).toBeLessThan(LIMITS.ERROR_BODY_MAX_BYTES);
  });

  it('closes a connection that sends a packet over 16 KiB (80,000 keys), and the instance stays responsive', async () => {
    const user = await UserSession.register(a.url);
    const socket = await open(b, user);
    const huge = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`k${i}`, 1]));
    const closed = closedByServer(socket);
    (socket as unknown as { emit(event: string, payload: unknown, ack: () => void): void }).emit(
      'JOIN_CLASS',
      huge,
      () => undefined,
    );
    expect(await closed).toMatch(/transport|parse/);
    await liveWithin(b, 1000);
    // The same user connects again at once.
    expect((await open(b, user)).connected).toBe(true);
  });

  it('answers events beyond the burst with RATE_LIMITED, then lets the socket go on at the sustained rate', async () => {
    const socket = await open(b, await UserSession.register(a.url));
    const acks = await Promise.all(
      Array.from({ length: LIMITS.SOCKET_EVENTS_BURST + 10 }, () =>
        emitAck(socket, 'HEARTBEAT', {}),
      ),
    );
    const limited = acks.filter((ack) => ack.error?.code === 'RATE_LIMITED');
    expect(acks.filter((ack) => ack.success)).toHaveLength(LIMITS.SOCKET_EVENTS_BURST);
    expect(limited).toHaveLength(10);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await emitAck(socket, 'HEARTBEAT', {})).success).toBe(true);
    expect(socket.connected).toBe(true);
  });

  it('disconnects a socket that floods (20,000 HEARTBEATs) without stalling the instance', async () => {
    const socket = await open(b, await UserSession.register(a.url));
    const closed = closedByServer(socket, 10_000);
    for (let i = 0; i < 20_000 && socket.connected; i++)
      socket.emit('HEARTBEAT', {}, () => undefined);
    expect(await closed).toBe('io server disconnect');
    await liveWithin(b, 1000);
  });

  it('refuses a socket beyond MAX_SOCKETS_PER_USER across instances, and frees the slot on close', async () => {
    const user = await UserSession.register(a.url);
    const first = await open(a, user);
    await open(b, user);
    await open(a, user);
    const refused = await refusal(b.url, user);
    expect(refused.data).toEqual({ code: 'TOO_MANY_CONNECTIONS' });
    first.close();
    await eventually(
      async () =>
        await open(b, user)
          .then(() => true)
          .catch(() => false),
      5000,
      'a slot freed by the closed socket',
    );
  });
});
