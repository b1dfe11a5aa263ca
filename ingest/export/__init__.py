"""Writers that turn HSDS records into feed packages (for benchmarks and partner hand-offs)."""
