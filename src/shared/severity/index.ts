export * from './cvss.js';
export * from './severity.js';
