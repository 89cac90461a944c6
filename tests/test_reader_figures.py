"""Figures: checked SVG drawings, shown inline with a text alternative."""

import re

import pytest

from omg.figures import load_figures
from omg.problems import Report
from sitekit import BODY, ROOT, guide_text

GOOD = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">
  <title>Two boxes</title>
  <desc>A box on the left and a box on the right.</desc>
  <rect x="0" y="0" width="40" height="40" fill="#f3f2f1"/>
  <text x="60" y="20">Right</text>
</svg>
"""


def problems_for(tmp_path, svg):
    folder = tmp_path / "docs" / "assets" / "figures"
    folder.mkdir(parents=True)
    (folder / "drawing.svg").write_text(svg, encoding="utf-8")
    report = Report()
    figures = load_figures(tmp_path / "docs", root=tmp_path, report=report)
    return figures, [str(problem) for problem in report.problems]


def test_a_plain_drawing_with_a_title_and_description_is_accepted(tmp_path):
    figures, problems = problems_for(tmp_path, GOOD)
    assert problems == []
    assert (figures["drawing"].title, figures["drawing"].description) == (
        "Two boxes", "A box on the left and a box on the right.")


ALLOWED = ("Fix: draw with shapes, lines and text only (svg, g, rect, circle, line, path, polygon, text...) "
           "and plain attributes such as fill and stroke; no scripts, styles, links or images.")


@pytest.mark.parametrize("change, expected", [
    (("<text x", '<script>alert(1)</script>\n  <text x'),
     f"docs/assets/figures/drawing.svg:5: the figure uses <script>, which is not allowed. {ALLOWED}"),
    (('fill="#f3f2f1"', 'fill="#f3f2f1" onclick="steal()"'),
     f"docs/assets/figures/drawing.svg:4: the figure uses the attribute 'onclick' on <rect>, which is not allowed. {ALLOWED}"),
    (('fill="#f3f2f1"', 'fill="url(https://tracker.example/x.png)"'),
     "docs/assets/figures/drawing.svg:4: the attribute 'fill' on <rect> points outside the figure "
     f"(url(https://tracker.example/x.png)). {ALLOWED}"),
    (("<text x", '<image href="https://tracker.example/x.png"/>\n  <text x'),
     f"docs/assets/figures/drawing.svg:5: the figure uses <image>, which is not allowed. {ALLOWED}"),
    (("  <desc>A box on the left and a box on the right.</desc>\n", ""),
     "docs/assets/figures/drawing.svg:1: the figure has no <desc>. Fix: add <desc> as the first elements inside <svg>, "
     "with a description of what the figure shows, for people who cannot see it."),
    (('<svg xmlns', '<!DOCTYPE svg [<!ENTITY big "lots">]>\n<svg xmlns'),
     "docs/assets/figures/drawing.svg:1: the figure has a DOCTYPE or entity declaration, which is not allowed. "
     "Fix: delete the <!DOCTYPE ...> and <!ENTITY ...> lines; plain SVG needs neither."),
    (("</svg>", ""),
     "docs/assets/figures/drawing.svg:7: the figure is not well-formed SVG (no element found). "
     "Fix: save it again from the drawing program as plain SVG."),
], ids=["script", "event-handler", "outside-address", "image", "no-description", "entities", "unclosed"])
def test_an_unsafe_or_undescribed_figure_is_refused_naming_the_file_line_and_fix(tmp_path, change, expected):
    figures, problems = problems_for(tmp_path, GOOD.replace(*change))
    assert figures == {}
    assert expected in problems


def test_a_guide_shows_a_figure_inline_with_its_text_alternative(site):
    site.write("docs/assets/figures/drawing.svg", GOOD)
    body = BODY.format(slug="Boxes").replace("Through training and shared practice.",
                                             "Look:\n\n![Two boxes side by side](../assets/figures/drawing.svg)")
    site.guide("target", guide_text("Target", body=body))
    result = site.build()
    assert result.ok, result.output
    html = site.html("guides/target/")
    figure = html.split('<figure class="omg-figure" id="figure-drawing">')[1].split("</figure>")[0]
    assert re.search(r'<svg aria-describedby="figure-drawing-desc" aria-labelledby="figure-drawing-title" '
                     r'focusable="false" role="img" viewBox="0 0 100 50">', figure)
    assert '<title id="figure-drawing-title">Two boxes</title>' in figure
    assert '<desc id="figure-drawing-desc">A box on the left and a box on the right.</desc>' in figure
    assert figure.endswith("<figcaption>Two boxes side by side</figcaption>")
    assert "<img" not in html.split('<article')[1].split("</article>")[0]


def test_a_figure_with_a_wrong_address_fails_the_strict_build(site):
    site.write("docs/assets/figures/drawing.svg", GOOD)
    body = BODY.format(slug="![Boxes](../../assets/figures/drawing.svg)")
    site.guide("target", guide_text("Target", body=body))
    result = site.build()
    assert result.returncode == 1
    assert "contains a link '../../assets/figures/drawing.svg'" in result.output


def test_an_unsafe_figure_fails_omg_check_too(site):
    site.write("docs/assets/figures/drawing.svg", GOOD.replace("<text x", "<script>alert(1)</script>\n  <text x"))
    site.guide("target", guide_text("Target"))
    result = site.check()
    assert result.returncode == 1
    assert "docs/assets/figures/drawing.svg:5: the figure uses <script>, which is not allowed." in result.output


def test_the_restorative_practice_guide_shows_the_social_discipline_window():
    text = (ROOT / "docs/guides/restorative-practice.md").read_text(encoding="utf-8")
    assert "](../assets/figures/social-discipline-window.svg)" in text
    report = Report()
    figures = load_figures(ROOT / "docs", root=ROOT, report=report)
    assert report.problems == []
    window = figures["social-discipline-window"]
    # In the seed's terms (challenge and support), not the original drawing's 'control' and 'punitive'.
    for words in ("TO people", "FOR people", "NOT doing anything", "WITH people", "challenge", "support"):
        assert words in window.description
    drawn = " ".join(window.svg.itertext())
    for words in ("control", "punitive", "permissive", "neglectful"):
        assert words not in window.description.lower() and words not in drawn.lower()
    caption = re.search(r"!\[([^\]]+)\]\(\.\./assets/figures/social-discipline-window\.svg\)", text).group(1)
    assert "high challenge and high support" in caption
    assert "Wachtel and Paul McCold" in caption and "International Institute for Restorative Practices (IIRP)" in caption
