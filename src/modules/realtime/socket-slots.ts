import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { appConfig, type AppConfig } from '../../config/app.config';
import { PresenceSettings } from '../presence';
import { realtimeKeys } from './realtime.keys';
import { REALTIME_SCRIPTS, type RealtimeScripts } from './realtime.scripts';

/** How long a slot lives unless its instance renews it (renewed at half that). */
const SLOT_TTL_MS = 10 * 60 * 1000;

/**
 * MAX_SOCKETS_PER_USER: each open socket holds one of its user's slots in Redis (across all
 * instances). A slot is given back on disconnect; slots of an instance that died expire, since
 * each instance renews only its own sockets' slots (pipelined, every few minutes).
 */
@Injectable()
export class SocketSlots implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SocketSlots.name);
  private readonly max: number;
  /** The slots this instance holds: socketId -> userId. */
  private readonly held = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(REALTIME_SCRIPTS) private readonly scripts: RealtimeScripts,
    private readonly settings: PresenceSettings,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.max = config.realtime.maxSocketsPerUser;
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
    if (taken === 1) this.held.set(socketId, userId);
    return taken === 1;
  }

  /** Gives a closed socket's slot back. */
  async release(socketId: string): Promise<void> {
    const userId = this.held.get(socketId);
    if (!userId) return;
    this.held.delete(socketId);
    await this.redis.zrem(realtimeKeys.socketSlots(userId), this.member(socketId));
  }

  /** Gives every slot of this instance back (shutdown: users reconnect elsewhere at once). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.held.keys()].map((id) => this.release(id).catch(() => undefined)));
  }

  private async renewAll(): Promise<void> {
    const expiresAt = this.settings.now() + SLOT_TTL_MS;
    await Promise.all(
      [...this.held].map(([socketId, userId]) => {
        const key = realtimeKeys.socketSlots(userId);
        return Promise.all([
          this.redis.zadd(key, 'XX', 'GT', expiresAt, this.member(socketId)),
          this.redis.pexpireat(key, expiresAt, 'GT'),
        ]).catch((error: Error) => this.logger.warn(`Socket slot not renewed: ${error.message}`));
      }),
    );
  }

  private member(socketId: string): string {
    return `${this.settings.instance}|${socketId}`;
  }
}
