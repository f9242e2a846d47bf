"""Benchmarks that start the servers and processes they measure, and stop them afterwards."""
