/**
 * The run's user accounts, registered through REST (`POST /api/auth/register`, as a browser does)
 * and cached between runs, because argon2id makes each registration cost ~25 ms of server CPU:
 * 10,000 accounts take minutes on this box, every time.
 *
 * The cache is a MongoDB database of its own (`llms_bench_accounts`) plus
 * `.data/bench/accounts.json` (the secrets the tokens were signed with, and each account's id,
 * access token and CSRF token; access tokens live 30 days). Each run copies that database into a
 * throwaway one (`llms_bench_<run id>`, dropped at the end), so runs never see each other's classes.
 * The cache is checked on every run (the first and last accounts must still be recognised by the
 * build under test) and rebuilt from scratch when it is not, when it is older than 7 days, or with
 * `--fresh-accounts`. Missing accounts are registered and appended.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../tools/lib/index.js';
import { api, llmsEnv, startLlms, stopInstances } from './llms.mjs';
import { log } from './proc.mjs';

const CACHE_FILE = path.join(ROOT, '.data', 'bench', 'accounts.json');
const CACHE_DB = 'llms_bench_accounts';
const MAX_AGE_MS = 7 * 24 * 3600_000;
export const ACCESS_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const PASSWORD = 'correct horse battery staple';
const REGISTER_CONCURRENCY = 8;

function dbUri(baseUri, name) {
  const url = new URL(baseUri);
  url.pathname = `/${name}`;
  return url.toString();
}

async function mongoClient(uri) {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  return client;
}

export async function dropDatabase(uri) {
  let client;
  try {
    client = await mongoClient(uri);
    await client.db().dropDatabase();
  } catch (error) {
    log(`could not drop ${new URL(uri).pathname.slice(1)}: ${error.message}`);
  } finally {
    await client?.close();
  }
}

/** Copies every collection (documents and indexes) of database `from` into `to`. */
async function copyDatabase(baseUri, from, to) {
  const client = await mongoClient(baseUri);
  try {
    const source = client.db(from);
    const target = client.db(to);
    for (const { name } of await source.listCollections({}, { nameOnly: true }).toArray()) {
      const collection = target.collection(name);
      let batch = [];
      for await (const doc of source.collection(name).find({}).batchSize(1000)) {
        batch.push(doc);
        if (batch.length === 1000) {
          await collection.insertMany(batch, { ordered: false });
          batch = [];
        }
      }
      if (batch.length) await collection.insertMany(batch, { ordered: false });
      for (const index of await source.collection(name).indexes()) {
        if (index.name === '_id_') continue;
        const { key, v: _v, ns: _ns, ...options } = index;
        await collection.createIndex(key, options).catch(() => undefined);
      }
    }
  } finally {
    await client.close();
  }
}

function loadCache() {
  try {
    const cache = JSON.parse(fs.readFileSync(CACHE_FILE, 'utf8'));
    if (cache.version === 1 && Date.now() - cache.createdAt < MAX_AGE_MS) return cache;
  } catch {
    // none yet
  }
  return null;
}

function saveCache(cache) {
  fs.mkdirSync(path.dirname(CACHE_FILE), { recursive: true });
  fs.writeFileSync(`${CACHE_FILE}.tmp`, JSON.stringify(cache));
  fs.renameSync(`${CACHE_FILE}.tmp`, CACHE_FILE);
}

function newCache() {
  return {
    version: 1,
    createdAt: Date.now(),
    secrets: { jwt: randomBytes(32).toString('hex'), csrf: randomBytes(32).toString('hex') },
    accounts: [],
  };
}

async function register(baseUrl, index) {
  const email = `bench-${index}-${randomBytes(4).toString('hex')}@example.test`;
  const name = `Bench User ${index}`;
  const { data, response } = await api(baseUrl, 'POST', '/api/auth/register', {
    body: { name, email, password: PASSWORD, capabilities: ['TEACHER', 'STUDENT'] },
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('access_token='));
  if (!cookie) throw new Error('register: no access_token cookie');
  return {
    id: data.user.id,
    name,
    accessToken: cookie.split(';')[0].slice('access_token='.length),
    csrfToken: data.csrfToken,
  };
}

/** True when `account` is recognised by the instance at `baseUrl`. */
export async function accountWorks(baseUrl, account) {
  try {
    const { data } = await api(baseUrl, 'GET', '/api/users/me', { session: account });
    return data.user?.id === account.id;
  } catch {
    return false;
  }
}

/**
 * Makes sure `count` accounts exist (registering through `build`, the current LLMS) and copies
 * them into the run's throwaway database. Resolves `{accounts, secrets, mongodbUri}`.
 */
export async function prepareAccounts({ count, build, mongoBaseUri, redisUrl, runId, fresh }) {
  let cache = fresh ? null : loadCache();
  const cacheUri = dbUri(mongoBaseUri, CACHE_DB);
  if (!cache) {
    await dropDatabase(cacheUri);
    cache = newCache();
  }
  const start = () =>
    startLlms(
      build,
      llmsEnv({
        secrets: cache.secrets,
        accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
        mongodbUri: cacheUri,
        redisUrl,
      }),
      { count: 2, label: 'register' },
    );
  let instances = await start();
  try {
    if (cache.accounts.length) {
      const probes = [cache.accounts[0], cache.accounts.at(-1)];
      const works = await Promise.all(probes.map((a) => accountWorks(instances[0].url, a)));
      if (!works.every(Boolean)) {
        log('cached bench accounts are not recognised by this build: registering afresh');
        await stopInstances(instances);
        await dropDatabase(cacheUri);
        cache = newCache();
        instances = await start();
      }
    }
    const missing = count - cache.accounts.length;
    if (missing > 0) {
      log(
        `registering ${missing} bench accounts through REST (argon2id: ~25 ms of CPU each; ` +
          `cached in .data/bench/ for the next runs) ...`,
      );
      const startedAt = Date.now();
      let lastLog = startedAt;
      let next = cache.accounts.length;
      const created = [];
      await Promise.all(
        Array.from({ length: REGISTER_CONCURRENCY }, async (_, worker) => {
          const instance = instances[worker % instances.length];
          while (next < count) {
            const index = next++;
            created.push(await register(instance.url, index));
            if (Date.now() - lastLog > 15_000) {
              lastLog = Date.now();
              cache.accounts.push(...created.splice(0));
              saveCache(cache);
              log(`  ${cache.accounts.length - (count - missing)}/${missing} registered`);
            }
          }
        }),
      );
      cache.accounts.push(...created);
      saveCache(cache);
      log(`registered ${missing} accounts in ${Math.round((Date.now() - startedAt) / 1000)} s`);
    }
  } finally {
    await stopInstances(instances);
  }
  const runDb = `llms_bench_${runId}`;
  const mongodbUri = dbUri(mongoBaseUri, runDb);
  const copyStart = Date.now();
  await copyDatabase(mongoBaseUri, CACHE_DB, runDb);
  log(
    `${count} accounts ready in ${runDb} (copied in ${((Date.now() - copyStart) / 1000).toFixed(1)} s)`,
  );
  return { accounts: cache.accounts.slice(0, count), secrets: cache.secrets, mongodbUri };
}
