"""Import throughput with 1, 2 and 4 background workers on PostgreSQL and Redis (RQ).

    python benchmarks/worker_imports.py --jobs 48 --files-per-job 5 --seconds 3600 --workers 1 2 4

builds ``--jobs × --files-per-job`` synthetic 1 Hz run FIT files (runstrong's own encoder), then
for each worker count: a fresh PostgreSQL database, one athlete per job (as a club would have),
all import jobs enqueued on a private RQ queue, and that many ``runstrong worker --burst``
processes started together; it measures the time until the queue is drained and checks that
every file was stored exactly once. Needs PostgreSQL on 127.0.0.1:5432 and Redis on 6379 (or
--postgres / --redis).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from decoders import build_files
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from runstrong.domain.models import Athlete
from runstrong.jobs import RqRunner
from runstrong.services.athletes import create_athlete
from runstrong.store import open_store


def _fresh_database(admin_url: str) -> str:
    name = f"runstrong_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _drop_database(admin_url: str, url: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def run(
    workers: int, folders: list[list[Path]], admin_url: str, redis_url: str
) -> dict[str, float]:
    database_url = _fresh_database(admin_url)
    store = open_store(database_url)
    try:
        athlete_ids = []
        for index in range(len(folders)):
            athlete = create_athlete(store, Athlete(name=f"Runner {index:03d}"))
            assert athlete.id is not None
            athlete_ids.append(athlete.id)
        queue = f"runstrong-bench-{uuid.uuid4().hex[:8]}"
        runner = RqRunner(database_url, redis_url, queue_name=queue)
        jobs = [
            runner.submit(
                "import_files", athlete_id=athlete_id, user_id=0, paths=[str(p) for p in files]
            )
            for athlete_id, files in zip(athlete_ids, folders, strict=True)
        ]
        command = [sys.executable, "-m", "runstrong.cli.main", "worker", "--burst",
                   "--queue", queue, "--redis", redis_url]  # fmt: skip
        started = time.perf_counter()
        processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL) for _ in range(workers)]
        for process in processes:
            process.wait(timeout=3600)
        elapsed = time.perf_counter() - started
        results = [runner.get(job.id) for job in jobs]
        imported = sum(int((r.result or {}).get("imported", 0)) for r in results)
        with store.unit_of_work() as uow:
            stored = uow.activities.count()
        runner.queue.delete(delete_jobs=True)
        files = sum(len(f) for f in folders)
        assert imported == files == stored, (imported, files, stored)
        samples = sum(int((r.result or {}).get("samples", 0)) for r in results)
        return {"workers": workers, "seconds": elapsed, "files": files, "samples": samples}
    finally:
        store.dispose()
        _drop_database(admin_url, database_url)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=48)
    parser.add_argument("--files-per-job", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=3600, help="records per file (1 Hz)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--postgres", default="postgresql+psycopg://127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()

    total = args.jobs * args.files_per_job
    print(f"building {total} files × {args.seconds} s ...", flush=True)
    blobs = build_files(total, args.seconds)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, data in enumerate(blobs):
            path = Path(folder) / f"run-{index:05d}.fit"
            path.write_bytes(data)
            paths.append(path)
        folders = [paths[i : i + args.files_per_job] for i in range(0, total, args.files_per_job)]
        rows = [run(count, folders, args.postgres, args.redis) for count in args.workers]
    print()
    print("| workers | files | samples | seconds | files/s | samples/s | speed-up |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    base = rows[0]["seconds"]
    for row in rows:
        print(
            f"| {row['workers']:.0f} | {row['files']:.0f} | {row['samples']:,.0f} | "
            f"{row['seconds']:.1f} | {row['files'] / row['seconds']:.1f} | "
            f"{row['samples'] / row['seconds']:,.0f} | {base / row['seconds']:.2f} |"
        )


if __name__ == "__main__":
    main()
