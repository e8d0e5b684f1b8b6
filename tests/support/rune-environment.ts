// A Vitest environment for rune modules: Node's globals, but compiled as the browser gets them,
// since Svelte's server output never runs an effect.
import type { Environment } from 'vitest/environments';

const runeEnvironment: Environment = {
  name: 'runes',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => {} }),
};

export default runeEnvironment;
