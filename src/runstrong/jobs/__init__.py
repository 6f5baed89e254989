"""Background work: imports, status recomputation and evidence reports.

The embedded default runs jobs in threads of the web process (no extra service). Server
deployments set ``RUNSTRONG_REDIS_URL`` and run ``runstrong worker`` processes: jobs then go
through RQ (Redis Queue) and any worker on any machine may run them.
"""

from runstrong.jobs.runner import (
    JOB_KINDS,
    InProcessRunner,
    JobInfo,
    JobKind,
    JobRunner,
    RqRunner,
    make_runner,
)

__all__ = [
    "JOB_KINDS",
    "InProcessRunner",
    "JobInfo",
    "JobKind",
    "JobRunner",
    "RqRunner",
    "make_runner",
]
