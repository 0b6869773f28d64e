// eslint-disable-next-line @typescript-eslint/no-require-imports -- types of the CommonJS build, matching web-tree-sitter.cjs
import treeSitter = require('web-tree-sitter');
export = treeSitter;
