// node --max-old-space-size=8192 scripts/bench/heap-diff.mjs <before.heapsnapshot> <after.heapsnapshot> [--top 25]
//
// Compares two V8 heap snapshots (written by the bench's --heap-snapshots) by
// constructor: how many objects, their own size and the size they retain
// (what would be freed with them: the dominator tree, weak references left
// out, as in Chrome's DevTools "Retained size"). Sorted by growth of the
// retained size, so what keeps memory after a load is at the top. Also prints
// a retaining path of one object of each of the top growing constructors.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
if (positionals.length !== 2) {
  console.error('usage: heap-diff.mjs <before.heapsnapshot> <after.heapsnapshot> [--top n]');
  process.exit(2);
}

function load(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const meta = snap.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const nodeTypes = meta.node_fields.indexOf('type');
  const typeNames = meta.node_types[nodeTypes];
  const edgeTypeNames = meta.edge_types[meta.edge_fields.indexOf('type')];
  const iType = nodeTypes;
  const iName = meta.node_fields.indexOf('name');
  const iSize = meta.node_fields.indexOf('self_size');
  const iEdges = meta.node_fields.indexOf('edge_count');
  const eType = meta.edge_fields.indexOf('type');
  const eName = meta.edge_fields.indexOf('name_or_index');
  const eTo = meta.edge_fields.indexOf('to_node');
  const { nodes, edges, strings } = snap;
  const count = nodes.length / nf;
  const weak = edgeTypeNames.indexOf('weak');
  const shortcut = edgeTypeNames.indexOf('shortcut');
  // First edge of each node.
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * nf + iEdges] * ef;
    firstEdge[i + 1] = e;
  }
  const skip = (e) => edges[e + eType] === weak || edges[e + eType] === shortcut;
  // Post-order from the root (node 0), iteratively.
  const order = new Int32Array(count).fill(-1);
  const post = new Uint32Array(count);
  let n = 0;
  const stack = [0];
  const next = new Uint32Array(count);
  const seen = new Uint8Array(count);
  seen[0] = 1;
  for (let i = 0; i < count; i++) next[i] = firstEdge[i];
  while (stack.length) {
    const v = stack[stack.length - 1];
    let pushed = false;
    while (next[v] < firstEdge[v + 1]) {
      const e = next[v];
      next[v] += ef;
      if (skip(e)) continue;
      const w = edges[e + eTo] / nf;
      if (!seen[w]) {
        seen[w] = 1;
        stack.push(w);
        pushed = true;
        break;
      }
    }
    if (!pushed) {
      stack.pop();
      order[v] = n;
      post[n++] = v;
    }
  }
  // Predecessors (reachable nodes only).
  const predCount = new Uint32Array(count + 1);
  for (let v = 0; v < count; v++)
    if (seen[v])
      for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += ef) if (!skip(e)) predCount[edges[e + eTo] / nf + 1]++;
  for (let i = 0; i < count; i++) predCount[i + 1] += predCount[i];
  const preds = new Uint32Array(predCount[count]);
  const fill = predCount.slice();
  for (let v = 0; v < count; v++)
    if (seen[v])
      for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += ef) if (!skip(e)) preds[fill[edges[e + eTo] / nf]++] = v;
  // Dominators (Cooper, Harvey and Kennedy), on post-order numbers.
  const idom = new Int32Array(n).fill(-1);
  const root = order[0];
  idom[root] = root;
  const intersect = (a, b) => {
    while (a !== b) {
      while (a < b) a = idom[a];
      while (b < a) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = n - 2; k >= 0; k--) {
      const v = post[k];
      let d = -1;
      for (let p = predCount[v]; p < predCount[v + 1]; p++) {
        const u = order[preds[p]];
        if (u < 0 || idom[u] === -1) continue;
        d = d === -1 ? u : intersect(u, d);
      }
      if (d !== -1 && idom[k] !== d) {
        idom[k] = d;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  for (let k = 0; k < n; k++) retained[k] = nodes[post[k] * nf + iSize];
  for (let k = 0; k < n - 1; k++) if (idom[k] !== k && idom[k] >= 0) retained[idom[k]] += retained[k];
  // By constructor: objects by their class name, others by their type ("(string)", "(closure)" …).
  // Retained sizes are summed only over objects not dominated by another of the same class.
  const byClass = new Map();
  const classOf = (v) => {
    const type = typeNames[nodes[v * nf + iType]];
    return type === 'object' || type === 'native' ? strings[nodes[v * nf + iName]] : `(${type})`;
  };
  for (let k = 0; k < n; k++) {
    const v = post[k];
    const name = classOf(v);
    let row = byClass.get(name);
    if (!row) byClass.set(name, (row = { count: 0, self: 0, retained: 0, example: v }));
    row.count++;
    row.self += nodes[v * nf + iSize];
    let d = idom[k];
    let nested = false;
    while (d !== root && d >= 0 && idom[d] !== d) {
      if (classOf(post[d]) === name) {
        nested = true;
        break;
      }
      d = idom[d];
    }
    if (!nested) row.retained += retained[k];
  }
  const total = retained[root];
  /** A path from the root to node v: the first predecessor nearer the root, each step. */
  const pathTo = (v) => {
    const steps = [];
    let cur = v;
    for (let i = 0; i < 12 && cur !== 0; i++) {
      let best = -1;
      let bestEdge = -1;
      for (let p = predCount[cur]; p < predCount[cur + 1]; p++) {
        const u = preds[p];
        if (order[u] > order[cur] && (best === -1 || order[u] > order[best])) {
          best = u;
          for (let e = firstEdge[u]; e < firstEdge[u + 1]; e += ef) if (edges[e + eTo] / nf === cur) bestEdge = e;
        }
      }
      if (best === -1) break;
      const edgeType = edgeTypeNames[edges[bestEdge + eType]];
      const label =
        edgeType === 'element' || edgeType === 'hidden'
          ? `[${edges[bestEdge + eName]}]`
          : strings[edges[bestEdge + eName]];
      steps.unshift(`${classOf(best)}.${label}`);
      cur = best;
    }
    return steps.join(' → ');
  };
  return { byClass, total, pathTo };
}

const MB = 1024 * 1024;
const mb = (b) => (b / MB).toFixed(2);
const before = load(positionals[0]);
const after = load(positionals[1]);
console.log(`reachable heap: before ${mb(before.total)} MB, after ${mb(after.total)} MB`);
const names = new Set([...before.byClass.keys(), ...after.byClass.keys()]);
const rows = [...names].map((name) => {
  const b = before.byClass.get(name) ?? { count: 0, self: 0, retained: 0 };
  const a = after.byClass.get(name) ?? { count: 0, self: 0, retained: 0 };
  return { name, b, a, grew: a.retained - b.retained, example: a.example };
});
rows.sort((x, y) => y.grew - x.grew);
const top = Number(values.top);
console.log(
  '| Constructor | objects before → after | self MB before → after | retained MB before → after | retained growth MB |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows.slice(0, top))
  console.log(
    `| ${r.name.replaceAll('|', '\\|').slice(0, 60)} | ${r.b.count} → ${r.a.count} | ${mb(r.b.self)} → ${mb(r.a.self)} | ${mb(r.b.retained)} → ${mb(r.a.retained)} | ${mb(r.grew)} |`,
  );
console.log('\nA retaining path of one object of each of the top 8:');
for (const r of rows.slice(0, 8))
  if (r.example !== undefined) console.log(`- ${r.name.slice(0, 60)}: ${after.pathTo(r.example)}`);
