// Types of scripts/bundles.mjs for the TypeScript that imports it (the benchmark's profiling build).
export declare const root: string;
export declare const CATALOG_FILE: string;
export declare function buildCatalog(options: { outdir: string }): Promise<string>;
export declare function buildServer(options: { outdir: string; minify?: boolean; sourcemap?: boolean; main?: string }): Promise<string>;
export declare function buildClient(options: { outdir: string; minify?: boolean }): Promise<void>;
export declare function buildCli(options: { outdir: string; minify?: boolean }): Promise<void>;
export declare function watchAll(outdir: string): Promise<void>;
