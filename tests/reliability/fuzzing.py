"""Run fuzzed inputs through the import path and check the importers' contract.

The contract (``runstrong.importers``): bytes in, a :class:`ParsedFile` out, or one of
runstrong's typed errors (:class:`RunstrongError`) with a message for the user; never another
exception, never a hang. Each input goes the way ``runstrong import`` takes a file: zip
archives written to disk and expanded by :func:`iter_import_items` into their members (other
files become the one item it would make of them), each item read, parsed, its samples encoded
for storage and its activities and sessions checked by the service's validation — everything
the import service does before it opens a transaction.

:func:`fuzz` drives one format's strategy with hypothesis for a given number of inputs; the
CI tests and ``benchmarks/fuzz_importers.py`` (longer runs, or atheris) both use it.
"""

from __future__ import annotations

import re
import signal
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from runstrong.errors import RunstrongError
from runstrong.importers import ImportItem, ImportOptions, ParsedFile, iter_import_items, parse_item
from runstrong.services.validation import check_activity, check_strength_session
from runstrong.store.samples_codec import encode_samples
from tests.reliability.fuzz_bytes import Case, Step, byte_steps
from tests.reliability.fuzz_fit import fit_steps, generated_fit
from tests.reliability.fuzz_seeds import Seed, seeds
from tests.reliability.fuzz_text import csv_steps, xml_steps
from tests.reliability.fuzz_zip import zip_steps

__all__ = [
    "PER_INPUT_SECONDS",
    "FuzzStats",
    "InputTimeout",
    "cases",
    "check_case",
    "fuzz",
    "fuzz_test",
]

#: An input taking longer than this is a hang (the slowest seeds parse in well under 0.1 s).
PER_INPUT_SECONDS = 10.0
_DECODERS = ("auto", "fitdecode")


class InputTimeout(BaseException):
    """An input took longer than :data:`PER_INPUT_SECONDS` (a BaseException, so that no
    ``except Exception`` in the code under test can swallow it)."""


#: Each input is cut to this size after every step (duplications can grow it fast).
_MAX_INPUT_BYTES = 4 * 1024 * 1024


@cache
def _productive(kind: str) -> tuple[Seed, ...]:
    """The seeds that import something (damage to a settings file tells less than damage to a
    run); drawn from as often as all seeds together."""
    options = ImportOptions(timezone="UTC")
    found = []
    for seed in seeds(kind):
        if kind == "zip":
            found.append(seed)
            continue
        try:
            parsed = parse_item(ImportItem(seed.name, seed.data), options)
        except RunstrongError:
            continue
        if parsed.activities or parsed.strength_sessions:
            found.append(seed)
    return tuple(found) or seeds(kind)


@cache
def _steps(kind: str, values_only: bool) -> st.SearchStrategy[list[Step]]:
    if kind == "fit":
        return fit_steps()
    if kind == "zip":
        values, structure = zip_steps(), st.nothing()
    else:
        headers = tuple(seed.data for seed in seeds(kind))
        values, structure = xml_steps() if kind in ("gpx", "tcx") else csv_steps(headers)
    only_values = st.lists(values, min_size=1, max_size=3)
    if values_only:
        return only_values
    # half the inputs have only their values damaged, so that they get past the parser's first
    # checks into the importer's logic; the other half mix in structural and byte damage
    mixed = st.one_of(values, structure, byte_steps(kind))
    return only_values | st.lists(mixed, min_size=1, max_size=3)


@st.composite
def _mutated(draw: st.DrawFn, kind: str, values_only: bool) -> Case:
    seed = draw(st.sampled_from(_productive(kind)) | st.sampled_from(seeds(kind)))
    steps = draw(_steps(kind, values_only))
    data = seed.data
    for step in steps:
        data = step(data)[:_MAX_INPUT_BYTES]
    return Case(seed, tuple(steps), data)


def cases(kind: str, *, values_only: bool = False) -> st.SearchStrategy[Case]:
    """Damaged inputs of ``kind`` (one of ``fuzz_seeds.FORMATS``); a third of the FIT inputs
    are generated files rather than damaged seeds. ``values_only`` keeps the text formats
    well-formed (only their values damaged): the inputs that reach the database."""
    if kind == "fit":
        return st.one_of(_mutated(kind, values_only), _mutated(kind, values_only), generated_fit())
    return _mutated(kind, values_only)


@dataclass
class FuzzStats:
    """How many inputs one run fed, and what became of them."""

    kind: str
    inputs: int = 0
    items: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    #: Why inputs were refused, by the shape of the message (names and numbers left out).
    reasons: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        parts = ", ".join(f"{name} {count}" for name, count in sorted(self.outcomes.items()))
        return f"{self.kind}: {self.inputs} inputs, {self.items} items ({parts})"


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`InputTimeout` in the main thread after ``seconds``."""

    def expire(_signal: int, _frame: FrameType | None) -> None:
        raise InputTimeout(f"an input took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_parsed(parsed: ParsedFile) -> None:
    """The shape every importer promises, then what the service does before storing."""
    assert isinstance(parsed, ParsedFile), type(parsed)
    if parsed.skip_reason is not None:
        assert not parsed.activities and not parsed.strength_sessions
    for activity in parsed.activities:
        assert activity.started_at.tzinfo is not None
        if activity.samples is not None:
            count = len(activity.samples)
            for column in activity.samples.COLUMNS:
                assert len(getattr(activity.samples, column)) == count, column
            if count:
                encoded = encode_samples(activity.samples)
                assert encoded.sample_count == count
        check_activity(activity)
    for session in parsed.strength_sessions:
        assert session.started_at.tzinfo is not None and session.sets
        check_strength_session(session)


def _shape(message: str, name: str) -> str:
    """A refusal message without the file name, quoted values and numbers, cut short."""
    text = message.replace(name, "<file>")
    text = re.sub(r"'[^']*'|\([^)]*\)|\d+(\.\d+)?", "_", text)
    return " ".join(text.split()[:8])


def check_item(item: ImportItem, options: ImportOptions) -> tuple[str, str | None]:
    """``parsed``, ``skipped`` or ``refused`` (a typed error), with the refusal's shape;
    any other exception propagates."""
    try:
        data = item.read()
        parsed = parse_item(replace(item, data=data), options)
        _check_parsed(parsed)
    except RunstrongError as exc:
        assert str(exc), "a typed error needs a message for the user"
        return "refused", _shape(str(exc), item.name)
    return ("skipped" if parsed.skip_reason is not None else "parsed"), None


def check_case(case: Case, workdir: Path, decoder: str, stats: FuzzStats | None = None) -> None:
    """Feed one input through the import path; see the module docstring."""
    options = ImportOptions(timezone="Europe/Ljubljana", fit_decoder=decoder)  # type: ignore[arg-type]
    items: Iterable[ImportItem]
    if case.data[:2] == b"PK":  # archives are opened from disk, as the import service does
        path = workdir / (Path(case.name).name or "input")
        path.write_bytes(case.data)
        items = iter_import_items(path)
    else:  # what iter_import_items yields for any other file, without the disk round trip
        items = [ImportItem(case.name, case.data)]
    with time_limit(PER_INPUT_SECONDS), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate member names
        for item in items:
            outcome, reason = check_item(item, options)
            if stats is not None:
                stats.items += 1
                stats.outcomes[outcome] += 1
                if reason is not None:
                    stats.reasons[reason] += 1
    if stats is not None:
        stats.inputs += 1


def fuzz_test(
    kind: str,
    examples: int,
    workdir: Path,
    stats: FuzzStats,
    *,
    check: Callable[[Case, Path, str, FuzzStats], None] = check_case,
    seed: int | None = None,
    values_only: bool = False,
) -> Callable[..., Any]:
    """A hypothesis test feeding ``examples`` inputs of ``kind`` to ``check``.

    Without ``seed`` the run is derandomized (the same inputs on every run, as CI needs);
    with one, it explores other inputs, reproducibly. The returned function also offers
    ``.hypothesis.fuzz_one_input`` for coverage-guided fuzzers such as atheris.
    """

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=seed is None,
        database=None,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(case=cases(kind, values_only=values_only), decoder=st.sampled_from(_DECODERS))
    def run(case: Case, decoder: str) -> None:
        check(case, workdir, decoder, stats)

    return hypothesis_seed(seed)(run) if seed is not None else run


def fuzz(kind: str, examples: int, workdir: Path, *, seed: int | None = None) -> FuzzStats:
    """Feed ``examples`` damaged inputs of ``kind`` through the import path; return the tally."""
    stats = FuzzStats(kind)
    fuzz_test(kind, examples, workdir, stats, seed=seed)()
    return stats
