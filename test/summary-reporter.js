// Prints one plain closing line, "jest: N passed, N failed, N skipped", that CI systems without a jest
// parser can read; jest's own summary stays above it.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numFailedTestSuites, numRuntimeErrorTestSuites } = results;
    const failed = numFailedTests + numRuntimeErrorTestSuites + (numFailedTests === 0 ? numFailedTestSuites : 0);
    process.stderr.write(`\njest: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`);
  }
}
