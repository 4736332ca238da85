import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { SOCKET_PATH, type ConnectErrorData } from '@llms/contract';
import { AppError } from '@llms/errors';
import {
  closeRedis,
  connectRedis,
  type RedisClient,
  type RedisConnectionOptions,
} from '@llms/redis';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { AuthUser } from '../../common/auth';

export interface RealtimeAdapterOptions {
  corsOrigins: string[];
  redis: RedisConnectionOptions;
  /** Verifies the access cookie of the handshake (the same function the HTTP guard uses). */
  authenticate: (cookieHeader: string | undefined) => Promise<AuthUser>;
}

function refuse(code: ConnectErrorData['code'], message: string): Error {
  const error = new Error(message) as Error & { data: ConnectErrorData };
  error.data = { code };
  return error;
}

/**
 * Socket.IO on path /ws, fanned out through Redis (`@socket.io/redis-adapter`), with the
 * handshake checked here because Nest guards do not run on connection: the Origin must be one of
 * CORS_ORIGINS (Socket.IO's cors option does not stop cross-origin WebSockets) and the
 * `access_token` cookie must verify. Refusals reach the client as `connect_error` with `{code}`.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private clients: RedisClient[] = [];
  private adapterConstructor: ReturnType<typeof createAdapter> | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly options: RealtimeAdapterOptions,
  ) {
    super(app);
  }

  /** Connects the publish and subscribe clients; call before `useWebSocketAdapter`. */
  async connect(): Promise<void> {
    const pub = await connectRedis(this.options.redis, 'socket-pub', { autoPipelining: false });
    const sub = await connectRedis(this.options.redis, 'socket-sub', { autoPipelining: false });
    this.clients = [pub, sub];
    this.adapterConstructor = createAdapter(pub, sub, {
      key: `${this.options.redis.keyPrefix ?? ''}socket.io`,
    });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      path: SOCKET_PATH,
      serveClient: false,
      cors: { origin: this.options.corsOrigins, credentials: true },
    });
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    server.use((socket, next) =>
      this.checkHandshake(socket).then(
        () => next(),
        (error: Error) => next(error),
      ),
    );
    return server;
  }

  private async checkHandshake(socket: Socket): Promise<void> {
    const origin = socket.handshake.headers.origin;
    if (!origin || !this.options.corsOrigins.includes(origin.replace(/\/+$/, ''))) {
      throw refuse('ORIGIN_NOT_ALLOWED', 'This origin may not open the real-time channel');
    }
    try {
      socket.data.user = await this.options.authenticate(socket.handshake.headers.cookie);
    } catch (error) {
      if (error instanceof AppError) throw refuse('UNAUTHENTICATED', 'Sign in first');
      throw error;
    }
  }

  override async dispose(): Promise<void> {
    await super.dispose?.();
    await Promise.all(this.clients.map(closeRedis));
    this.clients = [];
  }
}
