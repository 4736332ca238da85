import type { INestApplication, LoggerService } from '@nestjs/common';
import { ShutdownState } from '../modules/health/shutdown-state';

/**
 * Graceful shutdown on SIGTERM (Docker, Kubernetes) and SIGINT (Ctrl-C), in this order:
 *
 *   1. The first signal: `ShutdownState.begin()`, so `/health/ready` answers 503 at once.
 *      Logged "shutdown: SIGTERM received ...".
 *   2. SHUTDOWN_DELAY_SECONDS (default 0) of serving on as usual, so load balancers that poll
 *      readiness take the instance out before it stops answering. Kubernetes does this with the
 *      pod's preStop sleep instead (deploy/kubernetes), before it sends SIGTERM.
 *   3. "shutdown: stop accepting", then `app.close()`, which runs Nest's hooks in this order:
 *      a. `onModuleDestroy`
 *      b. `beforeApplicationShutdown`: THE place for draining work. The HTTP and Socket.IO servers
 *         still run and Redis and MongoDB are still connected. Realtime tells its sockets to
 *         reconnect elsewhere and finishes the acks in flight; presence flushes batched work and
 *         leaves state the other instances' sweepers can finish; the sweeper finishes its pass.
 *      c. the Socket.IO server closes (its sockets disconnect; clients reconnect to another
 *         instance), then the HTTP server closes after the requests in flight are answered.
 *      d. `onApplicationShutdown`: Redis and MongoDB connections close.
 *   4. "shutdown: done in N ms", exit code 0.
 *
 * SHUTDOWN_GRACE_SECONDS (default 20) bounds steps 1 to 4: when it runs out, or a second signal
 * arrives (more than 300 ms after the first), the process logs why and exits with code 1 at once. Kubernetes'
 * terminationGracePeriodSeconds must cover the preStop sleep plus this budget.
 */
export interface ShutdownOptions {
  graceMs: number;
  delayMs: number;
}

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
const CONTEXT = 'Shutdown';
/** A signal this soon after the first is the same one delivered twice, not a second request. */
const SAME_SIGNAL_WINDOW_MS = 300;

/** Installs the handlers; returns a function that removes them (for tests). */
export function installGracefulShutdown(
  app: Pick<INestApplication, 'get' | 'close'>,
  logger: LoggerService,
  options: ShutdownOptions,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const state = app.get(ShutdownState);
  let budget: NodeJS.Timeout | undefined;
  const elapsed = () => Date.now() - (state.since ?? Date.now());
  const forceExit = (why: string) => {
    logger.error(`shutdown: ${why}; exiting now after ${elapsed()} ms`, CONTEXT);
    exit(1);
  };

  async function drain(signal: NodeJS.Signals): Promise<void> {
    state.begin(signal);
    budget = setTimeout(
      () => forceExit(`the budget of ${options.graceMs} ms (SHUTDOWN_GRACE_SECONDS) ran out`),
      options.graceMs,
    );
    logger.log(
      `shutdown: ${signal} received; /health/ready answers 503 (budget ${options.graceMs} ms)`,
      CONTEXT,
    );
    if (options.delayMs > 0) {
      logger.log(
        `shutdown: serving on for ${options.delayMs} ms (SHUTDOWN_DELAY_SECONDS)`,
        CONTEXT,
      );
      await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    }
    logger.log('shutdown: stop accepting; draining, then closing servers and connections', CONTEXT);
    try {
      await app.close();
    } catch (error) {
      clearTimeout(budget);
      return forceExit(`closing failed: ${(error as Error).message}`);
    }
    clearTimeout(budget);
    logger.log(`shutdown: done in ${elapsed()} ms`, CONTEXT);
    exit(0);
  }

  const onSignal = (signal: NodeJS.Signals) => {
    // Ctrl-C under `npm start` can arrive twice at once: from the terminal, and forwarded by npm
    // where `sh -c` execs node (bash does). A person's second Ctrl-C comes later than that.
    if (state.draining && elapsed() < SAME_SIGNAL_WINDOW_MS) return;
    if (state.draining) return forceExit(`second signal (${signal})`);
    void drain(signal);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    clearTimeout(budget);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
}
