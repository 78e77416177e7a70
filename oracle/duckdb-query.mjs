// Runs one SQL query with DuckDB (the pinned @duckdb/node-api) and prints the rows as a JSON array: the Parquet
// reader of the notebooks (notebooks/README.md explains why DuckDB through Node). Usage: node duckdb-query.mjs SQL
import { DuckDBInstance } from '@duckdb/node-api';

const sql = process.argv[2];
if (!sql) {
  console.error('usage: node duckdb-query.mjs "SELECT ..."');
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
const reader = await connection.runAndReadAll(sql);
// getRowObjectsJson: BIGINT and DECIMAL as strings, lists as arrays, so JSON.stringify needs no special cases
process.stdout.write(JSON.stringify({ columns: reader.columnNames(), rows: reader.getRowObjectsJson() }));
