// Types for scripts/playground.mjs (imported by test/unit/playground.test.ts).
export declare const defaultPlayground: string;
export declare function preparePlayground(options?: { fresh?: boolean; samples?: string; playground?: string }): { folder: string; created: boolean };
