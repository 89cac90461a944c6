"""Named links show readers who publishes each page and, for a renamed body, its earlier name."""

import re

from omg.links import load_links
from omg.problems import Report
from sitekit import BODY, guide_text

LINKS = """\
links:
  - id: strategy
    title: The strategy
    url: https://strategy.example.org/
    publisher: Example Safeguarding Children Partnership (ESCP)
    formerly: Example Safeguarding Children Board (ESCB)
"""


def load(tmp_path, text):
    path = tmp_path / "data" / "links.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    report = Report()
    return load_links(path, report=report, root=tmp_path), [str(p) for p in report.problems]


def test_a_named_link_loads_its_publisher_and_former_name(tmp_path):
    links, problems = load(tmp_path, LINKS)
    assert problems == []
    assert links["strategy"].publisher == "Example Safeguarding Children Partnership (ESCP)"
    assert links["strategy"].formerly == "Example Safeguarding Children Board (ESCB)"


def test_a_former_name_without_a_current_publisher_is_an_error_naming_the_line_and_the_fix(tmp_path):
    _, problems = load(tmp_path, re.sub(r"    publisher: .*\n", "", LINKS))
    assert problems == ["data/links.yml:2: formerly: the link 'strategy' says who the publisher was formerly, "
                        "but not who it is now. Fix: add 'publisher:' with the body's current name, such as "
                        "'Portsmouth Safeguarding Children Partnership'."]


def test_a_former_name_that_is_the_current_one_is_an_error(tmp_path):
    _, problems = load(tmp_path, LINKS.replace("Example Safeguarding Children Board (ESCB)",
                                               "example safeguarding children partnership (ESCP)"))
    assert problems == ["data/links.yml:2: formerly: the link 'strategy' gives the same name as 'publisher' and "
                        "'formerly'. Fix: write the earlier name under 'formerly:', or remove it."]


def test_a_guide_lists_the_links_it_cites_with_publisher_and_former_name_once_each(site):
    site.write("data/links.yml", (site.root / "data/links.yml").read_text(encoding="utf-8") + LINKS.split("\n", 1)[1])
    body = BODY.format(slug="Target").replace(
        "Through training and shared practice.",
        'See {{ link("strategy") }}, {{ link("working-together-2023") }} and {{ link("strategy", "it again") }}.')
    site.guide("target", guide_text("Target", body=body))
    result = site.build()
    assert result.ok, result.output
    page = site.html("guides/target/")
    section = page.split('<section class="omg-sources" aria-labelledby="omg-sources-heading">')[1].split("</section>")[0]
    items = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(r"<li>(.*?)</li>", section, re.S)]
    assert '<h2 id="omg-sources-heading">Links in this guide</h2>' in section
    assert items == [
        "The strategy: published by Example Safeguarding Children Partnership (ESCP), "
        "formerly Example Safeguarding Children Board (ESCB)",
        "Working Together to Safeguard Children 2023: published by Department for Education (GOV.UK)"]
    assert '<a href="https://strategy.example.org/">The strategy</a>' in section


def test_a_guide_that_cites_no_named_link_has_no_links_section(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    assert "omg-sources" not in site.html("guides/target/")
