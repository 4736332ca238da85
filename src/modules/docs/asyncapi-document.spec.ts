import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { findAsyncApiFile, withServerHost } from './asyncapi-document';

describe('withServerHost', () => {
  const file = findAsyncApiFile()!;
  const original = readFileSync(file, 'utf8');

  it('points every server of docs/asyncapi.yaml at PUBLIC_URL, ws for http', () => {
    const served = parse(withServerHost(original, 'http://127.0.0.1:8080'));
    const servers = Object.values(served.servers) as { host: string; protocol: string }[];
    expect(servers.length).toBeGreaterThan(0);
    for (const server of servers)
      expect(server).toMatchObject({ host: '127.0.0.1:8080', protocol: 'ws' });
  });

  it('uses wss and the default port of an https PUBLIC_URL', () => {
    const served = parse(withServerHost(original, 'https://live.school.example'));
    for (const server of Object.values(served.servers) as object[])
      expect(server).toMatchObject({ host: 'live.school.example', protocol: 'wss' });
  });

  it('changes nothing outside the servers block', () => {
    const served = withServerHost(original, 'https://live.school.example');
    const changed = served
      .split('\n')
      .map((line, i) => [line, original.split('\n')[i]])
      .filter(([after, before]) => after !== before);
    expect(changed.length).toBeGreaterThan(0);
    for (const [after] of changed) expect(after).toMatch(/^\s+(host|protocol): /);
    expect(parse(served).operations).toEqual(parse(original).operations);
  });

  it('leaves host keys elsewhere alone', () => {
    const yaml =
      'info:\n  host: keep\nservers:\n  a:\n    host: old:1\n    protocol: ws\nchannels:\n  c:\n    host: keep\n';
    expect(withServerHost(yaml, 'https://new.example')).toBe(
      'info:\n  host: keep\nservers:\n  a:\n    host: new.example\n    protocol: wss\nchannels:\n  c:\n    host: keep\n',
    );
  });
});
