/** A generated SBOM that fails its official schema: our bug, so it is thrown instead of written. */
export class InvalidSbomError extends Error {
  constructor(
    readonly format: string,
    readonly problems: string[],
  ) {
    super(`generated ${format} document does not match its schema: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`);
    this.name = 'InvalidSbomError';
  }
}
