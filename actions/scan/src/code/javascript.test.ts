import { describe, expect, test } from '@jest/globals';
import { AnalysisTimeout, SourceParseError, analyzeJavaScript } from './javascript.js';
import type { Detection } from './values.js';

async function detect(source: string, path = 'src/app.js'): Promise<Detection[]> {
  return analyzeJavaScript(path, source, Date.now() + 10_000);
}

async function rulesAt(source: string, path?: string): Promise<string[]> {
  return (await detect(source, path)).map((d) => `${d.rule}@${d.startLine}`);
}

describe('SQL injection (JavaScript/TypeScript)', () => {
  test('mysql2 query built by concatenation in a local variable, with += (request data)', async () => {
    const found = await detect(`
const mysql = require('mysql2');
const pool = mysql.createPool({ host: 'db' });
app.get('/orders', (req, res) => {
  const status = req.query.status;
  let sql = "SELECT id, total FROM orders WHERE customer_id = " + req.user.id;
  sql += " AND status = '" + status + "'";
  pool.query(sql, (err, rows) => res.json(rows));
});`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'secloop.sql-injection',
      startLine: 8,
      startColumn: 3,
      sink: 'pool.query',
      provenance: 'request',
      built: true,
      callText: 'pool.query(sql, (err, rows) => res.json(rows))',
    });
  });

  test('sequelize query with a template literal (the Juice Shop login pattern)', async () => {
    const found = await detect(`
export async function login(req: Request, res: Response) {
  const user = await models.sequelize.query(
    \`SELECT * FROM Users WHERE email = '\${req.body.email || ''}' AND password = '\${hash(req.body.password || '')}' AND deletedAt IS NULL\`,
    { model: UserModel, plain: true },
  );
  return user;
}`, 'routes/login.ts');
    expect(found.map((d) => [d.rule, d.startLine, d.provenance])).toEqual([['secloop.sql-injection', 3, 'request']]);
  });

  test('pg client with a { text } config built from a parameter, and knex whereRaw / raw', async () => {
    const found = await detect(`
import { Pool } from 'pg';
const pool = new Pool();
export async function search(term: string, sort: string) {
  await pool.query({ text: \`SELECT * FROM products WHERE name LIKE '%\${term}%'\` });
  await knex('products').whereRaw("name = '" + term + "'");
  await knex.raw(\`SELECT * FROM products ORDER BY \${sort}\`);
}`, 'src/search.ts');
    expect(found.map((d) => `${d.sink}:${d.provenance}`)).toEqual(['pool.query:unknown', "knex('products').whereRaw:unknown", 'knex.raw:unknown']);
  });

  test('Prisma $queryRawUnsafe with request data used as is, better-sqlite3 prepare with concatenation', async () => {
    expect(
      await rulesAt(`
const rows = await prisma.$queryRawUnsafe(req.body.filter);
const stmt = db.prepare('DELETE FROM sessions WHERE token = ' + token);`),
    ).toEqual(['secloop.sql-injection@2', 'secloop.sql-injection@3']);
  });

  test('parameterized, tagged-template and constant queries are not reported', async () => {
    const found = await detect(`
const { id } = req.params;
pool.query('SELECT * FROM orders WHERE id = ?', [id]);
client.query('SELECT * FROM orders WHERE id = $1', [req.query.id]);
client.query({ text: 'SELECT * FROM orders WHERE id = $1', values: [id] });
const rows = await prisma.$queryRaw\`SELECT * FROM orders WHERE id = \${id}\`;
await sql\`SELECT * FROM orders WHERE id = \${id}\`;
const TABLE = 'orders';
const q = 'SELECT * FROM ' + TABLE + ' WHERE id = ?';
pool.query(q, [id]);
pool.query(\`SELECT * FROM \${TABLE} LIMIT 10\`);
knex('orders').whereRaw('id = ?', [id]);
db.prepare('SELECT * FROM orders WHERE id = ' + Number(id));
pool.query('SELECT * FROM orders WHERE id = ' + mysql.escape(id));
pool.query('SELECT * FROM orders WHERE id = ' + parseInt(req.query.id, 10));
`);
    expect(found).toEqual([]);
  });

  test('generic method names are SQL sinks only when the text is SQL', async () => {
    const found = await detect(`
const url = '/api/' + path;
cache.get('user:' + id);
router.get('/items/' + version, handler);
const m = /a/.exec('x' + y);
graphql.query('{ user(id: ' + id + ') { name } }');
db.get('SELECT * FROM users WHERE name = "' + name + '"');`);
    expect(found.map((d) => d.startLine)).toEqual([7]);
  });

  test('a query string that is a function parameter is not "built" (data-access helpers are written that way)', async () => {
    expect(await detect(`function run(sql, params) { return pool.query(sql, params); }`)).toEqual([]);
  });

  test('only assignments before the call count in its own function', async () => {
    const found = await detect(`
function f(id) {
  let sql = 'SELECT * FROM t WHERE id = ?';
  pool.query(sql, [id]);
  sql = 'SELECT * FROM t WHERE id = ' + id;
  return sql;
}`);
    expect(found).toEqual([]);
  });
});

describe('code injection (eval, Function, vm)', () => {
  test('eval, new Function and vm.runInNewContext of non-constant data are reported', async () => {
    const found = await detect(`
const vm = require('node:vm');
app.post('/calc', (req, res) => {
  const expr = req.body.expression;
  res.send(String(eval(expr)));
  const fn = new Function('x', 'return ' + req.query.formula);
  vm.runInNewContext(template, sandbox);
});`);
    expect(found.map((d) => `${d.rule}@${d.startLine}:${d.provenance}`)).toEqual([
      'secloop.code-injection@5:request',
      'secloop.code-injection@6:request',
      'secloop.code-injection@7:unknown',
    ]);
  });

  test('constant code, JSON.parse and a shadowing local eval are not reported', async () => {
    const found = await detect(`
import vm from 'vm';
eval('1 + 1');
const add = new Function('a', 'b', 'return a + b');
vm.runInThisContext('globalThis.ready = true');
const data = JSON.parse(req.body.payload);
setTimeout(() => eval, 10);
function outer(eval) { return eval(req.body.x); }`);
    expect(found).toEqual([]);
  });
});

describe('command injection (child_process)', () => {
  test('exec / execSync with built strings, however child_process was bound', async () => {
    const found = await detect(`
import { exec, execSync as run } from 'node:child_process';
import * as cp from 'child_process';
exec(\`convert \${req.file.path} out.png\`);
run('git log ' + branch);
cp.exec('tar xf ' + archive, done);
require('child_process').execSync("ping -c 1 " + req.query.host);
cp.spawn('sh -c "' + cmd + '"', { shell: true });`);
    expect(found.map((d) => `${d.sink}@${d.startLine}:${d.provenance}`)).toEqual([
      'child_process.exec@4:request',
      'child_process.execSync@5:unknown',
      'child_process.exec@6:unknown',
      'child_process.execSync@7:request',
      'child_process.spawn@8:unknown',
    ]);
  });

  test('execFile / spawn with argument arrays, constant commands and other exec methods are safe', async () => {
    const found = await detect(`
const { execFile, spawn, exec } = require('child_process');
execFile('convert', [req.file.path, 'out.png']);
spawn('git', ['log', branch]);
spawn('git', ['log', branch], { shell: false });
exec('git status');
const match = pattern.exec(input + suffix);
exec(command);`);
    expect(found).toEqual([]);
  });
});

describe('bad input', () => {
  test('a file that does not parse is a SourceParseError naming the position', async () => {
    await expect(detect('function (\n  broken = ;', 'src/broken.js')).rejects.toThrow(SourceParseError);
    await expect(detect('function (\n  broken = ;', 'src/broken.js')).rejects.toThrow(/\(1:9\)/);
  });

  test('TypeScript generics and JSX parse in their own file types', async () => {
    expect(await detect('const f = <T,>(x: T): T => x; const el = <div>{f(1)}</div>;', 'src/view.tsx')).toEqual([]);
    expect(await detect('const n = <number>value; enum E { A }', 'src/cast.ts')).toEqual([]);
    expect(await detect('// @flow\nfunction f(x: number): string { return db.query("SELECT * FROM t WHERE a = " + x); }', 'src/flow.js')).toHaveLength(1);
  });

  test('a self-referencing variable chain terminates', async () => {
    const found = await detect(`
let a = 'SELECT * FROM t WHERE x = ' + b;
let b = a + c;
a = b + a;
a += a;
pool.query(a);`);
    expect(found).toHaveLength(1);
  });

  test('a past deadline stops the analysis', async () => {
    const source = 'pool.query("SELECT 1 FROM t WHERE a = " + x);\n'.repeat(5000);
    await expect(analyzeJavaScript('big.js', source, Date.now() - 1)).rejects.toThrow(AnalysisTimeout);
  });
});
