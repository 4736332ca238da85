'use strict';
/** Host names and URIs for messages and for the address a local server listens on. */

/** Hides the password of a URI for printing. */
function redact(uri) {
  return String(uri).replace(/^([a-z+]+:\/\/[^:/@]*:)[^@/]*@/i, '$1****@');
}

/** True for localhost, ::1 and 127.x.x.x: the only hosts a local server is started for. */
function isLoopback(host) {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Address a local server should listen on for a URI host ("localhost" means 127.0.0.1). */
function listenHost(host) {
  const h = host.replace(/^\[|\]$/g, '');
  return h.toLowerCase() === 'localhost' ? '127.0.0.1' : h;
}

module.exports = { redact, isLoopback, listenHost };
