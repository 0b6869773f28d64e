import { describe, expect, test } from '@jest/globals';
import { AnalysisTimeout } from './javascript.js';
import { analyzePython } from './python.js';
import type { Detection } from './values.js';

async function detect(source: string): Promise<Detection[]> {
  return (await analyzePython(source, Date.now() + 10_000)).detections;
}

function summary(found: Detection[]): string[] {
  return found.map((d) => `${d.rule}@${d.startLine}:${d.provenance}`);
}

describe('SQL injection (Python)', () => {
  test('DB-API execute with an f-string, % formatting, .format and += in local variables (Flask request data)', async () => {
    const found = await detect(`
import sqlite3
from flask import request

@app.route("/invoices")
def invoices():
    customer = request.args.get("customer")
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM invoices WHERE customer = '{customer}'")
    query = "SELECT * FROM invoices WHERE status = '%s'" % request.form["status"]
    cur.execute(query)
    sql = "SELECT * FROM invoices WHERE year = {}".format(year)
    sql += " ORDER BY " + request.args["sort"]
    cur.executemany(sql, rows)
`);
    expect(summary(found)).toEqual(['secloop.sql-injection@9:request', 'secloop.sql-injection@11:request', 'secloop.sql-injection@14:request']);
    expect(found[0]).toMatchObject({ startColumn: 5, sink: 'cur.execute', built: true, callText: `cur.execute(f"SELECT * FROM invoices WHERE customer = '{customer}'")` });
  });

  test('Django raw / extra / RawSQL and SQLAlchemy text() built from data', async () => {
    const found = await detect(`
from django.db.models.expressions import RawSQL
from sqlalchemy import text

def report(request, region):
    rows = Invoice.objects.raw("SELECT * FROM billing_invoice WHERE region = '%s'" % region)
    qs = Invoice.objects.extra(where=["region = '" + request.GET["region"] + "'"])
    qs = qs.annotate(total=RawSQL("SELECT SUM(amount) FROM lines WHERE invoice_id = " + str(pk), ()))
    session.execute(text(f"DELETE FROM invoices WHERE id = {invoice_id}"))
`);
    expect(summary(found)).toEqual([
      'secloop.sql-injection@6:unknown',
      'secloop.sql-injection@7:request',
      'secloop.sql-injection@8:unknown',
      'secloop.sql-injection@9:unknown',
    ]);
  });

  test('parameterized and constant queries, psycopg2.sql composition and numbers are not reported', async () => {
    const found = await detect(`
from psycopg2 import sql
TABLE = "invoices"

def safe(request, cur, session):
    invoice_id = request.args.get("id")
    cur.execute("SELECT * FROM invoices WHERE id = %s", (invoice_id,))
    cur.execute("SELECT * FROM invoices WHERE id = %(id)s", {"id": invoice_id})
    cur.execute(sql.SQL("SELECT * FROM {} WHERE id = %s").format(sql.Identifier(table)), (invoice_id,))
    session.execute(text("SELECT * FROM invoices WHERE id = :id"), {"id": invoice_id})
    Invoice.objects.raw("SELECT * FROM billing_invoice WHERE id = %s", [invoice_id])
    cur.execute("SELECT * FROM " + TABLE + " WHERE id = %s", (invoice_id,))
    cur.execute("SELECT * FROM invoices LIMIT %d" % int(limit))
    cur.execute(f"SELECT * FROM {self.table} WHERE id = %s", (invoice_id,))
    executor.execute(task + suffix)
    message = "Hello {}".format(name)
`);
    expect(found).toEqual([]);
  });
});

describe('command injection (Python)', () => {
  test('os.system / os.popen with built strings, subprocess with shell=True, aliased imports', async () => {
    const found = await detect(`
import os
import subprocess as sp
from subprocess import check_output

def archive(request, name):
    os.system("tar czf /tmp/%s.tgz /srv/data" % name)
    out = os.popen("ping -c 1 " + request.args["host"]).read()
    sp.run(f"convert {src} {dst}", shell=True)
    check_output("du -sh " + path, shell=True)
`);
    expect(summary(found)).toEqual([
      'secloop.command-injection@7:unknown',
      'secloop.command-injection@8:request',
      'secloop.command-injection@9:unknown',
      'secloop.command-injection@10:unknown',
    ]);
  });

  test('argument lists, shell=False, constant commands and a plain variable are not reported', async () => {
    const found = await detect(`
import os, subprocess
subprocess.run(["convert", src, dst])
subprocess.run(["ls", "-l", path], shell=True)
subprocess.run("convert " + src, shell=False)
subprocess.check_call("make clean", shell=True)
os.system("sync")
os.system(command)
runner.system("ls " + path)
`);
    expect(found).toEqual([]);
  });
});

describe('code injection (Python eval / exec)', () => {
  test('eval of request data and exec of a built string are reported; literals and shadowed names are not', async () => {
    const found = await detect(`
def calc(request):
    return eval(request.args["expr"])
exec("result = " + formula)
eval("1 + 2")
ast.literal_eval(request.args["expr"])
def g(eval):
    return eval(x)
`);
    expect(summary(found)).toEqual(['secloop.code-injection@3:request', 'secloop.code-injection@4:unknown']);
  });
});

describe('unsafe YAML load', () => {
  test('yaml.load without a safe Loader, with Loader=yaml.Loader / FullLoader, unsafe_load, from-import', async () => {
    const found = await detect(`
import yaml
from yaml import load as yload
config = yaml.load(open("config.yml"))
data = yaml.load(request.data, Loader=yaml.Loader)
data = yaml.load(body, yaml.FullLoader)
data = yaml.unsafe_load(body)
data = yload(body)
`);
    expect(summary(found)).toEqual([
      'secloop.unsafe-yaml-load@4:unknown',
      'secloop.unsafe-yaml-load@5:request',
      'secloop.unsafe-yaml-load@6:unknown',
      'secloop.unsafe-yaml-load@7:unknown',
      'secloop.unsafe-yaml-load@8:unknown',
    ]);
  });

  test('safe_load, SafeLoader / CSafeLoader and other libraries named load are not reported', async () => {
    const found = await detect(`
import yaml, json, pickle
from yaml import SafeLoader
a = yaml.safe_load(body)
b = yaml.load(body, Loader=yaml.SafeLoader)
c = yaml.load(body, Loader=SafeLoader)
d = yaml.load(body, yaml.CSafeLoader)
e = json.load(fp)
f = loader.load(body)
`);
    expect(found).toEqual([]);
  });
});

describe('bad input (Python)', () => {
  test('a syntax error is reported with its line; the rest of the file is still analysed', async () => {
    const result = await analyzePython('import os\nos.system("rm " + path)\ndef broken(:\n    pass\n', Date.now() + 10_000);
    expect(result.syntaxErrorLine).toBe(3);
    expect(summary(result.detections)).toEqual(['secloop.command-injection@2:unknown']);
  });

  test('Python 2 print statements do not stop the analysis of the calls around them', async () => {
    const result = await analyzePython('print "hello"\ncursor.execute("SELECT * FROM t WHERE a = \'%s\'" % a)\n', Date.now() + 10_000);
    expect(summary(result.detections)).toEqual(['secloop.sql-injection@2:unknown']);
  });

  test('a past deadline cancels the parse, and the next file parses cleanly', async () => {
    const source = 'x = "SELECT * FROM t WHERE a = %s" % b\n'.repeat(20000);
    await expect(analyzePython(source, Date.now() - 1)).rejects.toThrow(AnalysisTimeout);
    // The shared parser must start the next file afresh, not resume the cancelled one.
    const next = await analyzePython('import os\nos.system("rm " + d)\n', Date.now() + 10_000);
    expect(summary(next.detections)).toEqual(['secloop.command-injection@2:unknown']);
    expect(next.syntaxErrorLine).toBeUndefined();
  });

  test('deeply nested expressions are parsed without overflowing', async () => {
    const source = `cursor.execute("SELECT * FROM t WHERE a = " + ${'('.repeat(5000)}x${')'.repeat(5000)})\n`;
    const result = await analyzePython(source, Date.now() + 10_000);
    expect(summary(result.detections)).toEqual(["secloop.sql-injection@1:unknown"]);
  });
});
