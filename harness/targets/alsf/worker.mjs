// worker.mjs — aws-local-stepfunctions as an aslcheck worker: cases in, Results out, one JSON line each, on a virtual clock.
//
// Usage: node worker.mjs            (spoken to by `aslcheck run --target alsf`; README "Worker protocol")
//
// Protocol: on start it writes one hello line {"aslcheckWorker":1,"name","version","capabilities"};
// then for every request line {"id","case","contextObject"} it writes {"id","result"} with the
// Result in aslcheck's JSON form. Nothing else is written to stdout; diagnostics go to stderr.
//
// How a case is run:
// - Task states run the case's `tasks` script through the package's task handler overrides
//   (taskResourceLocalHandlers). The invocation counter of a Task state is kept per Map
//   iteration and per Parallel branch (DESIGN.md "Case file"): StateMachine.prototype.run is
//   wrapped so every nested run carries its scope in an AsyncLocalStorage.
// - Time is virtual (@sinonjs/fake-timers): Wait states, retry intervals, task durations
//   (`seconds`) and timeouts take no wall time, Date.now() starts at the case's start time, and
//   the retry delays read from the event log are exact virtual seconds (time scale 1).
// - The trace is the sequence of States lookups the package makes when it enters a state (a
//   Proxy on each States object): its event log drops nested events that arrive after the
//   execution has ended, so it cannot give the trace of a failed Parallel or Map.

import './polyfills.mjs';

import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

// Loaded dynamically: static imports would be evaluated before the polyfills.
const { StateMachine, ExecutionError, ExecutionTimeoutError, ExecutionAbortedError } = await import(
  'aws-local-stepfunctions'
);
const FakeTimers = await import('@sinonjs/fake-timers');
// The package exports no package.json; read the installed one beside this file.
const packageVersion = JSON.parse(
  readFileSync(new URL('./node_modules/aws-local-stepfunctions/package.json', import.meta.url), 'utf8'),
).version;

const realSetImmediate = globalThis.setImmediate;
const DEFAULT_START_TIME = '2026-01-01T00:00:00Z';
// Rounds of the event loop with no timer pending and the execution still running before the
// run is declared stalled (it is waiting on nothing the worker can advance).
const STALL_ROUNDS = 1000;

// --- scopes: which Map iteration or Parallel branch a task invocation belongs to -----------------

const scopeStorage = new AsyncLocalStorage();
const definitionIds = new WeakMap();
let nextDefinitionId = 0;
const originalRun = StateMachine.prototype.run;

// The package makes a fresh StateMachine for each Parallel branch (run once) and one per Map
// state execution for its iterator (run once per item, in item order: p-limit starts them in
// order). The scope is the parent's scope, the definition's identity and the run's ordinal, so
// iteration i of a Map keeps its counters across retries of that Map, as the oracle does.
StateMachine.prototype.run = function scopedRun(input, options) {
  const parent = scopeStorage.getStore();
  if (parent === undefined) return originalRun.call(this, input, options);
  if (!definitionIds.has(this.definition)) definitionIds.set(this.definition, nextDefinitionId++);
  this.aslcheckRuns = (this.aslcheckRuns ?? 0) + 1;
  const scope = `${parent.scope}/${definitionIds.get(this.definition)}#${this.aslcheckRuns - 1}`;
  return scopeStorage.run({ ...parent, scope }, () => originalRun.call(this, input, options));
};

// --- the case's task script --------------------------------------------------------------------

class CaseError extends Error {}

function taskStates(definition, into = new Set()) {
  for (const [name, state] of Object.entries(definition?.States ?? {})) {
    if (state?.Type === 'Task') into.add(name);
    for (const branch of state?.Branches ?? []) taskStates(branch, into);
    if (state?.ItemProcessor) taskStates(state.ItemProcessor, into);
    if (state?.Iterator) taskStates(state.Iterator, into);
  }
  return into;
}

// The step for the n-th invocation (0-based, counting retries), as in the oracle's scripted_step.
function scriptedStep(steps, invocation) {
  let seen = 0;
  for (const step of steps ?? []) {
    seen += step.times ?? 1;
    if (invocation < seen) return step;
  }
  return null;
}

function taskHandlers(testCase, run) {
  const handlers = {};
  for (const name of taskStates(testCase.definition)) {
    handlers[name] = async (input) => {
      const scope = scopeStorage.getStore()?.scope ?? '';
      const key = `${scope}|${name}`;
      const invocation = run.invocations.get(key) ?? 0;
      run.invocations.set(key, invocation + 1);
      const step = scriptedStep(testCase.tasks?.[name], invocation);
      if (step === null) {
        run.caseError = `Task state '${name}' has no scripted step for invocation ${invocation}`;
        throw new CaseError(run.caseError);
      }
      if (step.seconds) await new Promise((resolve) => setTimeout(resolve, step.seconds * 1000));
      if (step.throw) {
        const error = new Error(step.throw.cause ?? '');
        error.name = step.throw.error;
        throw error;
      }
      return step.return;
    };
  }
  return handlers;
}

// --- the trace -----------------------------------------------------------------------------------

// A copy of the definition whose States objects record every state the package enters. The
// package looks a state up exactly once per entry (StartAt, then each Next); lookups of names
// that are not states (the end of a run) are not entries.
function tracedDefinition(definition, trace) {
  if (definition === null || typeof definition !== 'object') return definition;
  if (Array.isArray(definition)) return definition.map((item) => tracedDefinition(item, trace));
  const copy = {};
  for (const [key, value] of Object.entries(definition)) copy[key] = tracedDefinition(value, trace);
  if (copy.States && typeof copy.States === 'object' && !Array.isArray(copy.States) && typeof copy.StartAt === 'string') {
    const states = copy.States;
    copy.States = new Proxy(states, {
      get(target, property, receiver) {
        if (typeof property === 'string' && Object.hasOwn(target, property) && trace.recording) trace.names.push(property);
        return Reflect.get(target, property, receiver);
      },
    });
  }
  return copy;
}

// --- running one case ----------------------------------------------------------------------------

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

// Retry records from the event log: the delay is the virtual time between a state's failure and
// its StateRetried event (the package sleeps in between).
function retriesFrom(events) {
  const failedAt = new Map();
  const retries = [];
  for (const event of events) {
    const key = `${event.state?.name}#${event.index ?? ''}`;
    if (event.type === 'StateFailed') failedAt.set(key, event.timestamp);
    if (event.type === 'StateRetried' && failedAt.has(key)) {
      retries.push({
        state: event.state.name,
        attempt: event.retry.attempt,
        delaySeconds: (event.timestamp - failedAt.get(key)) / 1000,
      });
    }
  }
  return retries;
}

function startTimeOf(testCase, contextObject) {
  const text = contextObject?.Execution?.StartTime ?? testCase.context?.startTime ?? DEFAULT_START_TIME;
  const millis = Date.parse(text);
  return Number.isFinite(millis) ? millis : Date.parse(DEFAULT_START_TIME);
}

async function runCase(testCase, contextObject) {
  const trace = { names: [], recording: false };
  let machine;
  try {
    machine = new StateMachine(testCase.definition);
  } catch (error) {
    return {
      status: 'INVALID_DEFINITION',
      diagnostics: [{ severity: 'ERROR', code: 'ALSF_VALIDATION', message: error.message }],
    };
  }
  // Validated above; the traced copy is run without validating again.
  const traced = new StateMachine(tracedDefinition(testCase.definition, trace), {
    validationOptions: { noValidate: true },
  });

  const clock = FakeTimers.withGlobal(globalThis).install({
    now: startTimeOf(testCase, contextObject),
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  const run = { invocations: new Map(), caseError: null };
  const events = [];
  let outcome = null;
  try {
    trace.recording = true;
    const context = contextObject ? { ...contextObject } : undefined;
    const execution = scopeStorage.run({ scope: '' }, () =>
      traced.run(testCase.input ?? {}, { overrides: { taskResourceLocalHandlers: taskHandlers(testCase, run) }, context }),
    );
    (async () => {
      for await (const event of execution.eventLogs) events.push(event);
    })().catch(() => {});
    execution.result.then(
      (output) => (outcome = { output }),
      (error) => (outcome = { error }),
    );
    // Drive the virtual clock: let every pending promise settle, then fire the next timer.
    let idle = 0;
    while (outcome === null) {
      await new Promise((resolve) => realSetImmediate(resolve));
      if (outcome !== null) break;
      if (clock.countTimers() === 0) {
        if (++idle > STALL_ROUNDS) return { status: 'TARGET_ERROR', message: 'the execution stalled: no timer pending and no result' };
        continue;
      }
      idle = 0;
      clock.next();
    }
    // Let forwarded nested events reach the root log.
    await new Promise((resolve) => realSetImmediate(resolve));
  } finally {
    trace.recording = false;
    clock.uninstall();
  }

  if (run.caseError !== null) return { status: 'TARGET_ERROR', message: run.caseError };
  const common = { trace: trace.names, retries: retriesFrom(events) };
  if ('output' in outcome) return { status: 'SUCCEEDED', output: outcome.output ?? null, ...common };
  const error = outcome.error;
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', ...common };
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED', ...common };
  if (error instanceof ExecutionError) {
    const inner = error.cause;
    const result = { status: 'FAILED', error: inner?.name ?? 'Error', ...common };
    // A cause the package carries is reported as it is, the empty string too (a Fail state's
    // "Cause": ""); only a JavaScript error without one falls back to its message.
    const cause = inner?.cause ?? (inner?.message === '' ? undefined : inner?.message);
    if (cause !== undefined) result.cause = typeof cause === 'string' ? cause : JSON.stringify(cause);
    return result;
  }
  return { status: 'TARGET_ERROR', message: `the package threw outside an execution: ${describe(error)}` };
}

// --- the protocol loop ---------------------------------------------------------------------------

// aws-local-stepfunctions 3.0.0 leaves some promise rejections unhandled (a Task that fails in
// one branch while another is still running), which would end the whole worker on Node >= 15.
// They are logged and the execution's own result is reported: its semantics is what is compared.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`worker.mjs: aws-local-stepfunctions left a rejection unhandled: ${describe(reason)}\n`);
});

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

send({
  aslcheckWorker: 1,
  name: 'alsf',
  version: `aws-local-stepfunctions ${packageVersion} on node ${process.versions.node}`,
  capabilities: {
    channels: ['status', 'output', 'error', 'cause', 'trace', 'retries'],
    express: true,
    distributedMap: false,
    callbacks: false,
    jsonata: false,
    variables: false,
    timeScale: 1,
  },
});

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    process.stderr.write(`worker.mjs: bad request line: ${error.message}\n`);
    process.exit(2);
  }
  let result;
  try {
    result = await runCase(request.case ?? {}, request.contextObject);
  } catch (error) {
    result = { status: 'TARGET_ERROR', message: `worker: ${describe(error)}` };
  }
  send({ id: request.id, result });
}
