// Prints one plain closing line, "jest: N passed, N failed, N skipped", that CI systems without a jest
// parser can read. Jest writes its own summary after every reporter has run, so the line is written when
// the process exits, to stand last.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numFailedTestSuites } = results;
    // A suite that fails to load counts as a failure even though none of its tests ran.
    const failed = numFailedTests + (numFailedTests === 0 ? numFailedTestSuites : 0);
    const line = `jest: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
