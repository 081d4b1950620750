"""Benchmarks and load-test helpers: tools for measuring the guide, not part of it."""
