// The scope names the interpreter binds for exports that have no name of their own, so that
// an importing file can ask a module for them (moduleImports.ts). No identifier can spell them.

/** `export default <expression>` and `export default function () {}`. */
export const DEFAULT_EXPORT = '*default*';
/** TypeScript's `export = <expression>`. */
export const EXPORT_ASSIGNMENT = '*export=*';
