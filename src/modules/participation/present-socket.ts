/**
 * A socket of this instance as presence sees it. The realtime layer keeps one per connection
 * (its Socket.IO `socket.data`), so the fields are few and plain.
 */
export interface PresentSocket {
  readonly socketId: string;
  readonly userId: string;
  /** The class this socket joined as a participant, or null. */
  classId: string | null;
  /** The live class its user teaches, which the socket follows, or null. */
  teaching: string | null;
  /** When the socket last sent HEARTBEAT (or joined), in ms. */
  lastHeartbeatAt: number;
}
