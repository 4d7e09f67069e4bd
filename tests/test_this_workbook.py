"""The core flow on the workbook this repository builds (docs/ and mkdocs.yml), whatever its content,
in Chromium: every field filled through the page, kept after a reload, every answer on the plan page
and on paper, a back-up exported, the answers cleared and the back-up imported. In a workbook made
from a copy of this repository it runs on that workbook's own questions.
"""

from __future__ import annotations

import pytest

from plan_helpers import core_flow


def test_every_answer_is_kept_planned_printed_and_restored(page, built_site, site_url, manifest, tmp_path):
    if not manifest["worksheets"]:  # a toolkit of guidance pages only (README)
        pytest.skip("dit werkboek heeft geen werkbladen: er is niets in te vullen")
    filler, printed = core_flow(page, built_site, site_url, manifest, tmp_path)
    assert filler.tokens()
    if manifest["plan"]:
        assert manifest["title"] in printed  # the footer of every printed page
