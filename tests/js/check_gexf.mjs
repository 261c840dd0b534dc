// Load a GEXF file with graphology-gexf (the reader Gephi Lite uses) and print
// what the Python tests compare with the RDF view, as one JSON object:
//   {"nodes": N, "edges": M, "graph_type": "...", "unlabelled": [...],
//    "untyped": [...], "unkinded": [...], "types": {type: count},
//    "kinds": {kind: count}, "with_time": count of edges with a "dates" value}
// Usage: node tests/js/check_gexf.mjs FILE.gexf   (exit 1 if it cannot be parsed)
import { readFileSync } from 'node:fs';
import Graph from 'graphology';
import gexf from 'graphology-gexf';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tests/js/check_gexf.mjs FILE.gexf');
  process.exit(2);
}

let graph;
try {
  graph = gexf.parse(Graph, readFileSync(file, 'utf-8'));
} catch (err) {
  console.error(`${file}: graphology-gexf could not parse it: ${err.message}`);
  process.exit(1);
}

const report = {
  nodes: graph.order,
  edges: graph.size,
  graph_type: graph.type,
  multi: graph.multi,
  unlabelled: [],
  untyped: [],
  unkinded: [],
  uncoloured: [],
  types: {},
  kinds: {},
  with_time: 0,
};

graph.forEachNode((node, attrs) => {
  if (!attrs.label) report.unlabelled.push(node);
  if (!attrs.type) report.untyped.push(node);
  if (!attrs.color) report.uncoloured.push(node);
  report.types[attrs.type] = (report.types[attrs.type] || 0) + 1;
});
graph.forEachEdge((edge, attrs) => {
  if (!attrs.kind || !attrs.label) report.unkinded.push(edge);
  report.kinds[attrs.kind] = (report.kinds[attrs.kind] || 0) + 1;
  if (attrs.dates) report.with_time += 1;
});

console.log(JSON.stringify(report));
