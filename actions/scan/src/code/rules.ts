import type { SeverityLevel } from '../../../../src/shared/contracts/findings.js';

/** The rules of the code scanner. Ids are stable: suppressions and the healing policy refer to them. */
export type RuleId = 'secloop.sql-injection' | 'secloop.code-injection' | 'secloop.command-injection' | 'secloop.unsafe-yaml-load';

export interface CodeRule {
  id: RuleId;
  name: string;
  event_type: string;
  cwe: string[];
  /** Severity when the data is not known to come from a request; `severityFromRequest` when it is. */
  severity: SeverityLevel;
  severityFromRequest: SeverityLevel;
  help: string;
  help_uri: string;
  fix: string;
  tags: string[];
}

export const CODE_RULES: Readonly<Record<RuleId, CodeRule>> = {
  'secloop.sql-injection': {
    id: 'secloop.sql-injection',
    name: 'SQL query built from non-constant data',
    event_type: 'vulnerability.sql_injection',
    cwe: ['CWE-89'],
    severity: 'high',
    severityFromRequest: 'critical',
    help:
      'The SQL text handed to the database is assembled from data by concatenation, interpolation or formatting, ' +
      'so a quote in that data changes the query. Keep the SQL constant and pass the values as parameters: ' +
      "JavaScript `db.query('SELECT * FROM users WHERE id = ?', [id])` (pg: `$1`), knex `whereRaw('id = ?', [id])`, " +
      'Prisma `$queryRaw` tagged templates; Python `cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))`, ' +
      'SQLAlchemy `text("... WHERE id = :id")` with `{"id": user_id}`, Django `raw(sql, [params])`. ' +
      'Identifiers (table or column names) cannot be parameters: pick them from a fixed allow-list.',
    help_uri: 'https://cwe.mitre.org/data/definitions/89.html',
    fix: 'Use a parameterized query: constant SQL with placeholders, values passed separately.',
    tags: ['security', 'injection', 'sql'],
  },
  'secloop.code-injection': {
    id: 'secloop.code-injection',
    name: 'Code evaluated from non-constant data',
    event_type: 'vulnerability.code_injection',
    cwe: ['CWE-95'],
    severity: 'high',
    severityFromRequest: 'critical',
    help:
      'eval, new Function, vm.runIn*Context and vm.Script (Python: eval and exec) run their argument as code: ' +
      'whoever controls that data runs code in the process. Parse data instead of evaluating it ' +
      '(JSON.parse, ast.literal_eval, a lookup table of allowed operations); note that the vm module is not a security sandbox.',
    help_uri: 'https://cwe.mitre.org/data/definitions/95.html',
    fix: 'Do not evaluate data as code: parse it (JSON.parse, ast.literal_eval) or dispatch through an allow-list.',
    tags: ['security', 'injection', 'eval'],
  },
  'secloop.command-injection': {
    id: 'secloop.command-injection',
    name: 'Shell command built from non-constant data',
    event_type: 'vulnerability.command_injection',
    cwe: ['CWE-78'],
    severity: 'high',
    severityFromRequest: 'critical',
    help:
      'The command line is assembled from data and run by a shell, so `;`, `|`, `$( )` or a space in that data ' +
      'run other commands. Run the program directly with an argument list and no shell: ' +
      "`execFile('convert', [input, output])` or `spawn('git', ['log', ref])` in Node; " +
      "`subprocess.run(['convert', src, dst])` (no shell=True) in Python instead of os.system / os.popen.",
    help_uri: 'https://cwe.mitre.org/data/definitions/78.html',
    fix: 'Pass the program and its arguments as a list to execFile/spawn or subprocess.run without a shell.',
    tags: ['security', 'injection', 'command'],
  },
  'secloop.unsafe-yaml-load': {
    id: 'secloop.unsafe-yaml-load',
    name: 'YAML loaded with a loader that builds arbitrary objects',
    event_type: 'vulnerability.unsafe_deserialization',
    cwe: ['CWE-502'],
    severity: 'high',
    severityFromRequest: 'critical',
    help:
      'PyYAML `yaml.load` without a safe Loader (and `yaml.unsafe_load`, or Loader=yaml.Loader / UnsafeLoader / FullLoader) ' +
      'can construct arbitrary Python objects from tags such as `!!python/object/apply`, which runs code. ' +
      'Use `yaml.safe_load(data)` or `yaml.load(data, Loader=yaml.SafeLoader)`.',
    help_uri: 'https://cwe.mitre.org/data/definitions/502.html',
    fix: 'Use yaml.safe_load (or Loader=yaml.SafeLoader / CSafeLoader).',
    tags: ['security', 'deserialization', 'yaml'],
  },
};
