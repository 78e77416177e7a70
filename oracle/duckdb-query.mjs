// Runs one SQL query with DuckDB (an independent Parquet reader) and prints its rows as JSON, for the tests
// that read our Parquet outputs back with something other than Spark:
//
//   node oracle/duckdb-query.mjs "SELECT ... FROM read_parquet('out/*/rejected/*.parquet') ..."
//
// Prints {"columns": [name...], "rows": [[value...]...]}; BIGINT values are printed as numbers.
import {DuckDBInstance} from "@duckdb/node-api";

const sql = process.argv[2];
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRowsJS().map(row => row.map(v => typeof v === "bigint" ? Number(v) : v));
process.stdout.write(JSON.stringify({columns: reader.columnNames(), rows}) + "\n");
connection.closeSync();
