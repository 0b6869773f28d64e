/** The analyze command's usage lines, apart from its code so `secloop --help` does not load the agent. */
export const ANALYZE_USAGE = `  secloop analyze --in <dir>... --out <dir> [--artifacts <root>] [--artifact-pattern secloop-scan-*] [--expected-artifacts <n>]
               [--config-file secloop.yml] [--vex <openvex.json>]... [--baseline <dir|file>]
               [--fail-on-severity none|low|medium|high|critical] [--gate-on new|all]
               [--policy-file <healing-policies.yaml>] [--test-environment]
               [--correlation-id <id>] [--quiet] [--debug]
`;
