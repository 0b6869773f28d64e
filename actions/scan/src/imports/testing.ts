/** Test helpers for the importers: the scanners' shared ones (findings checked against the contract). */
export { assertFindingsValid } from '../scanners/testing.js';

/** The importers' tests stamp findings with this time (alerts carry their own start time instead). */
export const DETECTED_AT = '2024-06-01T12:00:00.000Z';
