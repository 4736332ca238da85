import type { LoggerService } from '@nestjs/common';
import { ShutdownState } from '../modules/health/shutdown-state';
import { installGracefulShutdown } from './shutdown';

/** The signal handling of shutdown.ts with a stand-in app whose close() the test controls. */
describe('installGracefulShutdown', () => {
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  function setUp(options: { graceMs: number; delayMs: number }, close: () => Promise<void>) {
    const state = new ShutdownState();
    const lines: string[] = [];
    const logger = {
      log: (message: string) => lines.push(message),
      error: (message: string) => lines.push(message),
      warn: (message: string) => lines.push(message),
    } as LoggerService;
    const exits: number[] = [];
    let exited: (code: number) => void = () => undefined;
    const exitedOnce = new Promise<number>((resolve) => (exited = resolve));
    const closeCalls: number[] = [];
    const app = {
      get: () => state,
      close: () => {
        closeCalls.push(Date.now());
        return close();
      },
    } as never;
    uninstall = installGracefulShutdown(app, logger, options, (code) => {
      exits.push(code);
      exited(code);
    });
    return { state, lines, exits, exitedOnce, closeCalls };
  }

  it('turns unready, closes the app and exits 0, logging each phase', async () => {
    const t = setUp({ graceMs: 5000, delayMs: 0 }, async () => undefined);
    process.emit('SIGTERM', 'SIGTERM');
    expect(t.state.draining).toBe(true);
    expect(await t.exitedOnce).toBe(0);
    expect(t.closeCalls).toHaveLength(1);
    expect(t.lines[0]).toMatch(/^shutdown: SIGTERM received; \/health\/ready answers 503/);
    expect(t.lines).toContain(
      'shutdown: stop accepting; draining, then closing servers and connections',
    );
    expect(t.lines.at(-1)).toMatch(/^shutdown: done in \d+ ms$/);
  });

  it('keeps serving for the delay before it closes', async () => {
    const t = setUp({ graceMs: 5000, delayMs: 200 }, async () => undefined);
    const signalledAt = Date.now();
    process.emit('SIGINT', 'SIGINT');
    expect(t.closeCalls).toHaveLength(0);
    expect(await t.exitedOnce).toBe(0);
    expect(t.closeCalls[0] - signalledAt).toBeGreaterThanOrEqual(190);
  });

  it('exits 1 when the budget runs out', async () => {
    const t = setUp({ graceMs: 100, delayMs: 0 }, () => new Promise(() => undefined));
    process.emit('SIGTERM', 'SIGTERM');
    expect(await t.exitedOnce).toBe(1);
    expect(t.lines.at(-1)).toMatch(/budget of 100 ms \(SHUTDOWN_GRACE_SECONDS\) ran out/);
  });

  it('takes the same signal delivered twice at once as one', async () => {
    const t = setUp({ graceMs: 60_000, delayMs: 0 }, async () => undefined);
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');
    expect(await t.exitedOnce).toBe(0);
    expect(t.exits).toEqual([0]);
  });

  it('exits 1 at once on a second signal', async () => {
    const t = setUp({ graceMs: 60_000, delayMs: 0 }, () => new Promise(() => undefined));
    process.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 400));
    process.emit('SIGINT', 'SIGINT');
    expect(await t.exitedOnce).toBe(1);
    expect(t.lines.at(-1)).toMatch(/second signal \(SIGINT\)/);
  });

  it('exits 1 when closing fails', async () => {
    const t = setUp({ graceMs: 5000, delayMs: 0 }, async () => {
      throw new Error('boom');
    });
    process.emit('SIGTERM', 'SIGTERM');
    expect(await t.exitedOnce).toBe(1);
    expect(t.lines.at(-1)).toMatch(/closing failed: boom/);
  });
});
