/**
 * The program's version. deno.json carries the same string; a test keeps them equal.
 * (deno.json holds comments, so it cannot be imported as JSON.)
 * @module
 */

/** phlb's version. */
export const VERSION = "0.1.0";
