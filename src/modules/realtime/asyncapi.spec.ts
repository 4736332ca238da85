import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Diagnostic } from '@asyncapi/parser';
import {
  CLASS_STATUSES,
  CLIENT_EVENTS,
  COMMENT_MAX_LENGTH,
  ERROR_CODES,
  RECENT_COMMENTS_KEPT,
  SERVER_EVENTS,
  SESSION_END_REASONS,
  SOCKET_PATH,
  COMMENT_AUTHOR_ROLES,
} from '@llms/contract';

/**
 * docs/asyncapi.yaml is valid AsyncAPI (the official parser, with its Spectral rules, which also
 * check every example against its schema) and says what libs/contract says: the same event
 * names, the socket path, limits, and only error codes that exist.
 */
const FILE = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');

/** Spectral severities: 0 error, 1 warning, 2 information, 3 hint. */
const problems = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.severity <= 1)
    .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);

// A loose view of the parsed (dereferenced) JSON; the assertions below check the shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

interface Operation {
  id: string;
  action: 'send' | 'receive';
  event: string;
  /** Error codes the ack's failure branch allows (none for server events). */
  ackCodes: string[] | null;
}

/** Every `enum` under a property named `code`, wherever it sits in the document. */
function codeEnums(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => codeEnums(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'code' && Array.isArray((value as Doc)?.enum)) found.push(...(value as Doc).enum);
      codeEnums(value, found);
    }
  }
  return found;
}

function operationsOf(doc: Doc): Operation[] {
  return Object.entries(doc.operations as Record<string, Doc>).map(([id, operation]) => {
    expect(operation.messages).toHaveLength(1);
    const ack = operation.reply?.messages?.[0]?.payload as Doc | undefined;
    return {
      id,
      action: operation.action,
      event: operation.messages[0].name,
      ackCodes: ack ? [...new Set(codeEnums(ack))] : null,
    };
  });
}

describe('docs/asyncapi.yaml', () => {
  const source = readFileSync(FILE, 'utf8');
  let doc: Doc;
  let operations: Operation[];

  beforeAll(async () => {
    const { document, diagnostics } = await new Parser().parse(source, { source: FILE });
    expect(problems(diagnostics)).toEqual([]);
    expect(document).toBeDefined();
    doc = document!.json() as Doc;
    operations = operationsOf(doc);
  });

  it('is AsyncAPI 3 describing Socket.IO on the contract path with cookie auth', () => {
    expect(doc.asyncapi).toMatch(/^3\./);
    const servers = Object.values(doc.servers as Record<string, Doc>);
    expect(servers.map((server) => server.pathname)).toEqual([SOCKET_PATH]);
    expect(doc.components.securitySchemes.accessTokenCookie).toMatchObject({
      type: 'httpApiKey',
      in: 'cookie',
      name: 'access_token',
    });
    expect(doc.channels.classroom.bindings.ws.headers.required).toEqual(
      expect.arrayContaining(['Origin', 'Cookie']),
    );
  });

  it('documents every client event as a receive operation with an ack, and nothing else', () => {
    const received = operations.filter((o) => o.action === 'receive');
    expect(received.map((o) => o.event).sort()).toEqual(Object.values(CLIENT_EVENTS).sort());
    for (const operation of received) expect(operation.ackCodes).not.toBeNull();
  });

  it('documents every server event as a send operation, plus the handshake refusal', () => {
    const sent = operations.filter((o) => o.action === 'send');
    expect(sent.map((o) => o.event).sort()).toEqual(
      [...Object.values(SERVER_EVENTS), 'connect_error'].sort(),
    );
    for (const operation of sent) expect(operation.ackCodes).toBeNull();
  });

  it('names only error codes of ERROR_CODES', () => {
    const named = new Set(codeEnums(doc));
    expect(named.size).toBeGreaterThan(5);
    const known = new Set<string>(ERROR_CODES);
    expect([...named].filter((code) => !known.has(code))).toEqual([]);
    // Codes in prose too: every backticked UPPER_CASE word is a code, an event, a class status
    // or a setting (`PRESENCE_TTL_SECONDS`), so a misspelt or invented code cannot hide there.
    const words = [...source.matchAll(/`([A-Z][A-Z_]{3,})`/g)].map((m) => m[1]);
    const other = new Set<string>([
      ...Object.values(CLIENT_EVENTS),
      ...Object.values(SERVER_EVENTS),
      ...CLASS_STATUSES,
      ...SESSION_END_REASONS,
      ...COMMENT_AUTHOR_ROLES,
    ]);
    const setting = /_(MS|SECONDS|MINUTE|URL|ORIGINS|EVENTS|CODES|PER_USER)$/;
    expect(words.filter((w) => !known.has(w) && !other.has(w) && !setting.test(w))).toEqual([]);
  });

  it('lists the error codes each event answers with', () => {
    const codes = (event: string) =>
      operations.find((o) => o.action === 'receive' && o.event === event)?.ackCodes;
    expect(codes(CLIENT_EVENTS.JOIN_CLASS)).toEqual(
      expect.arrayContaining([
        'CLASS_NOT_FOUND',
        'CLASS_NOT_LIVE',
        'CLASS_FULL',
        'ALREADY_ACTIVE',
        'VALIDATION_FAILED',
      ]),
    );
    expect(codes(CLIENT_EVENTS.LEAVE_CLASS)).toEqual(expect.arrayContaining(['NOT_IN_CLASS']));
    expect(codes(CLIENT_EVENTS.HEARTBEAT)).toEqual(expect.arrayContaining(['NOT_IN_CLASS']));
    expect(codes(CLIENT_EVENTS.COMMENT)).toEqual(
      expect.arrayContaining(['NOT_IN_CLASS', 'VALIDATION_FAILED', 'RATE_LIMITED']),
    );
    expect(codeEnums(doc.components.schemas.UnknownEventFailure)).toEqual([
      'VALIDATION_FAILED',
      'RATE_LIMITED',
    ]);
    expect(codeEnums(doc.components.schemas.ConnectError).sort()).toEqual([
      'ORIGIN_NOT_ALLOWED',
      'TOO_MANY_CONNECTIONS',
      'UNAUTHENTICATED',
    ]);
  });

  it('states the contract limits', () => {
    const { schemas } = doc.components;
    expect(schemas.CommentMessage.properties.text.maxLength).toBe(COMMENT_MAX_LENGTH);
    expect(schemas.JoinClassResult.properties.recentComments.maxItems).toBe(RECENT_COMMENTS_KEPT);
  });

  it('is checked by a validator that does reject broken documents', async () => {
    const broken = source
      .replace('\n    action: receive\n', '\n    action: listen\n')
      .replace('count: 42', 'count: forty-two');
    const { document, diagnostics } = await new Parser().parse(broken);
    expect(document).toBeUndefined();
    const found = problems(diagnostics).join('\n');
    expect(found).toMatch(/action/);
  });
});
