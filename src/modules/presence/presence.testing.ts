import { randomUUID } from 'node:crypto';
import {
  closeRedis,
  connectRedis,
  type RedisClient,
  type RedisConnectionOptions,
} from '@llms/redis';
import { parseConfig } from '../../config/app.config';
import { PresenceService } from './presence.service';

/**
 * Test harness shared by the presence specs (single node and cluster): several PresenceService
 * instances, each on its own connection, as several app instances would be.
 */
export class PresenceHarness {
  private constructor(
    readonly clients: RedisClient[],
    readonly services: PresenceService[],
  ) {}

  /** Connects `count` instances; `wrap` may decorate each service (e.g. to watch its errors). */
  static async connect(
    redis: RedisConnectionOptions,
    count: number,
    wrap: (service: PresenceService) => PresenceService = (service) => service,
  ): Promise<PresenceHarness> {
    const config = parseConfig({ PRESENCE_TTL_SECONDS: '30', TEACHER_GRACE_SECONDS: '600' });
    const clients = await Promise.all(
      Array.from({ length: count }, (_, i) => connectRedis(redis, `presence-spec-${i}`)),
    );
    const services = clients.map((client) => {
      const service = new PresenceService(client, config);
      service.onModuleInit();
      return wrap(service);
    });
    return new PresenceHarness(clients, services);
  }

  /** The first instance. */
  get presence(): PresenceService {
    return this.services[0];
  }

  /** Instance `i`, round robin. */
  instance(i: number): PresenceService {
    return this.services[i % this.services.length];
  }

  /** A fresh 24-hex id, like a MongoDB ObjectId. */
  id(): string {
    return randomUUID().replace(/-/g, '').slice(0, 24);
  }

  /** A live class (its teacher claimed and its live state opened), as ClassesService.start does. */
  async liveClass(
    capacity: number,
    teacherId = this.id(),
  ): Promise<{ classId: string; teacherId: string }> {
    const classId = this.id();
    await this.presence.claim(teacherId, classId, this.presence.teacherGraceMs);
    await this.presence.open(classId, {
      capacity,
      teacherId,
      title: `Class ${classId}`,
      startedAt: Date.now(),
      joinCode: 'ABCDEFGHJK',
      createdAt: Date.now(),
    });
    return { classId, teacherId };
  }

  /** The attendance records waiting in a class's outbox. */
  async outboxRecords(classId: string) {
    return (await this.presence.peekOutbox(classId, 10_000)).map((entry) => entry.record);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map(closeRedis));
  }
}
