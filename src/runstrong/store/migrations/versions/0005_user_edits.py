"""user edits of runs and strength sessions (issue 12)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 16:25:00
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
