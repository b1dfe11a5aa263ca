"""The matching benchmark (`make bench`): demo directory -> index -> engine and HTTP latency."""
