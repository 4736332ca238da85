#!/usr/bin/env node
/**
 * The yardstick: a bare Socket.IO 4.8 server with @socket.io/redis-adapter, the same transport
 * and path as LLMS (WebSocket on /ws) and the same event names, doing only what a fan-out needs:
 *
 *   JOIN_CLASS {classId}         joins the socket to room `classId`, acks {success, data}
 *   LEAVE_CLASS {classId}        leaves it
 *   COMMENT {classId, text}      broadcasts COMMENT {id, classId, author, text, sentAt} to the
 *                                room on every instance (through Redis), acks the comment
 *
 * No auth, no validation, no presence. Env: PORT, REDIS_URL, HOST (default 127.0.0.1).
 * GET /health answers 200 once the adapter is connected. SIGTERM closes it.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 3100);
const host = process.env.HOST ?? '127.0.0.1';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const pub = new Redis(redisUrl);
const sub = pub.duplicate();
for (const client of [pub, sub]) client.on('error', (error) => console.error(error.message));

const httpServer = http.createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});
const io = new Server(httpServer, { path: '/ws', serveClient: false });
io.adapter(createAdapter(pub, sub, { key: 'baseline' }));

const author = { id: 'baseline', name: 'Baseline', role: 'STUDENT' };

io.on('connection', (socket) => {
  socket.on('JOIN_CLASS', (payload, ack) => {
    socket.join(payload.classId);
    ack?.({ success: true, data: { classId: payload.classId } });
  });
  socket.on('LEAVE_CLASS', (payload, ack) => {
    socket.leave(payload.classId);
    ack?.({ success: true, data: { classId: payload.classId } });
  });
  socket.on('COMMENT', (payload, ack) => {
    const comment = {
      id: randomUUID(),
      classId: payload.classId,
      author,
      text: payload.text,
      sentAt: new Date().toISOString(),
    };
    io.to(payload.classId).emit('COMMENT', comment);
    ack?.({ success: true, data: { comment } });
  });
});

httpServer.listen(port, host);

process.on('SIGTERM', () => {
  io.close();
  pub.disconnect();
  sub.disconnect();
  process.exit(0);
});
