export const id = 519;
export const ids = [519];
export const modules = {

/***/ 70519:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pythonWasm: () => (/* binding */ pythonWasm),
/* harmony export */   runtimeWasm: () => (/* binding */ runtimeWasm)
/* harmony export */ });
// Where the parser's WebAssembly files are. Written in plain JavaScript on purpose: ncc's asset relocator
// rewrites these `new URL(<relative>, import.meta.url)` into paths next to the bundle and copies the files
// there, but only in JavaScript; in a TypeScript module webpack's own asset handling takes them and writes
// the binary files corrupted. Unbundled (tests) they stay file: URLs into node_modules.
const runtimeWasm = __webpack_require__.ab + "web-tree-sitter.wasm";
const pythonWasm = __webpack_require__.ab + "tree-sitter-python.wasm";


/***/ })

};
