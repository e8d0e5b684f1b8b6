// JSON already encoded, typed by what it encodes: the store's thread answers reads as text (the
// thread serving the walls only passes it on), and the type says which shared answer it holds.
declare const encodes: unique symbol;

export type JsonText<T> = string & { readonly [encodes]?: T };

export function jsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value);
}
