import { connect, type TestSocket } from './live';
import { startInstances, type TestApp } from './test-app';
import type { UserSession } from './user-session';

/** The app instances of a describe block and the sockets its tests open on them. */
export interface Instances {
  /** Filled before the block's first test, in start order. */
  readonly apps: TestApp[];
  /** Opens a socket on `app` for `session`; it is closed after the test. */
  open(app: TestApp, session: UserSession | null): Promise<TestSocket>;
  /** Closes every socket opened so far (for tests that run several trials). */
  closeSockets(): void;
}

/**
 * Registers the hooks of a describe block that runs against `count` instances (see
 * startInstances): they start before its tests, sockets opened with `open` close after each
 * test, the instances close after the block.
 */
export function useInstances(count: number, overrides: Record<string, string> = {}): Instances {
  const apps: TestApp[] = [];
  const sockets: TestSocket[] = [];
  const closeSockets = () => {
    for (const socket of sockets.splice(0)) socket.close();
  };
  beforeAll(async () => {
    apps.push(...(await startInstances(count, overrides)));
  });
  afterEach(closeSockets);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });
  return {
    apps,
    closeSockets,
    async open(app, session) {
      const socket = await connect(app.url, session);
      sockets.push(socket);
      return socket;
    },
  };
}
