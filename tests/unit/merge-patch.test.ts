import { describe, expect, it } from 'vitest';
import { applyMergePatch, diffMergePatch, mergePatched, mergePatchOf, type Json, type JsonObject, type MergePatch } from '../../shared/protocol/merge-patch';

// RFC 7386 Appendix A.
const RFC_EXAMPLES: [Json, Json, Json][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('JSON merge patch', () => {
  it.each(RFC_EXAMPLES)('applies RFC 7386 example %j + %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('diffs to the smallest patch that reproduces the new state', () => {
    const before: JsonObject = { today: { warnings: 3, byLevel: { high: 1, low: 2 } }, list: [1, 2], gone: 'x' };
    const after: JsonObject = { today: { warnings: 4, byLevel: { high: 2, low: 2 } }, list: [1, 2], added: { k: 1 } };
    const patch = diffMergePatch(before, after);
    expect(patch).toEqual({ today: { warnings: 4, byLevel: { high: 2 } }, gone: null, added: { k: 1 } });
    expect(applyMergePatch(before, patch!)).toEqual(after);
  });

  it('replaces a changed array whole and says nothing when nothing changed', () => {
    expect(diffMergePatch({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toEqual({ a: [1, { b: 3 }] });
    expect(diffMergePatch({ a: [1], b: { c: 1 } }, { a: [1], b: { c: 1 } })).toBeUndefined();
  });

  it('does not let a "__proto__" key reach the prototype', () => {
    const patched = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}') as Json) as Record<string, unknown>;
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(patched)).toEqual(['__proto__']);
  });

  it('does not modify its inputs', () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });

  it('types a patch by its state: a key is removed with null only where the state lets it be absent', () => {
    interface State {
      total: number;
      name?: string;
      byBucket: Record<string, number>;
    }
    const before: State = { total: 1, name: '刘*', byBucket: { '54': 1 } };
    const after: State = { total: 2, byBucket: { '55': 1 } };
    const patch: MergePatch<State> = { total: 2, name: null, byBucket: { '54': null, '55': 1 } };
    expect(mergePatchOf(before, after)).toEqual(patch);
    expect(mergePatched(before, patch)).toEqual(after);
    // @ts-expect-error a field every state has cannot be removed
    const removesTotal: MergePatch<State> = { total: null };
    void removesTotal;
  });
});
