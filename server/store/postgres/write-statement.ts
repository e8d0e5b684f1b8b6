// Several writes as one statement: each insert a data-modifying CTE over unnest()ed array
// parameters, so a batch's writes cost one round trip however many tables and rows they touch
// (the write lock is held for every round trip). The CTEs run on one snapshot and none sees
// another's rows: each must touch a table of its own, which a batch's writes do.

/** A column of an insert: its PostgreSQL type and how a row gives its value. */
export type Column<T> = readonly [type: 'text' | 'integer' | 'bigint', value: (row: T) => unknown];

export class WriteStatement {
  readonly parameters: unknown[] = [];
  readonly #inserts: string[] = [];

  /** A parameter of the statement, typed: `$n::type`. */
  parameter(type: string, value: unknown): string {
    this.parameters.push(value);
    return `$${this.parameters.length}::${type}`;
  }

  /** `head` (INSERT INTO t (…)) with `rows`, one array parameter per column; nothing when there are no rows. */
  insert<T>(head: string, rows: readonly T[], columns: readonly Column<T>[], onConflict = ''): void {
    if (rows.length === 0) return;
    const arrays = columns.map(([type, value]) => this.parameter(`${type}[]`, rows.map(value)));
    this.#inserts.push(`${head} SELECT * FROM unnest(${arrays.join(', ')}) ${onConflict}`);
  }

  /** The statement: every insert, then `last` (a statement with RETURNING, say), whose rows it answers with `extra` columns. */
  sql(last = 'SELECT 1 AS done', extra = ''): string {
    const ctes = [...this.#inserts.map((insert, i) => `w${i} AS (${insert})`), `last AS (${last})`];
    return `WITH ${ctes.join(',\n')}\nSELECT last.*${extra} FROM last`;
  }
}
