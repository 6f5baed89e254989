"""Longer fuzzing campaigns of the importers than CI runs (the CI run is
``tests/reliability/test_fuzz_importers.py``: 1,000 derandomized inputs per format).

    python benchmarks/fuzz_importers.py --inputs 20000 --format fit
    python benchmarks/fuzz_importers.py --inputs 5000                       # every format
    python benchmarks/fuzz_importers.py --inputs 2000 --store sqlite        # also into a store
    python benchmarks/fuzz_importers.py --inputs 2000 --store postgresql://127.0.0.1/postgres
    python benchmarks/fuzz_importers.py --inputs 50000 --format gpx --engine atheris

Each input is a damaged seed file (or a generated FIT file) fed through the import path up to
the transaction; anything but a result or one of runstrong's typed errors, or an input taking
over 10 s, stops the run with the shrunk failing input printed as code (the steps that rebuild
it from its seed). ``--seed`` makes a run repeatable (default: a new random seed, printed).
``--store`` also imports ``--store-inputs`` inputs per format (value damage only: the inputs
that reach the database) with the import service into a fresh SQLite file or a scratch
database on the given PostgreSQL server, and checks that a failed file changes no row.
``--engine atheris`` (``pip install atheris``) lets libFuzzer drive the same strategies through
hypothesis's ``fuzz_one_input``, guided by the coverage of runstrong's code; libFuzzer ends
the process when done, so name one ``--format``.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests.*

FORMATS = ("fit", "gpx", "tcx", "strong_csv", "hevy_csv", "zip")  # tests/reliability/fuzz_seeds


def _load(engine: str) -> SimpleNamespace:
    """The fuzzing modules; with atheris, runstrong is imported instrumented for coverage."""
    instrument: Any = contextlib.nullcontext()
    if engine == "atheris":
        import atheris

        instrument = atheris.instrument_imports(include=["runstrong"])
    with instrument:
        from tests.reliability import fuzz_seeds, fuzz_store, fuzzing
    return SimpleNamespace(seeds=fuzz_seeds.seeds, store=fuzz_store, fuzzing=fuzzing)


def _atheris(test: Any, stats: Any, inputs: int, seed: int) -> None:
    """Let atheris feed ``test``; the tally is printed from the last run (libFuzzer exits)."""
    import atheris

    runs = [0]

    def one_input(data: bytes) -> None:
        runs[0] += 1
        test.hypothesis.fuzz_one_input(data)
        if runs[0] == inputs:
            print(f"  {stats.summary()} (from {inputs} atheris runs)", flush=True)

    atheris.Setup([sys.argv[0], f"-runs={inputs}", f"-seed={seed}", "-max_len=4096"], one_input)
    atheris.Fuzz()


def _store_campaign(
    modules: SimpleNamespace, kind: str, inputs: int, seed: int, url: str, workdir: Path
) -> Counter[str]:
    from sqlalchemy import create_engine, text

    from runstrong.store import open_store

    admin = scratch = None
    if url == "sqlite":
        database = f"sqlite:///{workdir / f'fuzz-{kind}.db'}"
    else:
        scratch = f"runstrong_fuzz_{uuid.uuid4().hex[:10]}"
        server = url.replace("postgresql://", "postgresql+psycopg://", 1)
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{scratch}"'))
        database = admin.url.set(database=scratch).render_as_string(hide_password=False)
    store = open_store(database)
    statuses: Counter[str] = Counter()

    def check(case: Any, folder: Path, decoder: str, stats: Any) -> None:
        statuses.update(modules.store.import_and_check(store, case, folder, decoder))
        stats.inputs += 1

    try:
        stats = modules.fuzzing.FuzzStats(kind)
        modules.fuzzing.fuzz_test(
            kind, inputs, workdir, stats, check=check, seed=seed, values_only=True
        )()
    finally:
        store.dispose()
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
            admin.dispose()
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=5000, help="inputs per format")
    parser.add_argument("--format", choices=FORMATS, action="append", help="default: all")
    parser.add_argument("--seed", type=int, help="default: a random seed (printed)")
    parser.add_argument("--engine", choices=("hypothesis", "atheris"), default="hypothesis")
    parser.add_argument("--store", help="'sqlite', or a PostgreSQL server URL")
    parser.add_argument("--store-inputs", type=int, default=500, help="per format")
    arguments = parser.parse_args()
    kinds = arguments.format or list(FORMATS)
    if arguments.engine == "atheris" and len(kinds) != 1:
        parser.error("with --engine atheris, name one --format (libFuzzer ends the process)")
    seed = arguments.seed if arguments.seed is not None else random.randrange(2**32)
    print(f"seed {seed}; engine {arguments.engine}; {arguments.inputs} inputs per format")
    modules = _load(arguments.engine)
    total = 0
    started = time.perf_counter()
    for kind in kinds:
        print(f"{kind}: {len(modules.seeds(kind))} seeds", flush=True)
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            stats = modules.fuzzing.FuzzStats(kind)
            test = modules.fuzzing.fuzz_test(kind, arguments.inputs, Path(folder), stats, seed=seed)
            if arguments.engine == "atheris":
                _atheris(test, stats, arguments.inputs, seed)
            test()
            elapsed = time.perf_counter() - began
            total += stats.inputs
            print(f"  {stats.summary()}, {elapsed:.1f} s ({stats.inputs / elapsed:.0f}/s)")
            for reason, count in stats.reasons.most_common(8):
                print(f"    {count:6d}  {reason}")
            if arguments.store:
                began = time.perf_counter()
                statuses = _store_campaign(
                    modules, kind, arguments.store_inputs, seed, arguments.store, Path(folder)
                )
                where = arguments.store.split("://")[0]
                print(f"  into {where}: {dict(sorted(statuses.items()))}, "
                      f"{time.perf_counter() - began:.1f} s")  # fmt: skip
    elapsed = time.perf_counter() - started
    print(f"{total} inputs: no untyped error, no hang ({elapsed:.0f} s)")


if __name__ == "__main__":
    main()
