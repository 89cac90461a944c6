"""Finding a guide: the home page, topic and audience pages, and a nav that does not grow."""

import re

from sitekit import guide_text


def links_in(html_part):
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', html_part)


def article(html):
    return html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]


def build_three(site):
    site.guide("alpha", guide_text("Alpha", topics="[safeguarding]", audience="[schools, health]"))
    site.guide("beta", guide_text("Beta", topics="[ways-of-working]", audience="[schools]"))
    site.guide("gamma", guide_text("Gamma", topics="[safeguarding, meetings-and-plans]", audience="[social-care]"))
    result = site.build()
    assert result.ok, result.output
    return site


def test_a_topic_page_lists_only_the_guides_with_that_topic(site):
    html = article(build_three(site).html("topics/safeguarding/"))
    assert "<h1>Safeguarding and child protection</h1>" in html
    guides = html.split('<ul class="omg-guide-list">')[1].split("</ul>")[0]
    assert links_in(guides) == [("../../guides/alpha/", "Alpha"), ("../../guides/gamma/", "Gamma")]


def test_an_audience_page_is_generated_from_the_guides_front_matter(site):
    html = article(build_three(site).html("audiences/schools/"))
    guides = html.split('<ul class="omg-guide-list">')[1].split("</ul>")[0]
    assert links_in(guides) == [("../../guides/alpha/", "Alpha"), ("../../guides/beta/", "Beta")]


def test_an_audience_with_no_guides_says_so(site):
    html = article(build_three(site).html("audiences/voluntary-sector/"))
    assert "<p>There are no guides here yet.</p>" in html


def test_the_topic_list_names_every_topic_with_its_number_of_guides(site):
    html = article(build_three(site).html("topics/"))
    terms = html.split('<ul class="omg-terms">')[1].split("</ul>")[0]
    assert [" ".join(re.sub(r"<[^>]+>", "", item).split()).split(":")[0] for item in re.findall(r"<li>(.*?)</li>", terms, re.S)] == [
        "Safeguarding and child protection (2 guides)", "Ways of working (1 guide)", "Meetings and plans (1 guide)"]


def test_the_home_page_offers_search_then_topics_audiences_and_every_guide_a_to_z(site):
    html = article(build_three(site).html(""))
    order = [html.index(marker) for marker in (
        "data-omg-search", 'id="browse-by-topic"', 'id="browse-by-audience"', 'id="guides-a-to-z"')]
    assert order == sorted(order)
    assert ("topics/safeguarding/", "Safeguarding and child protection") in links_in(html)
    assert ("audiences/voluntary-sector/", "Voluntary sector") in links_in(html)
    a_to_z = html.split('id="guides-a-to-z"')[1].split("</section>")[0]
    assert [title for _, title in links_in(a_to_z)] == ["Alpha", "Beta", "Gamma"]
    assert ("glossary/", "Glossary") in links_in(html) and ("whats-new/", "What's new") in links_in(html)


def test_the_search_button_needs_javascript_so_starts_hidden(site):
    html = build_three(site).html("")
    assert '<button type="button" class="md-button md-button--primary omg-search-button" data-omg-search hidden>' in html


def test_a_hand_written_page_at_a_generated_address_fails_the_build_naming_it(site):
    site.guide("alpha", guide_text("Alpha"))
    site.write("docs/glossary.md", "# My glossary\n")
    result = site.build()
    assert result.returncode == 1 and "Traceback" not in result.output
    assert ("docs/glossary.md: this address belongs to the generated page 'Glossary'. "
            "Fix: rename or delete the file.") in result.output


def test_a_topic_id_that_clashes_with_the_topic_list_fails_the_build(site):
    topics = (site.root / "data" / "topics.yml").read_text(encoding="utf-8")
    site.write("data/topics.yml", topics + "  - id: index\n    title: Index\n    description: A clash.\n")
    site.guide("alpha", guide_text("Alpha"))
    result = site.build()
    assert result.returncode == 1
    assert "data/topics.yml: id: 'index' is kept for the page that lists all topics. Fix: choose another id." in result.output


def page_chrome(html):
    """Everything on a guide page outside its article: header, nav, sidebars, footer."""
    before, rest = html.split('<article class="md-content__inner md-typeset">')
    return before + rest.split("</article>")[1]


def test_the_navigation_on_a_guide_page_does_not_grow_with_the_number_of_guides(site, tmp_path):
    from sitekit import make_site

    small = site
    small.guide("target", guide_text("Target"))
    assert small.build().ok
    large = make_site(tmp_path / "large")
    large.guide("target", guide_text("Target"))
    for number in range(25):
        large.guide(f"guide-{number}", guide_text(f"Guide {number}"))
    assert large.build().ok
    assert len(page_chrome(large.html("guides/target/"))) == len(page_chrome(small.html("guides/target/")))
    assert "guide-1/" not in large.html("guides/target/")
