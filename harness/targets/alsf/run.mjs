// run.mjs — executions per second of aws-local-stepfunctions (in-process) on each given workload, one JSON line each.
//
// Usage: node run.mjs --input FILE [--seconds S] [--warmup S] DEFINITION...
//
// Measured the way the peer figures in ../shared/bench/README.md were taken, and the way
// `aslcheck bench` measures the oracle: the state machine is built once per workload (validation
// off, so construction cost and the validator stay out of the timing), warmed up so V8 has tiered
// up the hot paths, then sequential awaited runs for S seconds. Every run must succeed: a failed
// execution is an error (exit 1), never a figure. Bad arguments or unreadable files exit 2.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';

import './polyfills.mjs';

// Loaded dynamically: a static import would be evaluated before the polyfills.
const { StateMachine } = await import('aws-local-stepfunctions');

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function usage(message) {
  process.stderr.write(`run.mjs: ${message}\n`);
  process.stderr.write('usage: node run.mjs --input FILE [--seconds S] [--warmup S] DEFINITION...\n');
  process.exit(EXIT_USAGE);
}

function parseArguments(argv) {
  const options = { input: null, seconds: 2, warmup: 1, definitions: [] };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    const positive = (text) => {
      const n = Number(text);
      if (!Number.isFinite(n) || n <= 0) usage(`${arg} must be a positive number, got '${text}'`);
      return n;
    };
    if (arg === '--input') options.input = value();
    else if (arg === '--seconds') options.seconds = positive(value());
    else if (arg === '--warmup') options.warmup = positive(value());
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else options.definitions.push(arg);
  }
  if (options.input === null) usage('--input FILE is required');
  if (options.definitions.length === 0) usage('give at least one DEFINITION');
  return options;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    usage(`cannot read ${file}: ${error.message}`);
  }
}

// Same naming as the workloads in ../shared/bench: "choice10.asl.json" is the workload "choice10".
function workloadName(file) {
  return basename(file).replace(/\.asl\.json$/, '').replace(/\.json$/, '');
}

// A run that rejects (ExecutionError for a Fail state or a runtime error, abort, timeout) is a
// failure; the message keeps the package's inner cause, which says what went wrong.
function describe(error) {
  const inner = error?.cause instanceof Error ? ` (${error.cause.name}: ${error.cause.message})` : '';
  return `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}${inner}`;
}

// Runs back to back until `seconds` have passed, each awaited before the next starts, as the
// oracle's loop does. The clock is read after every run: at tens of microseconds per execution
// its cost is noise, and it keeps the overshoot to one run.
async function runFor(machine, input, seconds, workload, phase) {
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let executions = 0;
  let now = start;
  do {
    try {
      await machine.run(input).result;
    } catch (error) {
      process.stderr.write(`run.mjs: ${workload}: ${phase} execution ${executions + 1} failed: ${describe(error)}\n`);
      process.exit(EXIT_FAILED);
    }
    ++executions;
    now = performance.now();
  } while (now < deadline);
  return { executions, seconds: (now - start) / 1000 };
}

const options = parseArguments(process.argv.slice(2));
const input = readJson(options.input);

for (const file of options.definitions) {
  const workload = workloadName(file);
  const definition = readJson(file);
  let machine;
  try {
    machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
  } catch (error) {
    process.stderr.write(`run.mjs: ${workload}: the state machine could not be built: ${describe(error)}\n`);
    process.exit(EXIT_FAILED);
  }
  await runFor(machine, input, options.warmup, workload, 'warm-up');
  const { executions, seconds } = await runFor(machine, input, options.seconds, workload, 'timed');
  process.stdout.write(
    JSON.stringify({
      workload,
      executionsPerSecond: executions / seconds,
      executions,
      seconds,
      status: 'SUCCEEDED',
    }) + '\n',
  );
}
