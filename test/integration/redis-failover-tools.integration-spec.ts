import { Cluster } from 'ioredis';
import {
  clusterTopology,
  findRedisCli,
  findRedisServer,
  killNode,
  primaryForKey,
  restartNode,
  startCluster,
  stopCluster,
  waitForFailover,
  withRedis,
  type LocalCluster,
} from '../../tools/lib';

/**
 * The failover helpers on a real 6-node Redis Cluster of this spec's own (free ports, 2 s node
 * timeout): kill the primary of a key with SIGKILL, wait until its replica is promoted, write the
 * key again, restart the killed node and see it rejoin as a replica.
 */
const runnable = Boolean(findRedisServer() && findRedisCli());
if (!runnable)
  console.warn(
    'redis-failover-tools.integration-spec: SKIPPED, redis-server / redis-cli not installed',
  );

(runnable ? describe : describe.skip)('Redis Cluster failover helpers', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startCluster({ primaries: 3, replicasPerPrimary: 1, nodeTimeoutMs: 2000 });
  }, 20_000);

  afterAll(async () => {
    if (cluster) await stopCluster(cluster, { removeData: true });
  }, 15_000);

  it('lists 3 primaries, each with one replica, serving all 16384 slots', async () => {
    const { primaries } = await clusterTopology(cluster);
    expect(primaries).toHaveLength(3);
    expect(primaries.map((primary) => primary.replicas.length)).toEqual([1, 1, 1]);
    const slots = primaries
      .flatMap((primary) => primary.slots)
      .reduce((sum, [start, end]) => sum + end - start + 1, 0);
    expect(slots).toBe(16384);
  });

  it('promotes the replica of a killed primary, serves the key again, and the node rejoins', async () => {
    const key = 'failover:{probe}';
    const before = await primaryForKey(cluster, key);
    const replica = before.primary.replicas[0];
    // The write reaches the replica before the crash (WAIT), so the promoted node has it.
    await withRedis(before.primary, async (client) => {
      await client.set(key, 'before');
      expect(await client.wait(1, 2000)).toBe(1);
    });

    const killed = await killNode(cluster, before.primary);
    const failover = await waitForFailover(cluster, killed, { timeoutMs: 12_000 });
    console.log(`redis-failover-tools: failover took ${failover.tookMs} ms`);
    expect(failover.primary).toMatchObject({ host: replica.host, port: replica.port });

    const after = await primaryForKey(cluster, key);
    expect(after.slot).toBe(before.slot);
    expect(after.primary.port).toBe(replica.port);
    const alive = cluster.nodes.filter((node) => node.port !== killed.port);
    const client = new Cluster(alive, { clusterRetryStrategy: () => null });
    try {
      expect(await client.get(key)).toBe('before');
      await client.set(key, 'after');
      expect(await client.get(key)).toBe('after');
    } finally {
      await client.quit();
    }

    const rejoined = await restartNode(cluster, killed, { timeoutMs: 12_000 });
    expect(rejoined.primary).toMatchObject({ port: replica.port });
    const { primaries } = await clusterTopology(cluster);
    const promoted = primaries.find((primary) => primary.port === replica.port);
    expect(promoted?.replicas.map((node) => node.port)).toEqual([killed.port]);
  }, 30_000);
});
