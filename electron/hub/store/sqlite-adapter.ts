import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  SqliteAdapter,
  SqliteDialect,
  type DialectAdapter,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';

/**
 * Kysely's SQLite dialect over Node's built-in `node:sqlite` (no native module to build for
 * Electron's ABI). Kysely calls `prepare` for every query; a statement "reads" when it returns
 * columns (SELECT, or anything with RETURNING).
 */
export function kyselyDatabase(db: DatabaseSync): SqliteDatabase {
  return {
    close: () => {
      db.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const statement = db.prepare(sql);
      // Kysely binds what its compiler produced: strings, numbers, bigints, null, buffers.
      const bound = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...bound(parameters)),
        run: (parameters) => statement.run(...bound(parameters)),
        iterate: (parameters) => statement.iterate(...bound(parameters)),
      };
    },
  };
}

/**
 * SQLite runs schema changes inside transactions, but Kysely's SQLite adapter says it does not,
 * so its Migrator would run each migration bare: one failing halfway would leave half a schema.
 * Saying it does makes the Migrator run all pending migrations in one transaction.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class NodeSqliteDialect extends SqliteDialect {
  constructor(db: DatabaseSync) {
    super({ database: kyselyDatabase(db) });
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
