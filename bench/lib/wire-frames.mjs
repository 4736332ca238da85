/**
 * Sizes of the frames the capacity model counts (bench/lib/capacity.mjs), encoded here from the
 * contract's shapes (libs/contract/src/realtime.ts) with representative values: Socket.IO over
 * engine.io over WebSocket, headers included, TCP/IP not.
 */

/** Bytes of a Socket.IO event frame on a WebSocket, server to client (unmasked). */
function eventFrameBytes(event, payload, ackId = '') {
  const text = `42${ackId}${JSON.stringify([event, payload])}`;
  const length = Buffer.byteLength(text);
  return length + (length < 126 ? 2 : 4);
}

/** The frames of the model, encoded from the contract's shapes with representative values. */
export function frameSizes(commentChars) {
  const id = 'a'.repeat(24);
  const comment = {
    id: '3f0c9a8e-2b7d-4a51-9d3e-8c1f2a6b7e90',
    classId: id,
    author: { id, name: 'Grace Hopper', role: 'STUDENT' },
    text: 'x'.repeat(commentChars),
    sentAt: '2026-03-02T10:04:05.120Z',
  };
  const ack = (data) => {
    const length = Buffer.byteLength(`431${JSON.stringify([{ success: true, data }])}`);
    return length + 2;
  };
  return {
    comment: eventFrameBytes('COMMENT', comment),
    count: eventFrameBytes('PARTICIPANT_COUNT', { classId: id, count: 1000 }),
    // Client frames are masked: 4 more bytes.
    heartbeat: eventFrameBytes('HEARTBEAT', {}, '1') + 4,
    heartbeatAck: ack({ ttlSeconds: 30 }),
    commentIn: eventFrameBytes('COMMENT', { classId: id, text: comment.text }, '1') + 4,
    commentAck: ack({ comment }),
    ping: 3,
    pong: 7,
    /** A comment as the adapter publishes it to Redis (the packet plus routing, about). */
    redisMessage: Buffer.byteLength(JSON.stringify(comment)) + 120,
  };
}
