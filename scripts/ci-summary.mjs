// Print the CI's last line, `N passed, N failed`, from every suite's results in .ci/results/.
// vitest writes vitest.json (its JSON reporter); other suites write { name, passed, failed }.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../.ci/results/', import.meta.url);
let passed = 0;
let failed = 0;
if (process.argv[2] === '--setup-failed') failed += 1;
if (existsSync(dir)) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    if ('numPassedTests' in data) {
      passed += data.numPassedTests;
      failed += data.numFailedTests + (data.numFailedTestSuites ?? 0) + (data.numRuntimeErrorTestSuites ?? 0);
      console.log(`${file}: ${data.numPassedTests} passed, ${data.numFailedTests} failed, ${data.numPendingTests ?? 0} skipped`);
    } else {
      passed += data.passed;
      failed += data.failed;
      console.log(`${file}: ${data.passed} passed, ${data.failed} failed`);
    }
  }
}
if (passed + failed === 0) failed = 1; // nothing ran is a failure
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
