"""Rendered reports (self-contained HTML with inline SVG charts; no scripts, works offline)."""
