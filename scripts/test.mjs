// The README's test command: type check, lint, format check and every test suite, ending with
// one line "N passed, N failed" (checks count as one test each).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { requireNode } from './node-version.mjs';

// Before anything else: on an old Node, one sentence naming the fix (scripts/node-version.mjs).
requireNode();

const results = { passed: 0, failed: 0, skipped: 0 };

function run(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', shell: false });
  return status === 0;
}

function check(name, command, args) {
  if (run(name, command, args)) results.passed++;
  else {
    results.failed++;
    console.log(`!!! ${name} failed`);
  }
}

const npx = 'npx';
check('type check', npx, ['tsc', '-b']);
check('lint', npx, ['eslint', '--max-warnings', '0', '.']);
check('format', npx, ['prettier', '--check', '.']);
check('build (main, preload, renderer)', npx, ['electron-vite', 'build']);

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const suitesOk = run('tests', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  results.passed += json.numPassedTests;
  results.failed += json.numFailedTests;
  results.skipped += json.numPendingTests + json.numTodoTests;
  // A suite that fails to load has no failed test but must still fail the run.
  if (!suitesOk && json.numFailedTests === 0) results.failed++;
} catch {
  results.failed++;
  console.log(`!!! no test report at ${report}`);
}

console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed === 0 ? 0 : 1);
