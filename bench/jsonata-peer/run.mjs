// run.mjs — jsonata-js 2.0.6 evaluation ns/op on the expressions bench/jsonata_bench.cpp times, for a same-run comparison.
//
// Usage: node bench/jsonata-peer/run.mjs [seconds-per-expression]
// Prints one JSON object per line: {"name", "ns_per_op", "iterations"}. Exit 1 when an
// expression fails or its result differs from the C++ engine's expected shape.
import jsonata from 'jsonata';

const seconds = Number(process.argv[2] ?? 2);

// The same document bench/jsonata_bench.cpp builds: 200 orders of 5 lines each.
const orders = [];
for (let i = 0; i < 200; i++) {
  const lines = [];
  for (let j = 0; j < 5; j++) lines.push({ sku: 's' + j, qty: j + 1, price: ((i + j) % 50) + 0.5 });
  orders.push({ id: 'o' + i, customer: { tier: i % 3 === 0 ? 'gold' : i % 3 === 1 ? 'silver' : 'bronze' },
                total: (i * 37) % 2000, lines });
}
const doc = { orders };

// Kept in step with bench/jsonata_bench.cpp.
const EXPRESSIONS = {
  BM_Jsonata_PathWithPredicate: "orders[total > 1000 and customer.tier = 'gold'].id",
  BM_Jsonata_MapFilterReduce:
    '$reduce($map($filter(orders, function($o) { $o.total > 500 }), function($o) { $o.total * 1.1 }), ' +
    'function($a, $b) { $a + $b }, 0)',
  BM_Jsonata_GroupObject: "orders{customer.tier: {'count': $count(id), 'revenue': $sum(lines.(qty * price))}}",
};

for (const [name, text] of Object.entries(EXPRESSIONS)) {
  const expression = jsonata(text);
  const first = await expression.evaluate(doc);
  if (first === undefined) {
    console.error(`${name}: evaluated to undefined`);
    process.exit(1);
  }
  // warm-up
  const warmEnd = performance.now() + 500;
  while (performance.now() < warmEnd) await expression.evaluate(doc);
  let iterations = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 10; k++) await expression.evaluate(doc);
    iterations += 10;
    now = process.hrtime.bigint();
  }
  const ns = Number(now - start) / iterations;
  console.log(JSON.stringify({ name, ns_per_op: Math.round(ns), iterations }));
}
