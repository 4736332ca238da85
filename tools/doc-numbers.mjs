#!/usr/bin/env node
/**
 * `npm run docs:numbers`: writes the documents' numbers from their sources, so none is typed by
 * hand. Marked blocks:
 *
 *   README.md          <!-- numbers:tests --> ... <!-- /numbers:tests -->  tests per jest project,
 *                                                from the last `npm test` (.data/test-results/)
 *   README.md          <!-- numbers:bench --> ...      the headline figures of
 *                                                      bench/results/latest.json
 *   docs/capacity.md   <!-- numbers:capacity --> ...   the capacity model (bench/lib/capacity.mjs)
 *                                                      from bench/results/latest.json
 *
 * A block whose source is missing is left as it is. `--check` exits 1 when a document differs
 * from what it would write (nothing is written).
 */
import fs from 'node:fs';
import path from 'node:path';
import { capacityMarkdown } from '../bench/lib/capacity-report.mjs';
import { ROOT } from './lib/index.js';

const RESULTS = path.join(ROOT, '.data', 'test-results');
const BENCH = path.join(ROOT, 'bench', 'results', 'latest.json');
const PROJECTS = ['unit', 'integration', 'e2e', 'browser'];

const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
const thousands = (n) => Math.round(n).toLocaleString('en-US');

function testsBlock() {
  const rows = PROJECTS.map((project) => [
    project,
    readJson(path.join(RESULTS, `jest-${project}.json`)),
  ]);
  if (rows.some(([, result]) => !result)) return null;
  const lines = [
    '| project | suites | tests | passed | failed |',
    '| --- | --- | --- | --- | --- |',
  ];
  const total = { suites: 0, tests: 0, passed: 0, failed: 0 };
  for (const [project, r] of rows) {
    const row = {
      suites: r.numTotalTestSuites,
      tests: r.numTotalTests,
      passed: r.numPassedTests,
      failed: r.numFailedTests,
    };
    for (const key of Object.keys(total)) total[key] += row[key];
    lines.push(`| ${project} | ${row.suites} | ${row.tests} | ${row.passed} | ${row.failed} |`);
  }
  lines.push(`| **all** | ${total.suites} | ${total.tests} | ${total.passed} | ${total.failed} |`);
  const when = new Date(Math.max(...rows.map(([, r]) => r.startTime))).toISOString().slice(0, 10);
  return [`The last \`npm test\` here (${when}):`, '', ...lines].join('\n');
}

function benchBlock() {
  const bench = readJson(BENCH);
  if (!bench) return null;
  const lines = [
    `From \`bench/results/latest.json\` (${bench.meta?.startedAt?.slice(0, 10) ?? 'latest run'}, ratios within that run):`,
    '',
  ];
  const run = (scenario, system, predicate = () => true) =>
    bench[scenario]?.runs?.filter((r) => r.system === system && !r.error && predicate(r)) ?? [];
  // A --ref build in the same run (llms@<sha>) is quoted as "before".
  const ref = bench.meta?.systems?.find((s) => s.name.startsWith('llms@'))?.name;
  const before = (text) => (ref ? ` (${ref}: ${text})` : '');
  const memory = (system) => run('memory', system).at(-1);
  const llmsMemory = memory('llms');
  const baselineMemory = memory('socket.io');
  if (llmsMemory && baselineMemory) {
    const refMemory = ref && memory(ref);
    lines.push(
      `- heap per idle joined socket at ${thousands(llmsMemory.sockets)}: LLMS ${llmsMemory.heapPerSocketKB} KB, ` +
        `bare Socket.IO ${baselineMemory.heapPerSocketKB} KB ` +
        `(${(llmsMemory.heapPerSocketKB / baselineMemory.heapPerSocketKB).toFixed(2)}x)` +
        (refMemory ? before(`${refMemory.heapPerSocketKB} KB`) : ''),
    );
  }
  for (const r of run('fanout', 'llms')) {
    const same = (system) =>
      run('fanout', system, (o) => o.listeners === r.listeners && o.rate === r.rate)[0];
    const parts = [`LLMS ${thousands(r.deliveredPerSec)}/s, p99 ${Math.round(r.latencyMs.p99)} ms`];
    for (const [label, system] of [
      ['bare Socket.IO', 'socket.io'],
      ['Centrifugo', 'centrifugo'],
      ...(ref ? [[ref, ref]] : []),
    ]) {
      const other = same(system);
      if (other) {
        parts.push(
          `${label} ${thousands(other.deliveredPerSec)}/s, p99 ${Math.round(other.latencyMs.p99)} ms`,
        );
      }
    }
    lines.push(
      `- fan-out ${thousands(r.listeners)} listeners x ${r.rate} comments/s: ${parts.join('; ')}`,
    );
  }
  const presenceOf = (system) => run('presence', system, (r) => r.classSize === 50)[0];
  const presence = presenceOf('llms');
  if (presence) {
    const refPresence = ref && presenceOf(ref);
    const cost = (r) =>
      r.noiseUsPerUserMinute === undefined
        ? `${r.usPerUserMinute} µs`
        : `${r.usPerUserMinute} ± ${r.noiseUsPerUserMinute} µs`;
    lines.push(
      `- Redis CPU per connected user-minute (presence): ${cost(presence)} (${thousands(presence.users)} users, classes of 50` +
        (presence.upperUsPerUserMinute === undefined
          ? ')'
          : `; at most ${presence.upperUsPerUserMinute} µs, the estimate plus twice its standard error)`) +
        (refPresence ? before(cost(refPresence)) : ''),
    );
  }
  const joinOf = (system) => run('join', system)[0];
  const join = joinOf('llms');
  const percent = (r) => `${Math.round(r.ratio * 100)}%`;
  if (join?.ratio !== undefined) {
    const refJoin = ref && joinOf(ref);
    lines.push(
      `- joins through the stack: ${percent(join)} of the presence scripts' own ceiling` +
        (refJoin?.ratio !== undefined ? before(percent(refJoin)) : ''),
    );
  }
  return lines.join('\n');
}

function replaceBlock(text, name, body) {
  const pattern = new RegExp(`(<!-- numbers:${name}[^>]*-->)[\\s\\S]*?(<!-- /numbers:${name} -->)`);
  if (!body || !pattern.test(text)) return text;
  return text.replace(pattern, `$1\n${body}\n$2`);
}

function capacityBlock() {
  const bench = readJson(BENCH);
  if (!bench) return null;
  try {
    return capacityMarkdown(bench);
  } catch (error) {
    console.warn(`docs/capacity.md left as it is: ${error.message}`);
    return null;
  }
}

const DOCUMENTS = [
  ['README.md', { tests: testsBlock, bench: benchBlock }],
  [path.join('docs', 'capacity.md'), { capacity: capacityBlock }],
];

let stale = false;
for (const [name, blocks] of DOCUMENTS) {
  const file = path.join(ROOT, name);
  const before = fs.readFileSync(file, 'utf8');
  let after = before;
  for (const [block, make] of Object.entries(blocks)) after = replaceBlock(after, block, make());
  if (after === before) {
    console.log(`${name} numbers already up to date`);
  } else if (process.argv.includes('--check')) {
    console.error(`${name} numbers are out of date: run \`npm run docs:numbers\``);
    stale = true;
  } else {
    fs.writeFileSync(file, after);
    console.log(`${name} numbers updated`);
  }
}
if (stale) process.exit(1);
