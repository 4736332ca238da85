import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { LIMITS, SOCKET_PATH } from '@llms/contract';
import { connectPubSub, type PubSubConnection, type RedisConnectionOptions } from '@llms/redis';
import type { Server, ServerOptions } from 'socket.io';
import { isOriginAllowed } from '../../common/http/origin-policy';
import { MetricsService } from '../metrics';
import { createClassShardedAdapter } from './class-sharded-adapter';
import type { RealtimeSocket } from './realtime.server';
import { SocketHandshake } from './socket-handshake';

/** Room for the packet's own framing (event name, ack id) on top of the payload limit. */
const PACKET_FRAMING_BYTES = 1024;

export interface RealtimeAdapterOptions {
  corsOrigins: string[];
  redis: RedisConnectionOptions;
}

/**
 * Socket.IO on path /ws, fanned out through Redis sharded Pub/Sub (one channel per class room,
 * see class-sharded-adapter.ts), with every handshake checked by SocketHandshake. A packet over
 * LIMITS.SOCKET_PAYLOAD_MAX_BYTES closes its connection (Engine.IO's maxHttpBufferSize).
 *
 * The gateway binds its client events itself (one shared listener table, ClientEvents), so the
 * per-socket observables of Nest's default binding are never created.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private pubsub: PubSubConnection | null = null;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly options: RealtimeAdapterOptions,
  ) {
    super(app);
  }

  /** Connects the publish and subscribe clients; call before `useWebSocketAdapter`. */
  async connect(): Promise<void> {
    this.pubsub = await connectPubSub(this.options.redis, 'socket.io');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (!this.pubsub) throw new Error('RealtimeIoAdapter.connect() must run before the server');
    const { corsOrigins, redis } = this.options;
    const metrics = this.app.get(MetricsService);
    const server: Server = super.createIOServer(port, {
      ...options,
      path: SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: LIMITS.SOCKET_PAYLOAD_MAX_BYTES + PACKET_FRAMING_BYTES,
      cors: {
        origin: (origin: string | undefined, allow: (error: Error | null, ok?: boolean) => void) =>
          allow(null, isOriginAllowed(corsOrigins, origin)),
        credentials: true,
      },
      adapter: createClassShardedAdapter(this.pubsub.pub, this.pubsub.sub, {
        channelPrefix: `${redis.keyPrefix ?? ''}socket.io`,
        observer: {
          roomMessage: (local) =>
            metrics.fanoutMessages.inc({ channel: 'class', local: `${local}` }),
          sharedMessage: () => metrics.fanoutMessages.inc({ channel: 'shared', local: 'true' }),
        },
      }),
    });
    const handshake = this.app.get(SocketHandshake);
    server.use((socket, next) =>
      handshake.admit(socket as RealtimeSocket).then(() => next(), next),
    );
    return server;
  }

  /** Client events are bound by the gateway's listener table (ClientEvents), not per socket here. */
  override bindMessageHandlers(): void {}

  /** Disconnects are handled by the gateway's shared `disconnecting` listener. */
  override bindClientDisconnect(): void {}

  override async dispose(): Promise<void> {
    await super.dispose?.();
    await this.pubsub?.close();
    this.pubsub = null;
  }
}
