export const id = 159;
export const ids = [159];
export const modules = {

/***/ 80159:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

// web-tree-sitter's ES module build finds Node's `createRequire` through `await import('module')`, which the
// action bundler (ncc/webpack) turns into a namespace without named exports, so it fails once bundled. Its
// CommonJS build uses plain require() and bundles cleanly; this file makes the bundler pick that build.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- picking the CommonJS build is this file's purpose
module.exports = __webpack_require__(10551);


/***/ })

};
