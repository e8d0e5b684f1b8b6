// The README's configuration table and the settings the server reads (server/config.ts) are one
// list: every variable declared is in the table and every variable in the table is declared,
// each with the default the server applies.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../server/config';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the table under "## Configuration": variable → its default cell. */
function configurationTable(): Map<string, string> {
  const section = README.slice(README.indexOf('## Configuration'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const cells = /^\| `([A-Z_]+)` \| (.+?) \| .+ \|$/.exec(line);
    if (cells) rows.set(cells[1]!, cells[2]!);
  }
  return rows;
}

describe('the README’s configuration table', () => {
  const table = configurationTable();

  it('lists exactly the variables the server reads', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(SETTINGS).sort());
  });

  it('gives each variable the default the server applies, and none where it has none', () => {
    for (const [name, setting] of Object.entries(SETTINGS)) {
      const cell = table.get(name) ?? '';
      const fallback = 'default' in setting ? setting.default : undefined;
      if (fallback === undefined) expect(cell, name).not.toMatch(/^`[^`]*`$/);
      else expect(cell, name).toMatch(new RegExp(`^\`${fallback.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``));
    }
  });
});
