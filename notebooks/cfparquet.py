"""Reads a nightly run's Parquet outputs with DuckDB for the notebooks in this folder.

Debian bookworm packages Jupyter, pandas and matplotlib but no Parquet reader for Python (no pyarrow, fastparquet or
duckdb), and the project installs only from Debian, npm and Maven Central. DuckDB's Node package is already pinned
in oracle/ (it is the tests' independent Parquet reader), so queries run there: `query(sql)` starts
`node oracle/duckdb-query.mjs SQL` (shared with the tests) and turns the JSON it prints into a pandas DataFrame. DuckDB reads the Parquet
files in place; nothing is copied or converted.
"""
import glob
import json
import os
import pathlib
import subprocess

import pandas as pd

PROJECT = pathlib.Path(__file__).resolve().parent.parent
QUERY_SCRIPT = PROJECT / "oracle" / "duckdb-query.mjs"


def run_dir():
    """The run to explore: $CORPUSFORGE_RUN, else the newest out/nightly/dt=* of this checkout."""
    chosen = os.environ.get("CORPUSFORGE_RUN")
    if chosen:
        return pathlib.Path(chosen.removeprefix("file:"))
    runs = sorted(glob.glob(str(PROJECT / "out" / "nightly" / "dt=*")))
    if not runs:
        raise SystemExit("no run found: run `bin/pipeline nightly` first or set CORPUSFORGE_RUN=<root>/dt=YYYY-MM-DD")
    return pathlib.Path(runs[-1])


def parquet(run, relative):
    """A read_parquet(...) expression for one output directory of the run, e.g. parquet(run, 'clean/kept')."""
    path = str(pathlib.Path(run) / relative / "*.parquet").replace("'", "''")
    return f"read_parquet('{path}')"


def query(sql):
    """Runs SQL in DuckDB; returns a DataFrame (BIGINT columns come back as numbers)."""
    done = subprocess.run(["node", str(QUERY_SCRIPT), sql], capture_output=True, text=True, cwd=PROJECT)
    if done.returncode != 0:
        raise RuntimeError(f"duckdb query failed: {done.stderr.strip()}\n{sql}")
    result = json.loads(done.stdout)
    frame = pd.DataFrame(result["rows"], columns=result["columns"])
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, str) and v.lstrip("-").isdigit()).all() and len(frame):
            frame[column] = frame[column].astype("int64")
    return frame
