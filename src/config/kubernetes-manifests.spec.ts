import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import { parseAllDocuments } from 'yaml';
import { HealthController } from '../modules/health/health.controller';
import { parseConfig } from './app.config';
import { envSchema } from './env.schema';

/**
 * deploy/kubernetes agrees with the app: the manifests are parsed (every YAML file, overlays
 * included) and checked against facts read from the code, not copied into this test: the
 * default PORT and the known variables from the Joi schema, the probe paths from
 * HealthController's routes. A drifted manifest fails here, before it fails in a cluster; the last
 * tests prove that by breaking in-memory copies. (`kubectl kustomize` is not needed here; the
 * layout was checked with kustomize v5.4: base/, and overlays/ beside it, never inside it.)
 */
const DEPLOY_DIR = join(__dirname, '..', '..', 'deploy', 'kubernetes');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
interface Manifest {
  file: string;
  doc: Doc;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function loadManifests(): Manifest[] {
  return yamlFiles(DEPLOY_DIR).flatMap((path) =>
    parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
      if (document.errors.length) throw new Error(`${path}: ${document.errors[0].message}`);
      return { file: relative(DEPLOY_DIR, path), doc: document.toJS() };
    }),
  );
}

/** What the app says about itself. */
interface AppFacts {
  defaultPort: number;
  knownVariables: Set<string>;
  livePath: string;
  readyPath: string;
}

function routeOf(method: (...args: never[]) => unknown): string {
  const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
  const path = Reflect.getMetadata(PATH_METADATA, method) as string;
  return `/${base}/${path}`.replace(/\/+/g, '/');
}

function appFacts(): AppFacts {
  const keys = envSchema.describe().keys as Record<string, { flags?: { default?: unknown } }>;
  return {
    defaultPort: Number(keys.PORT.flags?.default),
    knownVariables: new Set(Object.keys(keys)),
    livePath: routeOf(HealthController.prototype.live),
    readyPath: routeOf(HealthController.prototype.ready),
  };
}

/** Every environment variable name the manifests set, with where it is set. */
function variablesSet(manifests: Manifest[]): { name: string; where: string }[] {
  const found: { name: string; where: string }[] = [];
  const fromDoc = (doc: Doc, where: string) => {
    if (!doc || typeof doc !== 'object') return;
    if (doc.kind === 'ConfigMap' || doc.kind === 'Secret') {
      for (const section of ['data', 'stringData'])
        for (const name of Object.keys(doc[section] ?? {}))
          found.push({ name, where: `${where} ${doc.kind} ${doc.metadata?.name}` });
    }
    for (const container of podSpecOf(doc)?.containers ?? [])
      for (const entry of container.env ?? [])
        found.push({ name: entry.name, where: `${where} container ${container.name} env` });
  };
  for (const { file, doc } of manifests) {
    fromDoc(doc, file);
    // Overlays: patches may set variables too (JSON 6902 `/data/NAME`, or a partial manifest).
    for (const entry of doc?.kind === 'Kustomization' ? (doc.patches ?? []) : []) {
      if (typeof entry.patch !== 'string') continue;
      const patch = parseAllDocuments(entry.patch).map((d) => d.toJS());
      for (const part of patch) {
        if (Array.isArray(part)) {
          for (const op of part) {
            const match = /^\/(?:data|stringData)\/([^/]+)$/.exec(op.path ?? '');
            if (match && op.op !== 'remove') found.push({ name: match[1], where: `${file} patch` });
          }
        } else fromDoc({ kind: entry.target?.kind, ...part }, `${file} patch`);
      }
    }
  }
  return found;
}

function podSpecOf(doc: Doc): Doc | undefined {
  return doc?.kind === 'Deployment' ? doc.spec?.template?.spec : undefined;
}

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0];
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string>) {
  const pairs = Object.entries(selector ?? {});
  return pairs.length > 0 && pairs.every(([key, value]) => labels?.[key] === value);
}

/** Every way the manifests disagree with the app; empty when they agree. */
function problemsOf(manifests: Manifest[], facts: AppFacts): string[] {
  const problems: string[] = [];
  const base = manifests.filter((m) => m.file.startsWith('base/'));
  const deployment = only(
    base.filter((m) => m.doc?.kind === 'Deployment'),
    'Deployment',
  ).doc;
  const pod = podSpecOf(deployment);
  const container = only(pod.containers as Doc[], 'container');
  const configMaps = base.filter((m) => m.doc?.kind === 'ConfigMap').map((m) => m.doc);
  const settings: Record<string, string> = Object.assign(
    {},
    ...configMaps.map((c) => c.data ?? {}),
  );

  // The image and its port.
  if (!/^llms(:|$)/.test(String(container.image)))
    problems.push(`image is ${container.image}, not llms`);
  const port: Doc = only(
    (container.ports ?? []).filter((p: Doc) => p.name === 'http'),
    'port named http',
  );
  if (port.containerPort !== facts.defaultPort)
    problems.push(`containerPort ${port.containerPort} is not the app's PORT ${facts.defaultPort}`);
  if (settings.PORT !== undefined && Number(settings.PORT) !== port.containerPort)
    problems.push(`ConfigMap PORT ${settings.PORT} is not containerPort ${port.containerPort}`);

  // Probes: the app's fixed paths, on the app's port; liveness never on readiness.
  const probeTargets: [string, string][] = [
    ['startupProbe', facts.livePath],
    ['livenessProbe', facts.livePath],
    ['readinessProbe', facts.readyPath],
  ];
  for (const [probe, path] of probeTargets) {
    const get = container[probe]?.httpGet;
    if (!get) {
      problems.push(`${probe} has no httpGet`);
      continue;
    }
    if (get.path !== path) problems.push(`${probe} path ${get.path} is not ${path}`);
    if (get.port !== 'http' && get.port !== facts.defaultPort)
      problems.push(`${probe} port ${get.port} is not the app's port`);
  }

  // Every variable set is one the app knows.
  for (const { name, where } of variablesSet(manifests))
    if (!facts.knownVariables.has(name))
      problems.push(`${where}: ${name} is not a variable the app knows`);
  const fromSecret = (container.envFrom ?? []).some((e: Doc) => e.secretRef?.name);
  if (!fromSecret) problems.push('the container reads no Secret (JWT_ACCESS_SECRET, CSRF_SECRET)');

  // Shutdown: preStop sleep + the app's drain budget fit in the grace period.
  const preStop = container.lifecycle?.preStop;
  const preStopSeconds = Number(
    preStop?.sleep?.seconds ??
      (preStop?.exec?.command?.[0] === 'sleep' ? preStop.exec.command[1] : NaN),
  );
  const drainSeconds = Number(settings.SHUTDOWN_GRACE_SECONDS ?? 20);
  const grace = Number(pod.terminationGracePeriodSeconds ?? 30);
  if (!(preStopSeconds > 0)) problems.push('no preStop sleep');
  else if (preStopSeconds + drainSeconds > grace)
    problems.push(
      `preStop ${preStopSeconds} s + SHUTDOWN_GRACE_SECONDS ${drainSeconds} s exceed ` +
        `terminationGracePeriodSeconds ${grace} s`,
    );

  // Non-root.
  const runsAsRoot =
    pod.securityContext?.runAsNonRoot !== true && container.securityContext?.runAsNonRoot !== true;
  if (runsAsRoot) problems.push('runAsNonRoot is not set');

  // The HPA scales this Deployment; the PDB and the Service select its pods.
  const podLabels = deployment.spec.template.metadata.labels;
  if (!matches(deployment.spec.selector.matchLabels, podLabels))
    problems.push('the Deployment selector does not select its own pods');
  const hpa = only(
    base.filter((m) => m.doc?.kind === 'HorizontalPodAutoscaler'),
    'HorizontalPodAutoscaler',
  ).doc;
  const target = hpa.spec.scaleTargetRef;
  if (target.kind !== 'Deployment' || target.name !== deployment.metadata.name)
    problems.push(`the HPA scales ${target.kind}/${target.name}, not the Deployment`);
  if (!hpa.spec.metrics?.some((m: Doc) => m.resource?.name === 'cpu'))
    problems.push('the HPA does not scale on CPU');
  const pdb = only(
    base.filter((m) => m.doc?.kind === 'PodDisruptionBudget'),
    'PodDisruptionBudget',
  ).doc;
  if (!matches(pdb.spec.selector?.matchLabels, podLabels))
    problems.push("the PDB does not select the Deployment's pods");
  const service = only(
    base.filter((m) => m.doc?.kind === 'Service'),
    'Service',
  ).doc;
  if (!matches(service.spec.selector, podLabels))
    problems.push("the Service does not select the Deployment's pods");
  if (!service.spec.ports.some((p: Doc) => [port.name, port.containerPort].includes(p.targetPort)))
    problems.push("the Service does not target the container's port");

  // kustomization.yaml lists every base manifest (and not the Secret example).
  const kustomization = only(
    base.filter((m) => m.doc?.kind === 'Kustomization'),
    'Kustomization',
  ).doc;
  const listed = new Set<string>(kustomization.resources ?? []);
  for (const { file, doc } of base) {
    if (doc?.kind === 'Kustomization') continue;
    const name = file.slice('base/'.length);
    const example = name.includes('.example.');
    if (!example && !listed.has(name)) problems.push(`${file} is not in base/kustomization.yaml`);
    if (example && listed.has(name)) problems.push(`${file} must not be applied`);
  }
  for (const name of listed)
    if (!base.some((m) => m.file === `base/${name}`))
      problems.push(`base/kustomization.yaml lists ${name}, which does not exist`);
  // `kubectl apply -k deploy/kubernetes` builds the base; the overlays build on it.
  const top = manifests.find((m) => m.file === 'kustomization.yaml')?.doc;
  if (!top?.resources?.includes('base')) problems.push('kustomization.yaml does not build base');
  for (const { file, doc } of manifests.filter((m) => m.file.startsWith('overlays/')))
    if (doc?.kind === 'Kustomization' && !doc.resources?.includes('../../base'))
      problems.push(`${file} does not build on ../../base`);
  return problems;
}

describe('deploy/kubernetes', () => {
  const manifests = loadManifests();
  const facts = appFacts();
  /** A deep copy to break. */
  const copy = () => manifests.map((m) => ({ file: m.file, doc: structuredClone(m.doc) }));
  const deploymentIn = (docs: Manifest[]) => docs.find((m) => m.doc?.kind === 'Deployment')!.doc;

  it('reads the facts from the app, not from this test', () => {
    expect(facts.defaultPort).toBe(3000);
    expect(facts.livePath).toBe('/health/live');
    expect(facts.readyPath).toBe('/health/ready');
    expect(facts.knownVariables).toContain('SHUTDOWN_GRACE_SECONDS');
  });

  it('parses, overlays included', () => {
    const kinds = manifests.map((m) => m.doc?.kind);
    for (const kind of [
      'Deployment',
      'Service',
      'ConfigMap',
      'Secret',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'Ingress',
      'Kustomization',
    ])
      expect(kinds).toContain(kind);
    expect(manifests.some((m) => m.file.startsWith('overlays/'))).toBe(true);
  });

  it('agrees with the app', () => {
    expect(problemsOf(manifests, facts)).toEqual([]);
  });

  it('sets values the app accepts: Redis Cluster nodes, a MongoDB replica set, production', () => {
    const data = (kind: string) => {
      const doc = manifests.find((m) => m.file.startsWith('base/') && m.doc?.kind === kind)!.doc;
      return { ...doc.data, ...doc.stringData } as Record<string, string>;
    };
    const secret = data('Secret');
    expect(Object.keys(secret)).toEqual(
      expect.arrayContaining(['JWT_ACCESS_SECRET', 'CSRF_SECRET', 'MONGODB_URI']),
    );
    // The example's placeholders are too short on purpose: applied as they are, the app refuses.
    expect(() => parseConfig({ ...data('ConfigMap'), ...secret })).toThrow(/JWT_ACCESS_SECRET/);
    const config = parseConfig({
      ...data('ConfigMap'),
      ...secret,
      JWT_ACCESS_SECRET: 'x'.repeat(64),
      CSRF_SECRET: 'y'.repeat(64),
    });
    expect(config.production).toBe(true);
    expect(config.port).toBe(facts.defaultPort);
    expect(config.redis.clusterNodes!.length).toBeGreaterThanOrEqual(3);
    expect(config.mongodbUri).toMatch(/[?&]replicaSet=/);
    expect(config.auth.cookieSecure).toBe(true);
  });

  describe('fails when a manifest drifts', () => {
    it.each([
      [
        'container port',
        (docs: Manifest[]) =>
          (deploymentIn(docs).spec.template.spec.containers[0].ports[0].containerPort = 8080),
        /containerPort 8080/,
      ],
      [
        'readiness path',
        (docs: Manifest[]) =>
          (deploymentIn(docs).spec.template.spec.containers[0].readinessProbe.httpGet.path =
            '/healthz'),
        /readinessProbe path \/healthz/,
      ],
      [
        'liveness on readiness',
        (docs: Manifest[]) =>
          (deploymentIn(docs).spec.template.spec.containers[0].livenessProbe.httpGet.path =
            '/health/ready'),
        /livenessProbe path/,
      ],
      [
        'unknown variable',
        (docs: Manifest[]) =>
          (docs.find((m) => m.doc?.kind === 'ConfigMap')!.doc.data.REDIS_HOST = 'redis'),
        /REDIS_HOST is not a variable the app knows/,
      ],
      [
        'grace period too short',
        (docs: Manifest[]) =>
          (deploymentIn(docs).spec.template.spec.terminationGracePeriodSeconds = 20),
        /exceed terminationGracePeriodSeconds 20/,
      ],
      [
        'HPA on another target',
        (docs: Manifest[]) =>
          (docs.find(
            (m) => m.doc?.kind === 'HorizontalPodAutoscaler',
          )!.doc.spec.scaleTargetRef.name = 'other'),
        /the HPA scales Deployment\/other/,
      ],
      [
        'PDB on other pods',
        (docs: Manifest[]) =>
          (docs.find((m) => m.doc?.kind === 'PodDisruptionBudget')!.doc.spec.selector.matchLabels =
            {
              app: 'other',
            }),
        /the PDB does not select/,
      ],
    ])('%s', (_what, breakIt, expected) => {
      const broken = copy();
      breakIt(broken);
      expect(problemsOf(broken, facts).join('\n')).toMatch(expected);
      expect(problemsOf(manifests, facts)).toEqual([]);
    });
  });
});
