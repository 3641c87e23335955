// fake_worker.mjs — a tiny worker for the `command` target tests: answers by case id, or crashes, hangs and babbles on purpose.
//
// Usage: node fake_worker.mjs [--delay-ms N]
// The behaviour is the case id after its first '-' ("b-crash" -> "crash"): "crash" ends the process, "hang" never gets an answer, "garbage"
// gets a line that is not JSON, "wrong-id" an answer for another request, "bad-result" a Result
// with an unknown status (each only at the start of the behaviour). Every other case is answered with its `expect` when it has one, else
// with {"status":"SUCCEEDED","output":<its input>} (right for a machine of Pass states).

import { createInterface } from 'node:readline';

const delayIndex = process.argv.indexOf('--delay-ms');
const delayMs = delayIndex > 0 ? Number(process.argv[delayIndex + 1]) : 0;

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
send({
  aslcheckWorker: 1,
  name: 'fake',
  capabilities: { channels: ['status', 'output', 'error'], express: false, timeScale: 1 },
});

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, case: testCase } = JSON.parse(line);
  const behaviour = id.slice(id.indexOf('-') + 1);
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (behaviour.startsWith('crash')) {
    process.stderr.write('fake_worker: crashing on purpose\n');
    process.exit(7);
  }
  if (behaviour.startsWith('hang')) await new Promise(() => {});
  if (behaviour.startsWith('garbage')) {
    process.stdout.write('this is not JSON\n');
    continue;
  }
  if (behaviour.startsWith('wrong-id')) {
    send({ id: 'some-other-case', result: { status: 'SUCCEEDED', output: {} } });
    continue;
  }
  if (behaviour.startsWith('bad-result')) {
    send({ id, result: { status: 'NOPE' } });
    continue;
  }
  send({ id, result: testCase.expect ?? { status: 'SUCCEEDED', output: testCase.input ?? {} } });
}
