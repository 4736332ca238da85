'use strict';
/**
 * Failures meant for the person at the terminal: `ServiceError` carries one line (plus, at most,
 * the last lines of a log) and no stack; `requireDependency` turns a missing node_modules into one.
 */

/** A failure whose message is one line meant for the person at the terminal. */
class ServiceError extends Error {
  name = 'ServiceError';
}

/** The other way to get the servers, named in every "not installed" hint. */
const DOCKER_HINT = 'or use Docker instead: `docker compose up -d` (README, "Docker Compose")';

/** `require(name)` of an npm dependency, or a ServiceError that says to run `npm ci`. */
function requireDependency(name) {
  try {
    return require(name);
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND') throw error;
    throw new ServiceError(
      `the \`${name}\` package is not installed (node_modules is missing): run \`npm ci\` first`,
    );
  }
}

module.exports = { ServiceError, DOCKER_HINT, requireDependency };
