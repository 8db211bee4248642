"""The README documents the claims table from the schema and names the commands CI runs."""
from __future__ import annotations

import re

from kargraph import schema


def test_readme_claims_columns_match_the_schema(root):
    text = (root / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- claims-schema:start -->\n(.*?)\n<!-- claims-schema:end -->", text, re.S)
    assert block, "README lost its claims-schema block"
    assert block.group(1).strip() == schema.markdown("claims").strip()


def test_ci_runs_the_readme_test_command(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make report" in readme
    assert re.search(r"^make test$", ci, re.M)
