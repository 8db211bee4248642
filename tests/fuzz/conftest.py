"""Prints what the fuzz run did (inputs, seed, time) at the end of the pytest run."""
from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    lines = [value for kind in ("passed", "failed") for report in terminalreporter.stats.get(kind, [])
             for name, value in getattr(report, "user_properties", ()) if name == "fuzz"]
    if lines:
        terminalreporter.section("fuzz")
        for line in lines:
            terminalreporter.write_line(line)
