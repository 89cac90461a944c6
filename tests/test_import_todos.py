"""`omg check` and the build stop on any to-do left in a guide or a data file."""

from sitekit import BODY, guide_text

FIX = "Fix: do what it asks, then delete the whole [TO DO: ...] marker."


def test_a_to_do_left_in_a_guide_is_reported_with_its_file_and_line(site):
    site.guide("half-done", guide_text("Half done", body=BODY.format(slug="[TO DO: check this sentence] It")))
    result = site.check()
    assert result.returncode == 1
    assert result.output.splitlines() == [
        f'docs/guides/half-done.md:13: an editor\'s to-do is still here: "check this sentence". {FIX}',
        "1 problem found. Nothing is published until they are fixed."]


def test_a_to_do_in_the_front_matter_is_reported_too(site):
    site.guide("half-done", guide_text("Half done", topics="[ways-of-working]  # [TO DO: check the topic]"))
    assert (f'docs/guides/half-done.md:5: an editor\'s to-do is still here: "check the topic". {FIX}'
            in site.check().output)


def test_a_to_do_left_in_the_contacts_data_is_reported_with_its_line(site):
    contacts = site.root / "data/contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    contacts.write_text(text + "\n  - id: new-team\n    role: New team\n    team: \"[TO DO: the organisation]\"\n"
                        "    email: new.team@example.org\n", encoding="utf-8")
    site.guide("good")
    assert site.check().output.splitlines()[0] == (
        f'data/contacts.yml:{lines + 4}: an editor\'s to-do is still here: "the organisation". {FIX}')


def test_a_guide_with_a_to_do_is_not_published(site):
    body = BODY.format(slug="It").replace("It helps professionals work together.", "TODO: finish this part")
    site.guide("half-done", guide_text("Half done", body=body))
    result = site.build()
    assert result.returncode == 1
    assert f'docs/guides/half-done.md:17: an editor\'s to-do is still here: "finish this part". {FIX}' in result.output
    assert not (site.site / "guides" / "half-done").exists()


def test_the_words_to_do_in_ordinary_prose_are_not_a_to_do(site):
    site.guide("plain", guide_text("Plain", body=BODY.format(slug="What we have to do today")))
    result = site.check()
    assert result.ok, result.output
