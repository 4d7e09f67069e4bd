"""The page-walking tests (axe, pa11y, privacy, CSP) run in parts: together they hold every page once."""

import pytest

from wb_pages import part_of


@pytest.mark.parametrize("parts", [1, 2, 3, 4])
@pytest.mark.parametrize("count", [0, 1, 5, 22])
def test_the_parts_together_hold_every_page_once(parts, count):
    pages = [f"page-{n}/" for n in range(count)]
    together = [page for part in range(1, parts + 1) for page in part_of(pages, part, parts)]
    assert sorted(together) == sorted(pages) and len(together) == len(pages)
