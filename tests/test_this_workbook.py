"""The core flow on the workbook this repository builds (docs/ and mkdocs.yml), whatever its content,
in Chromium: every field filled through the page, kept after a reload, every answer on the plan page
and on paper, a back-up exported, the answers cleared and the back-up imported. In a workbook made
from a copy of this repository it runs on that workbook's own questions.
"""

from __future__ import annotations

from plan_helpers import core_flow


def test_every_answer_is_kept_planned_printed_and_restored(page, built_site, site_url, manifest, tmp_path):
    assert manifest["worksheets"], "a workbook without worksheets has nothing to fill in"
    filler, printed = core_flow(page, built_site, site_url, manifest, tmp_path)
    assert filler.tokens()
    if manifest["plan"]:
        assert manifest["title"] in printed  # the footer of every printed page
