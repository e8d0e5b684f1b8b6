// RFC 7386 JSON Merge Patch, both directions: the server diffs the state it last sent against
// the state now; walls apply the patch. Hand-written because both ends need it typed and in
// the browser, and the published packages are untyped CommonJS; the RFC's algorithm is short.
// Only what a kiosk's Chromium 87 has: no structuredClone (98), no Object.hasOwn (93).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * A merge patch of a state of type T: any key left out (unchanged), set to a patch of its value,
 * or — where T lets the key be absent (an optional field, an entry of a keyed record) — null,
 * which removes it; arrays and scalars are replaced whole.
 */
export type MergePatch<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: MergePatch<T[K]> | (undefined extends T[K] ? null : string extends K ? null : never) }
    : T;

/** The state a patch made between two states of type T turns `state` into (T must hold JSON only). */
export function mergePatched<T extends object>(state: T, patch: NoInfer<MergePatch<T>>): T {
  return applyMergePatch(state as unknown as Json, patch as unknown as Json) as unknown as T;
}

/** The smallest patch from one state of type T to another, or undefined when they are equal (T must hold JSON only). */
export function mergePatchOf<T extends object>(before: T, after: T): MergePatch<T> | undefined {
  return diffMergePatch(before as unknown as JsonObject, after as unknown as JsonObject) as MergePatch<T> | undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386 §2 MergePatch(target, patch), returning the new target (the input is not modified). */
export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return copyJson(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, applyMergePatch(result[key], value));
  }
  return result;
}

function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** A deep copy of a JSON value: a patch never shares arrays or objects with the state it came from. */
function copyJson(value: Json): Json {
  if (Array.isArray(value)) return value.map(copyJson);
  if (!isObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) setOwn(copy, key, copyJson(inner));
  return copy;
}

/** Plain assignment would let a key named "__proto__" replace the object's prototype. */
function setOwn(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The smallest merge patch that turns `before` into `after`, or undefined when they are equal.
 * Arrays are replaced whole, as RFC 7386 requires. States must not hold null outside arrays
 * (null in a patch means "delete").
 */
export function diffMergePatch(before: JsonObject, after: JsonObject): JsonObject | undefined {
  const patch: JsonObject = {};
  let changed = false;
  for (const key of Object.keys(before)) {
    if (!hasOwn(after, key)) {
      patch[key] = null;
      changed = true;
    }
  }
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (isObject(value) && isObject(old)) {
      const inner = diffMergePatch(old, value);
      if (inner !== undefined) {
        setOwn(patch, key, inner);
        changed = true;
      }
    } else if (!deepEqual(old, value)) {
      setOwn(patch, key, copyJson(value));
      changed = true;
    }
  }
  return changed ? patch : undefined;
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
