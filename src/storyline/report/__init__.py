"""Stage: report. The self-contained HTML report."""
