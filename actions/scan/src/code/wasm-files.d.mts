/** A file: URL unbundled; an absolute path once ncc has relocated the file next to the bundle. */
export declare const runtimeWasm: URL | string;
export declare const pythonWasm: URL | string;
