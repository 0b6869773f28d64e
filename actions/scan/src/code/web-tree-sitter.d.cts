import treeSitter = require('web-tree-sitter');
export = treeSitter;
