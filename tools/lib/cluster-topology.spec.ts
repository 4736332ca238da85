import { formatNodeList, groupTopology, parseClusterNodes, parseNodeList, servesSlot } from '.';

/** CLUSTER NODES parsing and grouping, on a captured answer (no server needed). */
const SAMPLE = [
  'a1 127.0.0.1:7100@17100 myself,master - 0 0 1 connected 0-5460',
  'b2 127.0.0.1:7101@17101 master - 0 1 2 connected 5461-10922 [5461->-c3]',
  'c3 127.0.0.1:7102@17102,host master,fail - 1 1 3 disconnected',
  'd4 127.0.0.1:7103@17103 slave a1 0 1 1 connected',
  'e4 127.0.0.1:7104@17104 master - 0 1 4 connected 10923 10924-16383',
  'f5 :0@0 master,noaddr - 1 1 3 disconnected',
  'g6 127.0.0.1:7105@17105 slave e4 0 1 4 connected',
].join('\n');

describe('CLUSTER NODES', () => {
  const nodes = parseClusterNodes(SAMPLE);

  it('reads address, role, primary, flags and slot ranges of every line', () => {
    expect(nodes).toHaveLength(7);
    expect(nodes[0]).toMatchObject({
      id: 'a1',
      host: '127.0.0.1',
      port: 7100,
      busPort: 17100,
      myself: true,
      role: 'primary',
      primaryId: null,
      failing: false,
      connected: true,
      slots: [[0, 5460]],
    });
    expect(nodes[1].slots).toEqual([[5461, 10922]]);
    expect(nodes[2]).toMatchObject({ port: 7102, failing: true, connected: false, slots: [] });
    expect(nodes[3]).toMatchObject({ role: 'replica', primaryId: 'a1' });
    expect(nodes[4].slots).toEqual([
      [10923, 10923],
      [10924, 16383],
    ]);
    expect(nodes[5]).toMatchObject({ host: '', port: 0 });
  });

  it('groups the primaries that serve slots with their replicas, in slot order', () => {
    const primaries = groupTopology(nodes);
    expect(primaries.map((primary) => primary.port)).toEqual([7100, 7101, 7104]);
    expect(primaries.map((primary) => primary.replicas.map((r) => r.port))).toEqual([
      [7103],
      [],
      [7105],
    ]);
    expect(servesSlot(primaries[2], 10923)).toBe(true);
    expect(servesSlot(primaries[2], 5460)).toBe(false);
  });
});

describe('node lists', () => {
  it('round-trips host:port lists, IPv6 in brackets', () => {
    const value = '127.0.0.1:7100,[::1]:7101';
    expect(parseNodeList(value)).toEqual([
      { host: '127.0.0.1', port: 7100 },
      { host: '::1', port: 7101 },
    ]);
    expect(formatNodeList(parseNodeList(value))).toBe(value);
    expect(() => parseNodeList('127.0.0.1')).toThrow(/host:port/);
  });
});
