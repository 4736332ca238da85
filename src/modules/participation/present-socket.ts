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
  /**
   * The class this socket was taken out of without asking (its stay ended elsewhere, its
   * presence expired, the class ended), until it is told so (HEARTBEAT answers NOT_IN_CLASS)
   * or joins again.
   */
  lostClassId: string | null;
  /** When the socket last sent HEARTBEAT (or joined), in ms. */
  lastHeartbeatAt: number;
}
