import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { appConfig, type AppConfig } from '../../config/app.config';
import { PresenceSettings } from '../presence';
import { realtimeKeys } from './realtime.keys';
import { REALTIME_SCRIPTS, type RealtimeScripts } from './realtime.scripts';
import type { RealtimeServer, RealtimeSocket } from './realtime.server';

/** How long a slot lives unless its instance renews it (renewed at half that). */
const SLOT_TTL_MS = 10 * 60 * 1000;

/**
 * MAX_SOCKETS_PER_USER: each open socket holds one of its user's slots in Redis (across all
 * instances). A slot is given back on disconnect; slots of an instance that died expire, since
 * each instance renews only its own sockets' slots (pipelined, every five minutes).
 */
@Injectable()
export class SocketSlots implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SocketSlots.name);
  private readonly max: number;
  private server: RealtimeServer | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(REALTIME_SCRIPTS) private readonly scripts: RealtimeScripts,
    private readonly settings: PresenceSettings,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.max = config.realtime.maxSocketsPerUser;
  }

  /** Called by the gateway once the Socket.IO server exists (its sockets hold the slots). */
  attach(server: RealtimeServer): void {
    this.server = server;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.renewAll(), SLOT_TTL_MS / 2);
    this.timer.unref();
  }

  /** Takes a slot for a new socket; false when the user already holds the maximum. */
  async take(userId: string, socketId: string): Promise<boolean> {
    const now = this.settings.now();
    const taken = await this.scripts.takeSocketSlot(
      realtimeKeys.socketSlots(userId),
      this.member(socketId),
      now,
      now + SLOT_TTL_MS,
      this.max,
    );
    return taken === 1;
  }

  /** Gives a closed socket's slot back. */
  async release(socket: RealtimeSocket): Promise<void> {
    await this.redis.zrem(realtimeKeys.socketSlots(socket.data.userId), this.member(socket.id));
  }

  /** Gives every slot of this instance back (shutdown: users reconnect elsewhere at once). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.sockets().map((socket) => this.release(socket).catch(() => undefined)));
  }

  private async renewAll(): Promise<void> {
    const expiresAt = this.settings.now() + SLOT_TTL_MS;
    await Promise.all(
      this.sockets().map((socket) => {
        const key = realtimeKeys.socketSlots(socket.data.userId);
        return Promise.all([
          this.redis.zadd(key, 'XX', 'GT', expiresAt, this.member(socket.id)),
          this.redis.pexpireat(key, expiresAt, 'GT'),
        ]).catch((error: Error) => this.logger.warn(`Socket slot not renewed: ${error.message}`));
      }),
    );
  }

  /** This instance's admitted sockets. */
  private sockets(): RealtimeSocket[] {
    const sockets = this.server?.of('/').sockets as Map<string, RealtimeSocket> | undefined;
    return [...(sockets?.values() ?? [])].filter((socket) => socket.data.user);
  }

  private member(socketId: string): string {
    return `${this.settings.instance}|${socketId}`;
  }
}
