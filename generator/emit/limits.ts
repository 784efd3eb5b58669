// Limits the emitters document; they must match templates/runtime/params.ts (a test checks).
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;
