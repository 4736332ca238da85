import { connect, refusal, sleep } from '../support/live';
import { spawnApp, type ChildServer } from '../support/processes';
import { freePort, testEnv } from '../support/test-app';
import { UserSession } from '../support/user-session';

/**
 * A newcomer's first run, on the built app as `npm start` runs it: PUBLIC_URL says localhost,
 * CORS_ORIGINS is unset, and the browser is opened at http://127.0.0.1 instead (or the reverse).
 * Both spellings work; a foreign origin is refused with one log line that says what to change;
 * the app announces where it is ready.
 */
describe('first run: origins and the ready line (e2e)', () => {
  let app: ChildServer;
  let port: number;
  let student: UserSession;

  beforeAll(async () => {
    port = await freePort();
    const env = testEnv({ LOG_LEVEL: 'info', PUBLIC_URL: `http://localhost:${port}` });
    delete env.CORS_ORIGINS;
    app = await spawnApp({ ...env, PORT: String(port) });
    student = await UserSession.register(app.url, { name: 'Newcomer' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('says where it is ready, with the public URL', () => {
    expect(app.output()).toContain(`LLMS ready at http://localhost:${port} (API docs at /docs)`);
  });

  it.each(['localhost', '127.0.0.1', '[::1]'])(
    'accepts sockets and CORS from http://%s on the same port',
    async (host) => {
      const origin = `http://${host}:${port}`;
      const socket = await connect(app.url, student, { origin });
      expect(socket.connected).toBe(true);
      socket.close();
      const res = await fetch(`${app.url}/health/live`, { headers: { origin } });
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    },
  );

  it('refuses another origin, and logs it once, naming CORS_ORIGINS', async () => {
    const origin = 'http://lms.example.test';
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await refusal(app.url, student, { origin });
      expect(error.message).toBeTruthy();
    }
    await sleep(200);
    const lines = app
      .output()
      .split('\n')
      .filter((line) => line.includes('Refused origin') && line.includes(origin));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('CORS_ORIGINS');
    expect(lines[0]).toContain(`http://localhost:${port}`);
  });
});
