"""Ingest jobs: run a feed source into the store in committed batches and record the run."""
from .report import get_run, list_runs, report_lines, summary_line
from .runner import JobOptions, record_refused, run_feed

__all__ = ["JobOptions", "get_run", "list_runs", "record_refused", "report_lines", "run_feed",
           "summary_line"]
