"""Logged sets as columns (:class:`SetTable`), validated once when built, and one set as a row.

Private to :mod:`runstrong.science.muscle_volume`, which re-exports the public names.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, cast

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]
Side = Literal["both", "left", "right"]

#: The sides a set can be logged for, in the order of :attr:`SetTable.side_code`.
SIDES: Final[tuple[Side, ...]] = ("both", "left", "right")
_SIDE_CODES: Final[dict[str, int]] = {side: code for code, side in enumerate(SIDES)}
_MAX_DAY: Final = 10_000_000
_MAX_REPS: Final = 100_000


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One logged set, placed on a day of a daily series: a row of a :class:`SetTable`.

    Checked when the sets are used (every function builds a :class:`SetTable` from them first,
    which raises :class:`runstrong.errors.ValidationError` for a value out of range).

    Attributes
    ----------
    day_index : int
        Day of the set, 0 = the first day of the series.
    exercise_slug : str
        The exercise's slug in the exercise library.
    reps : int
        Repetitions done, zero or more (for plyometrics, reps as defined by the exercise's
        ``foot_contacts_per_rep``).
    load_kg : float
        External load, kg, zero for body weight only.
    rpe : float or None
        RPE on the reps-in-reserve scale (10 = no reps left), or ``None`` when not logged.
    side : {"both", "left", "right"}
        ``"left"`` or ``"right"`` for one side of a single-leg exercise.
    reference_e1rm_kg : float or None
        The lifter's estimated 1RM for this exercise when the set was done (for example the best
        e1RM of the previous 12 weeks, see :func:`with_reference_e1rm`), if known.
    """

    day_index: int
    exercise_slug: str
    reps: int
    load_kg: float = 0.0
    rpe: float | None = None
    side: Side = "both"
    reference_e1rm_kg: float | None = None


@dataclass(frozen=True, slots=True, eq=False)
class SetTable:
    """Logged sets as equal-length NumPy columns, one row per set, checked once when built.

    Build one with :meth:`from_columns` (plain sequences) or :meth:`from_sets`
    (:class:`LoggedSet` rows); the constructor checks every column in one vectorised pass and
    raises :class:`runstrong.errors.ValidationError` naming the first bad set. Functions that
    take a table trust it.

    Attributes
    ----------
    exercise_slugs : tuple[str, ...]
        The exercises of the table, sorted; ``exercise_code`` indexes into it.
    day_index : IntArray
        Day of each set, 0 = the first day of the series.
    session_index : IntArray
        Which session each set belongs to (0, 1, ... as numbered by the caller); all 0 when the
        sets were not grouped into sessions.
    exercise_code : IntArray
        The exercise of each set, an index into ``exercise_slugs``.
    reps : IntArray
        Repetitions of each set, zero or more.
    load_kg : FloatArray
        External load of each set, kg, zero or more.
    rpe : FloatArray
        RPE of each set, 0 to 10, ``nan`` where it was not logged.
    side_code : IntArray
        Side of each set, an index into :data:`SIDES` (0 both, 1 left, 2 right).
    reference_e1rm_kg : FloatArray
        The lifter's e1RM for the exercise when the set was done, kg, ``nan`` where unknown.

    Examples
    --------
    >>> table = SetTable.from_columns(
    ...     day_index=[0, 3], exercise_slug=["leg-press", "calf-press"], reps=[5, 12],
    ...     load_kg=[150, 80], rpe=[8, None])
    >>> table.exercise_slugs, table.exercise_code, table.rpe
    (('calf-press', 'leg-press'), array([1, 0]), array([ 8., nan]))
    """

    exercise_slugs: tuple[str, ...]
    day_index: IntArray
    session_index: IntArray
    exercise_code: IntArray
    reps: IntArray
    load_kg: FloatArray
    rpe: FloatArray
    side_code: IntArray
    reference_e1rm_kg: FloatArray

    def __post_init__(self) -> None:
        slugs = self.exercise_slugs
        if not all(isinstance(slug, str) for slug in slugs) or list(slugs) != sorted(set(slugs)):
            raise ValidationError("exercise_slugs must be distinct strings, sorted")
        columns = {
            "day_index": _whole("day_index", self.day_index, 0, _MAX_DAY),
            "session_index": _whole("session_index", self.session_index, 0, _MAX_DAY),
            "exercise_code": _whole("exercise_code", self.exercise_code, 0, len(slugs) - 1),
            "reps": _whole("reps", self.reps, 0, _MAX_REPS),
            "load_kg": _number("load_kg", self.load_kg, 0.0, np.inf),
            "rpe": _number("rpe", self.rpe, 0.0, 10.0, unknown=True),
            "side_code": _whole("side_code", self.side_code, 0, len(SIDES) - 1),
            "reference_e1rm_kg": _number(
                "reference_e1rm_kg",
                self.reference_e1rm_kg,
                0.0,
                np.inf,
                unknown=True,
                positive=True,
            ),
        }
        if len({column.shape for column in columns.values()}) > 1:
            raise ValidationError("every column of a SetTable must have one value per set")
        for name, column in columns.items():
            object.__setattr__(self, name, column)

    def __len__(self) -> int:
        return int(self.day_index.size)

    @classmethod
    def from_columns(
        cls,
        *,
        day_index: npt.ArrayLike,
        exercise_slug: Sequence[str],
        reps: npt.ArrayLike,
        load_kg: npt.ArrayLike | None = None,
        rpe: Sequence[float | None] | npt.ArrayLike | None = None,
        side: Sequence[str] | None = None,
        session_index: npt.ArrayLike | None = None,
        reference_e1rm_kg: Sequence[float | None] | npt.ArrayLike | None = None,
    ) -> SetTable:
        """A table from one sequence per column; ``None`` in ``rpe`` and ``reference_e1rm_kg``
        means unknown, as does leaving a whole column out (loads then 0, sides ``"both"``,
        every set in session 0)."""
        size = len(exercise_slug)
        try:
            slugs = tuple(sorted(set(exercise_slug)))
            sides = np.fromiter(map(_SIDE_CODES.__getitem__, side or ()), np.intp)
        except TypeError as exc:
            raise ValidationError("exercise_slug and side must hold strings") from exc
        except KeyError as exc:
            raise ValidationError(
                f"side must be 'both', 'left' or 'right', got {exc.args[0]!r}"
            ) from exc
        code_of = {slug: code for code, slug in enumerate(slugs)}
        return cls(
            exercise_slugs=slugs,
            day_index=_column("day_index", day_index, size, 0, None),
            session_index=_column("session_index", session_index, size, 0, None),
            exercise_code=np.fromiter(map(code_of.__getitem__, exercise_slug), np.intp, size),
            reps=_column("reps", reps, size, 0, None),
            load_kg=_column("load_kg", load_kg, size, 0.0, np.float64),
            rpe=_column("rpe", rpe, size, np.nan, np.float64),
            side_code=sides if side is not None else np.zeros(size, dtype=np.intp),
            reference_e1rm_kg=_column(
                "reference_e1rm_kg", reference_e1rm_kg, size, np.nan, np.float64
            ),
        )

    @classmethod
    def from_sets(cls, sets: Iterable[LoggedSet]) -> SetTable:
        """A table of :class:`LoggedSet` rows, in their order, all in session 0.

        >>> len(SetTable.from_sets([LoggedSet(0, "leg-press", 5, 150, rpe=8)]))
        1
        """
        rows = tuple(sets)
        return cls.from_columns(
            day_index=[row.day_index for row in rows],
            exercise_slug=[row.exercise_slug for row in rows],
            reps=[row.reps for row in rows],
            load_kg=[row.load_kg for row in rows],
            rpe=[row.rpe for row in rows],
            side=[row.side for row in rows],
            reference_e1rm_kg=[row.reference_e1rm_kg for row in rows],
        )

    @classmethod
    def empty(cls) -> SetTable:
        """A table without sets."""
        return cls.from_columns(day_index=[], exercise_slug=[], reps=[])

    def rows(self) -> tuple[LoggedSet, ...]:
        """The sets as :class:`LoggedSet` rows, in table order (session indices are dropped)."""
        return tuple(
            LoggedSet(
                day_index=day,
                exercise_slug=self.exercise_slugs[code],
                reps=reps,
                load_kg=load,
                rpe=None if math.isnan(rpe) else rpe,
                side=SIDES[side],
                reference_e1rm_kg=None if math.isnan(reference) else reference,
            )
            for day, code, reps, load, rpe, side, reference in zip(
                self.day_index.tolist(),
                self.exercise_code.tolist(),
                self.reps.tolist(),
                self.load_kg.tolist(),
                self.rpe.tolist(),
                self.side_code.tolist(),
                self.reference_e1rm_kg.tolist(),
                strict=True,
            )
        )

    def select(self, keep: BoolArray) -> SetTable:
        """The sets where ``keep`` is true, in order; exercises left without sets are dropped."""
        codes = self.exercise_code[keep]
        used = np.unique(codes)
        renumber = np.zeros(len(self.exercise_slugs), dtype=np.intp)
        renumber[used] = np.arange(used.size)
        return SetTable(
            exercise_slugs=tuple(self.exercise_slugs[code] for code in used.tolist()),
            day_index=self.day_index[keep],
            session_index=self.session_index[keep],
            exercise_code=renumber[codes],
            reps=self.reps[keep],
            load_kg=self.load_kg[keep],
            rpe=self.rpe[keep],
            side_code=self.side_code[keep],
            reference_e1rm_kg=self.reference_e1rm_kg[keep],
        )


def as_set_table(sets: SetTable | Iterable[LoggedSet]) -> SetTable:
    """``sets`` as a :class:`SetTable` (a table is returned as it is)."""
    return sets if isinstance(sets, SetTable) else SetTable.from_sets(sets)


def _column(
    name: str, values: object, size: int, default: float, dtype: type[np.generic] | None
) -> npt.NDArray[Any]:
    if values is None:
        return np.full(size, default, dtype=dtype)
    try:
        return np.asarray(cast(npt.ArrayLike, values), dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{name} must be a sequence of numbers, one per set") from exc


def _whole(name: str, values: npt.NDArray[np.generic], low: int, high: int) -> IntArray:
    column = np.asarray(values)
    if column.ndim != 1:
        raise ValidationError(f"{name} must be one value per set (a 1-D column)")
    kind = column.dtype.kind
    if kind == "f":
        whole = np.isfinite(column) & (column == np.floor(column))
        bad = ~whole | (column < low) | (column > high)
    elif kind in "iu":
        bad = (column < low) | (column > high)
    elif column.size == 0:
        return np.zeros(0, dtype=np.intp)
    else:
        raise ValidationError(f"{name} must hold whole numbers, got {column[:1].tolist()!r}")
    if bad.any():
        value = column[int(np.argmax(bad))].item()
        raise ValidationError(
            f"{name} must be a whole number from {low} to {high}, got {value!r}"
            f" (set {int(np.argmax(bad)) + 1})"
        )
    return column.astype(np.intp, copy=False)


def _number(
    name: str,
    values: npt.NDArray[np.generic],
    low: float,
    high: float,
    *,
    unknown: bool = False,
    positive: bool = False,
) -> FloatArray:
    column = np.asarray(values, dtype=np.float64)
    if column.ndim != 1:
        raise ValidationError(f"{name} must be one value per set (a 1-D column)")
    above_low = column > low if positive else column >= low
    bad = ~(above_low & (column <= high) & np.isfinite(column))
    if unknown:
        bad &= ~np.isnan(column)
    if bad.any():
        row = int(np.argmax(bad))
        allowed = f"greater than {low:g}" if positive else f"from {low:g}"
        allowed += "" if np.isinf(high) else f" to {high:g}"
        raise ValidationError(
            f"{name} must be a finite number {allowed}, got {column[row].item()!r} (set {row + 1})"
        )
    return column
