/**
 * SQL built once per statement shape. Kysely builds and compiles every query anew, and for the
 * writes every message makes (a batch of query records, of conversation turns, of daily counts) that
 * costs more than SQLite running them: each of the 21 values of a record row becomes a node, then a
 * parameter. The SQL of a multi-row insert depends only on the table, the columns and the number of
 * rows, so Kysely compiles it (for the dialect in use) the first time a shape is seen, and later
 * batches of that shape run it with their own parameters, in Kysely's order: row by row, each row's
 * values in the order of its keys.
 *
 * Rows must all have the same keys in the same order and no `undefined` value (Kysely would leave
 * such a column out): the store's rows are built by one function per table.
 *
 * ```ts
 * const shapes = new StatementShapes();
 * const query = shapes.insert(`turns:${rows.length}`, rows, () => db.insertInto("conversation_turns").values(rows).compile());
 * await db.executeQuery(query);
 * ```
 */
import { CompiledQuery } from "kysely";

/** Most shapes kept (the row counts of the batches seen); the oldest goes first. */
const MAX_SHAPES = 200;

interface Shape {
  sql: string;
  columns: string[];
}

export class StatementShapes {
  private readonly kept = new Map<string, Shape>();

  /** The statement of `shape` for these rows; `compile` builds it the first time (with these rows). */
  insert<Row extends object>(shape: string, rows: readonly Row[], compile: () => { sql: string }): CompiledQuery {
    const kept = this.kept.get(shape) ?? this.keep(shape, compile().sql, Object.keys(rows[0] ?? {}));
    return CompiledQuery.raw(kept.sql, rowParameters(rows, kept.columns as (keyof Row)[]));
  }

  /** A statement with fixed SQL and the given parameters (a `sql` template compiled once). */
  query(shape: string, parameters: readonly unknown[], compile: () => { sql: string }): CompiledQuery {
    const kept = this.kept.get(shape) ?? this.keep(shape, compile().sql, []);
    return CompiledQuery.raw(kept.sql, [...parameters]);
  }

  private keep(shape: string, sql: string, columns: string[]): Shape {
    if (this.kept.size >= MAX_SHAPES) this.kept.delete(this.kept.keys().next().value!);
    const kept = { sql, columns };
    this.kept.set(shape, kept);
    return kept;
  }
}

/** The parameters of a multi-row insert: each row's values in `columns` order, row after row. */
export function rowParameters<Row>(rows: readonly Row[], columns: readonly (keyof Row)[]): unknown[] {
  const out = new Array<unknown>(rows.length * columns.length);
  let i = 0;
  for (const row of rows) for (const column of columns) out[i++] = row[column];
  return out;
}
