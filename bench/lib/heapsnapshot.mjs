/**
 * Reads a V8 .heapsnapshot file and sums its nodes by type and constructor/function name, then
 * diffs two such summaries. The file is read as bytes and only its `nodes` and `strings` arrays are
 * decoded (the node fields come from snapshot.meta), so snapshots larger than V8's longest string
 * still parse.
 */
import fs from 'node:fs';

/** Types whose node name is content (string text, numbers), not a kind: summed by type only. */
const BY_TYPE_ONLY = new Set([
  'string',
  'concatenated string',
  'sliced string',
  'number',
  'heap number',
  'bigint',
  'code',
  'symbol',
]);

function parseNumbers(buffer, start) {
  const values = [];
  let current = 0;
  let inNumber = false;
  for (let i = start; i < buffer.length; i++) {
    const c = buffer[i];
    if (c >= 48 && c <= 57) {
      current = current * 10 + (c - 48);
      inNumber = true;
    } else {
      if (inNumber) values.push(current);
      current = 0;
      inNumber = false;
      if (c === 93) return values; // ']'
    }
  }
  throw new Error('unterminated nodes array');
}

/** `{key: {type, name, count, size}}` summed over every node of the snapshot in `file`. */
export function summarizeSnapshot(file) {
  const buffer = fs.readFileSync(file);
  const nodesAt = buffer.indexOf('"nodes":[');
  const stringsAt = buffer.indexOf('"strings":[');
  if (nodesAt < 0 || stringsAt < 0) throw new Error(`${file}: not a heap snapshot`);
  const header = buffer.subarray(0, nodesAt).toString('utf8').trim().replace(/,$/, '');
  const { meta } = JSON.parse(`${header}}`).snapshot;
  const nodes = parseNumbers(buffer, nodesAt + '"nodes":['.length);
  const end = buffer.lastIndexOf(']');
  const strings = JSON.parse(
    buffer.subarray(stringsAt + '"strings":'.length, end + 1).toString('utf8'),
  );

  const fields = meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const typeNames = meta.node_types[0];
  const summary = {};
  for (let i = 0; i < nodes.length; i += width) {
    const type = typeNames[nodes[i + typeAt]];
    const name = BY_TYPE_ONLY.has(type)
      ? ''
      : String(strings[nodes[i + nameAt]] ?? '').slice(0, 80);
    const key = name ? `${type}: ${name}` : type;
    const entry = (summary[key] ??= { type, name, count: 0, size: 0 });
    entry.count++;
    entry.size += nodes[i + sizeAt];
  }
  return { summary, nodeCount: nodes.length / width };
}

/** Entries of `after` minus `before`, divided by `per`, largest self size first. */
export function diffSummaries(before, after, per = 1) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const rows = [];
  for (const key of keys) {
    const a = before[key] ?? { count: 0, size: 0 };
    const b = after[key] ?? { count: 0, size: 0 };
    const entry = b.type ? b : a;
    rows.push({
      key,
      type: entry.type,
      name: entry.name,
      count: (b.count - a.count) / per,
      bytes: (b.size - a.size) / per,
    });
  }
  return rows.sort((x, y) => y.bytes - x.bytes);
}
