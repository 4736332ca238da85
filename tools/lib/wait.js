'use strict';
/** Waiting, bounded: `sleep`, `waitFor` (poll until a check holds) and `waitForHttp`. */

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` (sync or async; a throw counts as false) every `intervalMs` until it is truthy,
 * and resolves its value; rejects with `what` after `timeoutMs`. `output()` adds recent server
 * output to the error, `alive()` stops early when the awaited process has died, `errorType` is
 * the class of the error thrown (default Error).
 */
async function waitFor(
  check,
  {
    timeoutMs = 30_000,
    intervalMs = 100,
    what = 'condition',
    output,
    alive,
    errorType = Error,
  } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value;
    try {
      value = await check();
    } catch {
      value = false;
    }
    if (value) return value;
    const dead = alive && !alive();
    if (dead || Date.now() >= deadline) {
      const why = dead ? 'exited before it was ready' : `not ready after ${timeoutMs} ms`;
      const tail = output ? `:\n${output()}` : '';
      throw new errorType(`${what} ${why}${tail}`);
    }
    await sleep(intervalMs);
  }
}

/** `GET url` answers `status` (default 200) within the timeout. */
function waitForHttp(url, options = {}) {
  const { status = 200, ...rest } = options;
  const answers = async () =>
    (await fetch(url, { signal: AbortSignal.timeout(2000) })).status === status;
  return waitFor(answers, { what: url, ...rest });
}

module.exports = { sleep, waitFor, waitForHttp };
