import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InstanceLeases, PresenceSettings, PresenceSweep } from '../presence';
import { LeaveSocket } from './leave-socket.usecase';
import { LeaseRenewal } from './lease-renewal';
import { newLocalClass, type LocalClass } from './local-class';
import type { PresentSocket } from './present-socket';

/** How soon the sockets of a stopping instance are swept unless their users joined again elsewhere. */
const HANDOVER_MS = 10_000;

/**
 * The presence of this instance's sockets, kept in Redis in batches. HEARTBEAT is answered from
 * here, with no Redis round trip: each socket's last heartbeat is recorded locally, and every
 * `renewIntervalMs` the instance renews one lease per class it holds sockets in (one script
 * call per class), extends the claims that are due, and moves the teacher's grace forward.
 * A socket whose heartbeats stop (a frozen tab whose connection stays open) is removed here
 * within PRESENCE_TTL_SECONDS plus one sweep interval; the sockets of an instance that dies
 * are swept by the others once its lease has passed. See docs/presence.md.
 */
@Injectable()
export class LocalPresence implements OnApplicationBootstrap {
  private readonly logger = new Logger(LocalPresence.name);
  private readonly classes = new Map<string, LocalClass>();
  private readonly timers: NodeJS.Timeout[] = [];
  private renewing: Promise<void> | null = null;
  /** Set by handOver: sockets closing from now on keep their presence for another instance. */
  private handingOver = false;
  /** Told when this instance takes a socket out of a class (the transport leaves the room). */
  private removedListener: (socket: PresentSocket, classId: string) => void = () => {};

  constructor(
    private readonly leases: InstanceLeases,
    private readonly renewal: LeaseRenewal,
    private readonly sweep: PresenceSweep,
    private readonly settings: PresenceSettings,
    private readonly leaveSocket: LeaveSocket,
  ) {}

  /** The realtime layer takes removed sockets out of their class room. */
  onRemoved(listener: (socket: PresentSocket, classId: string) => void): void {
    this.removedListener = listener;
  }

  onApplicationBootstrap(): void {
    const every = (ms: number, run: () => unknown) => {
      const timer = setInterval(run, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.settings.renewIntervalMs, () => {
      if (!this.renewing) this.renewing = this.renewAll().finally(() => (this.renewing = null));
    });
    every(this.settings.sweepIntervalMs, () => this.expireSilent());
  }

  /**
   * HEARTBEAT: the socket is alive. Answers LOST once when it was taken out of its class since
   * (the client joins again), else whether it is in one.
   */
  heartbeat(socket: PresentSocket): 'PRESENT' | 'LOST' | 'NOT_JOINED' {
    socket.lastHeartbeatAt = this.settings.now();
    if (socket.lostClassId) {
      socket.lostClassId = null;
      return 'LOST';
    }
    return socket.classId ? 'PRESENT' : 'NOT_JOINED';
  }

  /**
   * A socket asks to join a class: until `joined` or `joinFailed`, a reconciliation counts it as
   * ours, so a join in flight is never mistaken for a removal that a failover lost.
   */
  joining(socket: PresentSocket, classId: string): void {
    this.local(classId).joining.add(socket);
  }

  /** The join did not happen (refused or failed). */
  joinFailed(socket: PresentSocket, classId: string): void {
    this.classes.get(classId)?.joining.delete(socket);
    this.dropIfEmpty(classId);
  }

  /** A socket joined a class as a participant (after Admission admitted it). */
  joined(socket: PresentSocket, classId: string): void {
    if (socket.classId && socket.classId !== classId) this.forget(socket);
    socket.classId = classId;
    socket.lostClassId = null;
    socket.lastHeartbeatAt = this.settings.now();
    const local = this.local(classId);
    local.joining.delete(socket);
    if (local.participants.has(socket)) return;
    local.participants.add(socket);
    const user = local.users.get(socket.userId);
    if (user) user.sockets++;
    else local.users.set(socket.userId, { sockets: 1, claimExtendedAt: socket.lastHeartbeatAt });
  }

  /** A teacher's socket follows the live class they teach. */
  teaches(socket: PresentSocket, classId: string): void {
    socket.teaching = classId;
    this.local(classId).teachers.add(socket);
  }

  /**
   * The socket was taken out of the class's room by a message from elsewhere (its stay ended on
   * another socket or instance, or the class ended): bookkeeping only, no Redis.
   */
  removedElsewhere(socket: PresentSocket, classId: string): void {
    if (socket.classId === classId) socket.lostClassId = classId;
    this.leftRoom(socket, classId);
  }

  /** The socket no longer follows the class: local bookkeeping only, no Redis. */
  leftRoom(socket: PresentSocket, classId: string): void {
    const local = this.classes.get(classId);
    if (socket.classId === classId) {
      socket.classId = null;
      if (local?.participants.delete(socket)) {
        const user = local.users.get(socket.userId);
        if (user && --user.sockets <= 0) local.users.delete(socket.userId);
      }
    }
    if (socket.teaching === classId) {
      socket.teaching = null;
      local?.teachers.delete(socket);
    }
    this.dropIfEmpty(classId);
  }

  /**
   * The socket is gone (disconnect): forget it and leave the class it was in, in Redis. While
   * the instance hands over, the stay is left for the user's next socket, on another instance.
   */
  async disconnected(socket: PresentSocket): Promise<void> {
    const classId = socket.classId;
    this.forget(socket);
    if (classId && !this.handingOver) {
      await this.leaveSocket.execute(socket.userId, classId, socket.socketId);
    }
  }

  /**
   * The instance is stopping: renewals stop and every lease it holds ends soon, so users who
   * reconnect to another instance and join again keep their stay (ALREADY_IN), and the stays of
   * those who do not are swept then, written exactly once.
   */
  async handOver(): Promise<void> {
    this.handingOver = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.renewing;
    const at = this.settings.now() + Math.min(HANDOVER_MS, this.settings.leaseMs);
    await Promise.all(
      [...this.classes.keys()].map(async (classId) => {
        await this.leases.handOver(classId, at).catch(() => undefined);
        await this.sweep.lookNoLaterThan(classId, at).catch(() => undefined);
      }),
    );
  }

  /** One renewal per class with local sockets; claims and the teacher's grace when due. */
  private async renewAll(): Promise<void> {
    const now = this.settings.now();
    await Promise.all(
      [...this.classes].map(([classId, local]) =>
        this.renewal
          .renew(classId, local, now, (socket) => this.remove(socket, classId))
          .catch((error: Error) =>
            this.logger.warn(`Lease on class ${classId} not renewed: ${error.message}`),
          ),
      ),
    );
  }

  /** Participants whose heartbeats stopped leave (their connection may still be open). */
  private expireSilent(): void {
    const now = this.settings.now();
    for (const [classId, local] of this.classes) {
      for (const socket of local.participants) {
        if (!this.settings.expired(socket.lastHeartbeatAt, now)) continue;
        this.remove(socket, classId);
        void this.leaveSocket
          .execute(socket.userId, classId, socket.socketId)
          .catch((error: Error) => this.logger.warn(`Silent socket not removed: ${error.message}`));
      }
    }
  }

  /** This instance found the socket out of the class: it stops following it (room included). */
  private remove(socket: PresentSocket, classId: string): void {
    this.removedElsewhere(socket, classId);
    this.removedListener(socket, classId);
  }

  private forget(socket: PresentSocket): void {
    if (socket.classId) this.leftRoom(socket, socket.classId);
    if (socket.teaching) this.leftRoom(socket, socket.teaching);
  }

  private local(classId: string): LocalClass {
    let local = this.classes.get(classId);
    if (!local) {
      local = newLocalClass();
      this.classes.set(classId, local);
    }
    return local;
  }

  private dropIfEmpty(classId: string): void {
    const local = this.classes.get(classId);
    if (local && !local.participants.size && !local.joining.size && !local.teachers.size) {
      this.classes.delete(classId);
    }
  }
}
