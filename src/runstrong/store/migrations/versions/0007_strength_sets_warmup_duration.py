"""warm-up and timed strength sets, gym settings, idempotency keys (issue 14)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 16:25:00
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
