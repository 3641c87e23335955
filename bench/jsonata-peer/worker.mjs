// worker.mjs — jsonata-js 2.0.6 as a differential-testing peer of the C++ engine: expressions and documents in, results out, one JSON line each.
//
// Usage: node bench/jsonata-peer/worker.mjs   (spoken to by tests/jsonata/differential_test.cpp)
//
// Protocol (aslcheck's worker protocol, README "Worker protocol"): on start it writes one hello
// line {"aslcheckWorker":1,"name":"jsonata-js","version":"2.0.6"}; then for every request line
// {"id", "expression", "input"?} (no "input": evaluate() with nothing, as the C++ engine's null
// input) it writes exactly one line:
//   {"id", "undefined": true}                          the result is undefined
//   {"id", "result": <JSON>}                           the result as JSON.stringify writes it, with
//                                                      functions as "" (what the C++ API returns)
//   {"id", "error": {"code", "message", "position"}}   a jsonata-js error (syntax or evaluation);
//                                                      "code" is null for a JavaScript error
// Nothing else is written to stdout.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

import jsonata from 'jsonata';

const version = JSON.parse(readFileSync(new URL('./node_modules/jsonata/package.json', import.meta.url), 'utf8')).version;

function write(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

// jsonata-js's isFunction: native functions, lambdas and built-ins.
const isFunction = (v) => typeof v === 'function' || (v && (v._jsonata_lambda === true || v._jsonata_function === true));

// JSON.stringify's view of a result, with function values as "" (the C++ API's convention).
function toJson(value) {
  const text = JSON.stringify(value, (key, v) => (isFunction(v) ? '' : v));
  return text === undefined ? undefined : JSON.parse(text);
}

async function answer(request) {
  const { id, expression: text } = request;
  try {
    const expression = jsonata(text);
    const result = 'input' in request ? await expression.evaluate(request.input) : await expression.evaluate();
    const json = toJson(result);
    if (json === undefined) return { id, undefined: true };
    return { id, result: json };
  } catch (e) {
    const code = typeof e?.code === 'string' ? e.code : null;
    const message = typeof e?.message === 'string' ? e.message : String(e);
    const position = typeof e?.position === 'number' ? e.position : null;
    return { id, error: { code, message, position } };
  }
}

write({ aslcheckWorker: 1, name: 'jsonata-js', version });

// Requests are answered one at a time, in order.
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  queue = queue.then(async () => {
    let request;
    try {
      request = JSON.parse(line);
    } catch (e) {
      write({ id: null, error: { code: null, message: `request is not JSON: ${e.message}`, position: null } });
      return;
    }
    write(await answer(request));
  });
});
