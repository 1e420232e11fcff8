/**
 * Minimal assertions (JSR's @std/assert cannot be installed here).
 * @module
 */
import { deepStrictEqual, notDeepStrictEqual } from "node:assert";

/** Fails unless `cond` is truthy. */
export function assert(cond: unknown, message = "assertion failed"): asserts cond {
  if (!cond) throw new Error(message);
}

/** Fails unless `actual` deep-equals `expected`. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  deepStrictEqual(actual, expected, message);
}

/** Fails if `actual` deep-equals `expected`. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string): void {
  notDeepStrictEqual(actual, expected, message);
}

/** Fails unless `text` contains `part`. */
export function assertIncludes(text: string, part: string, message?: string): void {
  if (!text.includes(part)) {
    throw new Error(message ?? `expected ${JSON.stringify(text)} to include ${JSON.stringify(part)}`);
  }
}

/** Fails unless `fn` throws (or rejects); returns the error. */
export async function assertRejects(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

/** Fails unless `fn` throws synchronously (an instance of `type`, when given); returns the error. */
export function assertThrows(fn: () => unknown, type?: new (...args: never[]) => Error): unknown {
  try {
    fn();
  } catch (e) {
    if (type && !(e instanceof type)) throw new Error(`expected a ${type.name}, got: ${e}`);
    return e;
  }
  throw new Error("expected an error");
}
