import { createShardedAdapter } from '@socket.io/redis-adapter';
import { MessageType, type ClusterAdapter, type ClusterMessage } from 'socket.io-adapter';
import { isClassRoom } from './realtime.rooms';

/** The parts of the sharded adapter (socket.io-redis-adapter 8.3) whose routing is tuned here. */
interface ShardedInternals {
  channel: string;
  rooms: Map<string, Set<string>>;
  computeChannel(message: ClusterMessage): string;
  dynamicChannel(room: string): string;
  shouldUseASeparateNamespace(room: string): boolean;
  onMessage(message: ClusterMessage, offset?: string): unknown;
}

/** What the adapter tells the metrics about the messages it receives. */
export interface FanoutObserver {
  /** A room broadcast arrived: for a room with local sockets, or one without (wasted work). */
  roomMessage(hadLocalSockets: boolean): void;
  /** A message of the shared channel arrived (user and session control, rare). */
  sharedMessage(): void;
}

/**
 * The sharded Redis adapter (`createShardedAdapter`: SSUBSCRIBE/SPUBLISH, one channel per room,
 * subscribed only while the instance has sockets in the room), with its routing tuned to LLMS:
 *
 * - only **class rooms** get a channel of their own: broadcasts to one class room, and the
 *   removal of sockets from a class room (a stay that ended elsewhere), travel on the class's
 *   channel, so they reach exactly the instances with sockets in that class, in publish order;
 * - user and session rooms are never subscribed (they would cost one subscription per
 *   connected user on every instance); messages for them (a teacher's sockets following the
 *   class they just started, a session that ended) use the shared channel, which every
 *   instance reads. They are rare: one per class start and one per logout.
 *
 * The adapter keeps its wire format and its own channel naming; only the choice of channel
 * changes. Pinned by package-lock (the internals used are listed in ShardedInternals).
 */
export function createClassShardedAdapter(
  pubClient: unknown,
  subClient: unknown,
  { channelPrefix, observer }: { channelPrefix: string; observer?: FanoutObserver },
) {
  const sharded = createShardedAdapter(pubClient, subClient, {
    channelPrefix,
    subscriptionMode: 'dynamic',
  });
  return function classShardedAdapter(nsp: unknown): ClusterAdapter {
    const adapter = sharded(nsp);
    const internals = adapter as unknown as ShardedInternals;
    internals.shouldUseASeparateNamespace = isClassRoom;
    internals.computeChannel = (message) => {
      const room = classRoomOf(message);
      return room ? internals.dynamicChannel(room) : internals.channel;
    };
    if (observer) {
      const onMessage = internals.onMessage.bind(adapter);
      internals.onMessage = (message, offset) => {
        const room = classRoomOf(message);
        if (room) observer.roomMessage(internals.rooms.has(room));
        else observer.sharedMessage();
        return onMessage(message, offset);
      };
    }
    return adapter;
  };
}

/**
 * The class room a message is about, when it travels on that room's channel: a plain broadcast
 * to exactly one class room, or sockets leaving exactly one class room (only instances holding
 * sockets in it can have any to remove).
 */
function classRoomOf(message: ClusterMessage): string | null {
  switch (message.type) {
    case MessageType.BROADCAST: {
      const { opts, requestId } = message.data;
      return requestId === undefined && opts.rooms.length === 1 && isClassRoom(opts.rooms[0])
        ? opts.rooms[0]
        : null;
    }
    case MessageType.SOCKETS_LEAVE: {
      const { rooms } = message.data;
      return rooms.length === 1 && isClassRoom(rooms[0]) ? rooms[0] : null;
    }
    default:
      return null;
  }
}
