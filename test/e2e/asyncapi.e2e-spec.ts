import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { CLIENT_EVENTS, SERVER_EVENTS } from '@llms/contract';
import { withServerHost } from '../../src/modules/docs/asyncapi-document';
import type { Json } from '../support/json';
import {
  connect,
  emitAck,
  eventually,
  record,
  refusal,
  students,
  teacherWithClass,
  type TestSocket,
} from '../support/live';
import { startTestApp, testEnv, type TestApp } from '../support/test-app';
import { UserSession } from '../support/user-session';

/**
 * docs/asyncapi.yaml against the running app: it is served at /docs/asyncapi.yaml and linked
 * from the OpenAPI document, and every ack and server message the app really sends, success
 * and failure alike, matches the schema the document gives for it.
 */
const FILE = join(__dirname, '..', '..', 'docs', 'asyncapi.yaml');
const COMMENTS_PER_MINUTE = 3;

describe('AsyncAPI document vs the real channel (e2e)', () => {
  let t: TestApp;
  let doc: Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    const parsed = await new Parser().parse(readFileSync(FILE, 'utf8'));
    doc = parsed.document?.json();
    t = await startTestApp(
      testEnv({
        PARTICIPANT_COUNT_INTERVAL_MS: '50',
        COMMENT_RATE_LIMIT_PER_MINUTE: String(COMMENTS_PER_MINUTE),
      }),
    );
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await t.close();
  });

  const open = async (session: UserSession) => {
    const socket = await connect(t.url, session);
    sockets.push(socket);
    return socket;
  };

  /** Asserts that `value` matches the schema, listing every mismatch otherwise. */
  function expectConforms(schema: Json, value: unknown, what: string) {
    const validate = ajv.compile(schema);
    const ok = validate(value);
    expect({
      what,
      value,
      errors: ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n'),
    }).toEqual({
      what,
      value,
      errors: [],
    });
  }

  const operationFor = (action: 'send' | 'receive', event: string) => {
    const found = Object.values(doc.operations as Record<string, Json>).find(
      (operation) => operation.action === action && operation.messages[0].name === event,
    );
    if (!found) throw new Error(`the document has no ${action} operation for ${event}`);
    return found;
  };

  /** Emits a client event and checks its ack against the operation's reply schema. */
  async function ackConforms(
    socket: TestSocket,
    event: string,
    payload: unknown,
    expectedCode?: string,
  ) {
    const ack = await emitAck(socket, event, payload);
    const schema =
      event in CLIENT_EVENTS
        ? operationFor('receive', event).reply.messages[0].payload
        : doc.components.schemas.UnknownEventFailure;
    expectConforms(schema, ack, `${event} ack`);
    if (expectedCode) expect(ack.error?.code).toBe(expectedCode);
    else expect(ack.success).toBe(true);
    return ack;
  }

  const messageConforms = (event: string, message: unknown) =>
    expectConforms(operationFor('send', event).messages[0].payload, message, event);

  it('serves the document at /docs/asyncapi.yaml without sign-in, its server host taken from PUBLIC_URL', async () => {
    expect(doc).toBeDefined();
    const response = await fetch(`${t.url}/docs/asyncapi.yaml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/yaml/);
    const served = await response.text();
    expect(served).toBe(withServerHost(readFileSync(FILE, 'utf8'), t.url));
    const parsed = await new Parser().parse(served);
    expect(parsed.document?.servers().get('llms')?.host()).toBe(new URL(t.url).host);
  });

  it('renders it as a page at /docs/asyncapi from local files, linked from the OpenAPI document', async () => {
    const page = await fetch(`${t.url}/docs/asyncapi`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    const local = sources.filter((source) => source.startsWith('/docs/asyncapi/'));
    expect(local.length).toBeGreaterThanOrEqual(3);
    expect(sources.every((source) => source.startsWith('/') || source.startsWith('data:'))).toBe(
      true,
    );
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    for (const source of local) {
      const asset = await fetch(`${t.url}${source}`);
      expect({ source, status: asset.status }).toEqual({ source, status: 200 });
      expect(asset.headers.get('content-type')).toMatch(/^text\/(javascript|css)/);
    }
    expect((await fetch(`${t.url}/docs/asyncapi/other.js`)).status).toBe(404);
    const openApi: Json = await (await fetch(`${t.url}/docs-json`)).json();
    expect(openApi.externalDocs?.url).toBe('/docs/asyncapi');
    expect(openApi.info.description).toContain('(/docs/asyncapi)');
    expect(openApi.info.description).toContain('(/docs/asyncapi.yaml)');
  });

  it('refuses handshakes with the documented connect_error', async () => {
    const user = await UserSession.register(t.url);
    const schema = operationFor('send', 'connect_error').messages[0].payload;
    const wrongOrigin = await refusal(t.url, user, { origin: 'http://evil.example' });
    expectConforms(
      schema,
      { message: wrongOrigin.message, data: wrongOrigin.data },
      'connect_error',
    );
    expect(wrongOrigin.data?.code).toBe('ORIGIN_NOT_ALLOWED');
    const anonymous = await refusal(t.url, null);
    expectConforms(schema, { message: anonymous.message, data: anonymous.data }, 'connect_error');
    expect(anonymous.data?.code).toBe('UNAUTHENTICATED');
  });

  it('answers every client event, success and failure, as the document says', async () => {
    const { teacher, classId, cls } = await teacherWithClass(t.url, { capacity: 1, start: true });
    const joinCode = cls.joinCode as string;
    const [alice, bob] = await students(t.url, 2);
    const teacherSocket = await open(teacher);
    const counts = record(teacherSocket, SERVER_EVENTS.PARTICIPANT_COUNT);
    const comments = record(teacherSocket, SERVER_EVENTS.COMMENT);
    const ended = record(teacherSocket, SERVER_EVENTS.CLASS_ENDED);
    const [aliceTab1, aliceTab2, bobSocket] = [
      await open(alice),
      await open(alice),
      await open(bob),
    ];

    // JOIN_CLASS
    await ackConforms(aliceTab1, CLIENT_EVENTS.JOIN_CLASS, { classId, joinCode });
    const again = await ackConforms(aliceTab2, CLIENT_EVENTS.JOIN_CLASS, { classId, joinCode });
    expect(again.data.participantCount).toBe(1);
    await ackConforms(bobSocket, CLIENT_EVENTS.JOIN_CLASS, { classId, joinCode }, 'CLASS_FULL');
    await ackConforms(
      teacherSocket,
      CLIENT_EVENTS.JOIN_CLASS,
      { classId, joinCode },
      'ALREADY_ACTIVE',
    );
    await ackConforms(
      bobSocket,
      CLIENT_EVENTS.JOIN_CLASS,
      { classId: 'nope' },
      'VALIDATION_FAILED',
    );
    await ackConforms(
      bobSocket,
      CLIENT_EVENTS.JOIN_CLASS,
      { classId, extra: 1 },
      'VALIDATION_FAILED',
    );
    await ackConforms(
      bobSocket,
      CLIENT_EVENTS.JOIN_CLASS,
      { classId: '0123456789abcdef01234567', joinCode },
      'CLASS_NOT_FOUND',
    );
    await ackConforms(
      bobSocket,
      CLIENT_EVENTS.JOIN_CLASS,
      { classId, joinCode: 'ZZZZZZZZZZ' },
      'CLASS_NOT_FOUND',
    );
    await eventually(() => counts.length > 0, 5000, 'PARTICIPANT_COUNT');
    messageConforms(SERVER_EVENTS.PARTICIPANT_COUNT, counts.at(-1));

    // HEARTBEAT
    const beat = await ackConforms(aliceTab1, CLIENT_EVENTS.HEARTBEAT, {});
    expect(beat.data.ttlSeconds).toBeGreaterThanOrEqual(3);
    await ackConforms(teacherSocket, CLIENT_EVENTS.HEARTBEAT, {});
    await ackConforms(bobSocket, CLIENT_EVENTS.HEARTBEAT, 'not an object', 'VALIDATION_FAILED');

    // COMMENT, from a participant and from the teacher; the rate limit counts per user.
    await ackConforms(aliceTab1, CLIENT_EVENTS.COMMENT, { classId, text: '  hello  ' });
    await ackConforms(teacherSocket, CLIENT_EVENTS.COMMENT, { classId, text: 'welcome' });
    await eventually(() => comments.length === 2, 5000, 'two COMMENT broadcasts');
    for (const comment of comments) messageConforms(SERVER_EVENTS.COMMENT, comment);
    await ackConforms(
      bobSocket,
      CLIENT_EVENTS.COMMENT,
      { classId, text: 'let me in' },
      'NOT_IN_CLASS',
    );
    await ackConforms(
      aliceTab1,
      CLIENT_EVENTS.COMMENT,
      { classId, text: '   ' },
      'VALIDATION_FAILED',
    );
    await ackConforms(
      aliceTab1,
      CLIENT_EVENTS.COMMENT,
      { classId, text: 'x'.repeat(501) },
      'VALIDATION_FAILED',
    );
    for (let i = 1; i < COMMENTS_PER_MINUTE; i++)
      await ackConforms(aliceTab2, CLIENT_EVENTS.COMMENT, { classId, text: `more ${i}` });
    await ackConforms(
      aliceTab2,
      CLIENT_EVENTS.COMMENT,
      { classId, text: 'one too many' },
      'RATE_LIMITED',
    );

    // Any other event name with an ack.
    await ackConforms(bobSocket, 'NOT_AN_EVENT', {}, 'VALIDATION_FAILED');

    // LEAVE_CLASS: the first tab leaves, the user stays in through the second.
    await ackConforms(aliceTab1, CLIENT_EVENTS.LEAVE_CLASS, { classId });
    await ackConforms(aliceTab1, CLIENT_EVENTS.LEAVE_CLASS, { classId }, 'NOT_IN_CLASS');
    await ackConforms(bobSocket, CLIENT_EVENTS.LEAVE_CLASS, {}, 'VALIDATION_FAILED');
    const late = await ackConforms(aliceTab1, CLIENT_EVENTS.JOIN_CLASS, { classId, joinCode });
    expect(late.data.recentComments.length).toBeGreaterThanOrEqual(2);

    // CLASS_ENDED, then the documented answers of a socket that was in the class.
    expect((await teacher.post(`/api/classes/${classId}/end`)).status).toBe(200);
    await eventually(() => ended.length === 1, 5000, 'CLASS_ENDED');
    messageConforms(SERVER_EVENTS.CLASS_ENDED, ended[0]);
    await ackConforms(aliceTab2, CLIENT_EVENTS.HEARTBEAT, {}, 'NOT_IN_CLASS');
    await ackConforms(aliceTab2, CLIENT_EVENTS.JOIN_CLASS, { classId, joinCode }, 'CLASS_NOT_LIVE');
  });
});
