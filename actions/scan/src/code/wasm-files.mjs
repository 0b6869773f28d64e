// Where the parser's WebAssembly files are. Written in plain JavaScript on purpose: ncc's asset relocator
// rewrites these `new URL(<relative>, import.meta.url)` into paths next to the bundle and copies the files
// there, but only in JavaScript; in a TypeScript module webpack's own asset handling takes them and writes
// the binary files corrupted. Unbundled (tests) they stay file: URLs into node_modules.
export const runtimeWasm = new URL('../../../../node_modules/web-tree-sitter/web-tree-sitter.wasm', import.meta.url);
export const pythonWasm = new URL('../../../../node_modules/tree-sitter-python/tree-sitter-python.wasm', import.meta.url);
