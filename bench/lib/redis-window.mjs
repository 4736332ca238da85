/**
 * Windows of Redis CPU for the presence scenario: what a redis-server used during a window (its
 * `used_cpu_user + used_cpu_sys`, read every SAMPLE_MS for the noise), two half windows taken as
 * one, and the noise of the difference between two windows.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { round } from './stats.mjs';
import { commandCalls, info, redisCpu } from './redis.mjs';

/** Redis CPU is sampled this often inside each window, for the noise estimate. */
const SAMPLE_MS = 10_000;
const TOP_COMMANDS = 12;

/**
 * Redis CPU seconds and commands during `ms`, with the top commands by calls and the CPU rate
 * (seconds per second) of each SAMPLE_MS slice.
 */
export async function redisWindow(url, ms) {
  const [before, callsBefore] = await Promise.all([redisCpu(url), commandCalls(url)]);
  const startedAt = performance.now();
  const rates = [];
  let last = { cpu: before.cpuSeconds, at: startedAt };
  for (let left = ms; left > 0; left -= SAMPLE_MS) {
    await sleep(Math.min(SAMPLE_MS, left));
    const { cpuSeconds } = await redisCpu(url);
    const at = performance.now();
    rates.push((cpuSeconds - last.cpu) / ((at - last.at) / 1000));
    last = { cpu: cpuSeconds, at };
  }
  const [after, callsAfter, memory] = await Promise.all([
    redisCpu(url),
    commandCalls(url),
    info(url, 'memory'),
  ]);
  const seconds = (performance.now() - startedAt) / 1000;
  const top = Object.entries(callsAfter)
    .map(([command, calls]) => [command, calls - (callsBefore[command] ?? 0)])
    .filter(([, calls]) => calls > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_COMMANDS)
    .map(([command, calls]) => ({ command, perSecond: round(calls / seconds, 1) }));
  return {
    seconds: round(seconds, 2),
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    commands: after.commands - before.commands,
    commandsPerSecond: round((after.commands - before.commands) / seconds, 1),
    usedMemoryBytes: memory.used_memory,
    topCommands: top,
    rates,
  };
}

/** The two idle half windows as one: summed time, CPU and commands; the memory of the first. */
export function joinedIdle(first, second) {
  const seconds = first.seconds + second.seconds;
  const commands = first.commands + second.commands;
  return {
    seconds: round(seconds, 2),
    cpuSeconds: first.cpuSeconds + second.cpuSeconds,
    commands,
    commandsPerSecond: round(commands / seconds, 1),
    usedMemoryBytes: first.usedMemoryBytes,
    topCommands: first.topCommands,
    rates: [...first.rates, ...second.rates],
    halves: [first, second].map((w) => ({
      seconds: w.seconds,
      cpuSeconds: round(w.cpuSeconds, 3),
    })),
  };
}

/** Two standard errors of the difference of the mean rates (seconds per second). */
export function noiseOf(idleRates, steadyRates) {
  const variance = (values) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(1, values.length - 1);
  };
  return (
    2 *
    Math.sqrt(variance(idleRates) / idleRates.length + variance(steadyRates) / steadyRates.length)
  );
}

/** App CPU of two meter readings as one (for the idle windows before and after the users). */
export function joinedCpu(first, second) {
  const byName = {};
  for (const reading of [first, second])
    for (const [name, seconds] of Object.entries(reading.servers.byName))
      byName[name] = round((byName[name] ?? 0) + seconds, 2);
  return {
    wallSeconds: round(first.wallSeconds + second.wallSeconds, 2),
    servers: { total: round(first.servers.total + second.servers.total, 2), byName },
    boxShare: round((first.boxShare + second.boxShare) / 2, 2),
    loadAverage: first.loadAverage,
  };
}
