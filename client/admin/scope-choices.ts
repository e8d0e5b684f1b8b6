// The scopes an admin may give an account: its own, and every city and county inside it.
import type { ScopeView } from '../../shared/protocol/scope-view';

export interface ScopeChoice {
  readonly adcode: string;
  readonly name: string;
}

export function scopeChoices({ adcode, name, cities = [], counties }: ScopeView): ScopeChoice[] {
  const own = { adcode, name };
  // A county's only county is itself.
  const inside = counties.length > 1 ? counties : [];
  return [own, ...cities, ...inside].map((s) => ({ adcode: s.adcode, name: s.name }));
}
