#!/usr/bin/env node
// Generates src/shared/contracts/validators.generated.js: ajv "standalone" validation code for the contract
// schemas (findings, events, analysis), so a run validates every document it writes or reads without compiling a schema
// (compiling the findings schema and ajv's meta-schema took ~80 ms of a 0.3 s scan).
//
//   node scripts/generate-validators.js           write the file
//   node scripts/generate-validators.js --check   fail if the committed file differs from what the schemas give
//
// The schemas stay TypeScript objects (findings.ts, event-schema.ts); their modules (and the schema modules they
// import) are transpiled here with the TypeScript compiler into a temporary folder and loaded from there.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const addFormats = addFormatsModule.default ?? addFormatsModule;
const standaloneCode = standaloneCodeModule.default ?? standaloneCodeModule;

export const GENERATED_FILE = 'src/shared/contracts/validators.generated.js';

/** Each schema: the module that exports it, the export's name, and the name of its generated validator. */
export const SCHEMAS = [
  { module: 'src/shared/contracts/findings.ts', exportName: 'findingsSchema', validatorName: 'validateFindings' },
  { module: 'src/shared/contracts/event-schema.ts', exportName: 'eventSchema', validatorName: 'validateEvent' },
  { module: 'src/shared/contracts/analysis-schema.ts', exportName: 'analysisSchema', validatorName: 'validateAnalysis' },
  // The analysis fields of finding rows only (the writer's check; the findings were validated when read).
  { module: 'src/shared/contracts/analysis-schema.ts', exportName: 'analysisRowsSchema', validatorName: 'validateAnalysisRows' },
];

/**
 * The ajv options the contracts were always validated with; changing them changes the error messages.
 * `unicode: false`: minLength counts UTF-16 units instead of code points. Every length bound of the contracts
 * is `minLength: 1` (non-empty), on which both counts agree, and it saves a ucs2length call per string: an
 * analysis of 200,000 findings validates millions of strings.
 */
const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, unicode: false };
// ajv 8 marks `unicode` deprecated (it still honours it); that one notice is dropped, every other warning kept.
const LOGGER = {
  log: console.log,
  warn: (...args) => {
    if (!/option unicode/.test(String(args[0]))) console.warn(...args);
  },
  error: console.error,
};
const FORMATS = ['date-time', 'uri'];

/**
 * Transpiles `module` and the modules it imports (relative imports only: a schema module may build on other
 * schema modules, such as findings.ts, but must not need packages or I/O) into `dir` as .mjs files, and
 * returns the entry's path. Type-only imports vanish in the transpiled code.
 */
function transpileTree(module, dir, done) {
  const out = path.join(dir, module.replace(/\.ts$/, '.mjs'));
  if (done.has(module)) return out;
  done.add(module);
  const source = readFileSync(path.join(root, module), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: module,
  });
  const rewrite = (specifier) => {
    if (!specifier.startsWith('.')) {
      throw new Error(`${module}: imports "${specifier}"; a schema module may only import other schema modules, by relative path`);
    }
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(module), specifier.replace(/\.js$/, '.ts')));
    if (!existsSync(path.join(root, target))) {
      throw new Error(`${module}: imports "${specifier}", which is not a TypeScript module; a schema module may only import other schema modules`);
    }
    transpileTree(target, dir, done);
    return specifier.replace(/\.js$/, '.mjs');
  };
  const code = outputText
    .replace(/(\bfrom\s*)(['"])([^'"]+)\2/g, (_, keyword, quote, specifier) => `${keyword}${quote}${rewrite(specifier)}${quote}`)
    .replace(/^(\s*import\s*)(['"])([^'"]+)\2/gm, (_, keyword, quote, specifier) => `${keyword}${quote}${rewrite(specifier)}${quote}`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  return out;
}

export async function loadSchemas(entries = SCHEMAS) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secloop-schemas-'));
  try {
    const done = new Set();
    const schemas = [];
    for (const { module, exportName } of entries) {
      const loaded = await import(pathToFileURL(transpileTree(module, dir, done)).href);
      const schema = loaded[exportName];
      if (typeof schema?.$id !== 'string') throw new Error(`${module}: export ${exportName} is not a schema with an $id`);
      schemas.push(schema);
    }
    return schemas;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * ajv's standalone code reaches its run-time helpers (ucs2length, the format checkers) through require();
 * an ESM module imports them instead. `require("x").y` becomes `dep0.y` with `import dep0 from "x.js"`.
 */
function requiresToImports(code) {
  const specifiers = [];
  const body = code.replace(/require\("([^"]+)"\)/g, (_, specifier) => {
    if (!specifiers.includes(specifier)) specifiers.push(specifier);
    return `dep${specifiers.indexOf(specifier)}`;
  });
  const imports = specifiers.map((specifier, i) => `import dep${i} from ${JSON.stringify(`${specifier}.js`)};`);
  return { imports, body };
}

export async function generateValidatorsSource() {
  const ajv = addFormats(new Ajv({ ...AJV_OPTIONS, logger: LOGGER, code: { source: true, esm: true, lines: true } }), FORMATS);
  const exports = {};
  const byId = [];
  const schemas = await loadSchemas();
  for (const [i, entry] of SCHEMAS.entries()) {
    const schema = schemas[i];
    ajv.addSchema(schema);
    exports[entry.validatorName] = schema.$id;
    byId.push(`  ${JSON.stringify(schema.$id)}: ${entry.validatorName},`);
  }
  const { imports, body } = requiresToImports(standaloneCode(ajv, exports).replace(/^"use strict";\n?/, ''));
  return [
    '// Generated by scripts/generate-validators.js from the contract schemas: do not edit.',
    '// Regenerate with `node scripts/generate-validators.js`; `--check` (and a contracts test) fail when it is stale.',
    '/* eslint-disable */',
    ...imports,
    body.trim(),
    '',
    '/** The validators by schema $id. */',
    'export const validatorsById = {',
    ...byId,
    '};',
    '',
  ].join('\n');
}

async function main() {
  const file = path.join(root, GENERATED_FILE);
  const source = await generateValidatorsSource();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // missing: stale
    }
    if (committed !== source) {
      console.error(`generate-validators: ${GENERATED_FILE} is stale; run 'node scripts/generate-validators.js' and commit the result`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(file, source);
  console.error(`generate-validators: wrote ${GENERATED_FILE}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
