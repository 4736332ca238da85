'use strict';
/** TCP ports on this machine: a free one, whether one is free, whether something answers. */
const net = require('node:net');

const unbracket = (host) => host.replace(/^\[|\]$/g, '');

/** A free TCP port on `host` (the OS picks it), for a server the caller starts next. */
function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, unbracket(host), () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** True when nothing listens on `port` of `host`. */
function portFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, unbracket(host), () => server.close(() => resolve(true)));
  });
}

/** True when a TCP connection to host:port opens within `timeoutMs`. */
function tcpAnswers(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: unbracket(host) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

module.exports = { freePort, portFree, tcpAnswers };
