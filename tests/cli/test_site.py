"""render --format html and render --site: every kind of record on a page, links both ways, indexes by body,
session and year, search files; incremental rebuilds; record text always escaped, never markup or a link."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import BASE_TREE, HOSTILE, HOSTILE_TITLE

REFERENCE = "interpol-ga-81-impact-cooperation"


class Page(HTMLParser):
    """Elements (tag, attributes) and the text of an HTML page, as a browser's parser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and all(value in (attrs.get(key) or "").split() for key, value in wanted.items())
        ]


def read(site: Path, path: str) -> Page:
    return Page((site / path).read_text(encoding="utf-8"))


def build(run_cli, root: Path, *extra: str):
    result = run_cli("render", "--site", "site", *extra, cwd=root)
    return result


def test_one_page_is_self_contained(run_cli, reference_project):
    result = run_cli("render", REFERENCE, "--format", "html", cwd=reference_project)
    assert result.exit_code == 0, result.stderr
    page = Page(result.stdout)
    assert len(page.all("div", **{"class": "preambular"})) == 8
    assert len(page.all("div", **{"class": "operative"})) == 2
    assert page.all("div", id="preamble-1") and page.all("div", id="operative-2")
    assert not page.all("script") and not page.all("link") and not page.all("img")
    assert page.all("style")
    assert "BEARING IN MIND Article 41 of the Organization's Constitution," in page.text
    # Without --base-url, references are named, not linked: a page on its own has nowhere to link to.
    assert not [attrs for attrs in page.all("a") if not (attrs["href"] or "").startswith("#")]
    assert "AG-2012-RAP-18, appendix 1" in page.text
    linked = run_cli("render", REFERENCE, "-f", "html", "--base-url", "https://example.org/site", cwd=reference_project)
    hrefs = [attrs["href"] for attrs in Page(linked.stdout).all("a")]
    assert "https://example.org/site/agreements/interpol-impact-cooperation.html" in hrefs
    assert "https://example.org/site/reports/ag-2012-rap-18.html#appendix-1" in hrefs


@pytest.mark.parametrize(
    "ref",
    [
        "interpol-impact-cooperation",
        "interpol-ga-81",
        "interpol-general-assembly",
        "interpol",
        "interpol-constitution",
        "ag-2012-rap-18",
    ],
)
def test_every_kind_has_a_page(run_cli, reference_project, ref):
    result = run_cli("render", ref, "-f", "html", cwd=reference_project)
    assert result.exit_code == 0, result.stderr
    assert Page(result.stdout).all("h1")


def test_options_that_do_not_go_together(run_cli, reference_project):
    for args, message in [
        ((), "give a REF to render"),
        ((REFERENCE, "--site", "x"), "not both"),
        (("--site", "x", "-f", "akn"), "--site writes every record"),
        ((REFERENCE, "--base-url", "u"), "--base-url goes with --format html"),
        ((REFERENCE, "--force"), "--force and --jobs go with --site"),
    ]:
        result = run_cli("render", *args, cwd=reference_project)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
    missing = run_cli("render", "interpol-ga-81-impact", "-f", "html", cwd=reference_project)
    assert missing.exit_code == 1 and "did you mean" in missing.stderr


def test_site_pages_link_both_ways(run_cli, reference_project):
    result = build(run_cli, reference_project)
    assert result.exit_code == 0, result.stderr
    site = reference_project / "site"
    resolution = read(site, f"resolutions/{REFERENCE}.html")
    hrefs = {attrs["href"] for attrs in resolution.all("a")}
    assert "../agreements/interpol-impact-cooperation.html" in hrefs
    assert "../sessions/interpol-ga-81.html" in hrefs
    assert "../instruments/interpol-constitution.html#article-41" in hrefs
    assert "../years/2012.html" in hrefs
    assert resolution.all("link", rel="stylesheet")
    agreement = read(site, "agreements/interpol-impact-cooperation.html")
    assert f"../resolutions/{REFERENCE}.html" in {attrs["href"] for attrs in agreement.all("a")}
    assert [attrs.get("class") for attrs in agreement.all("li") if "step" in (attrs.get("class") or "")] == [
        "step step-drafted",
        "step step-approved",
    ]
    assert "Approved by" in agreement.text
    instrument = read(site, "instruments/interpol-constitution.html")
    assert instrument.all("section", id="article-41")
    report = read(site, "reports/ag-2012-rap-18.html")
    assert report.all("li", id="appendix-1")
    session = read(site, "sessions/interpol-ga-81.html")
    assert f"../resolutions/{REFERENCE}.html" in {attrs["href"] for attrs in session.all("a")}
    home = read(site, "index.html")
    home_links = {attrs["href"] for attrs in home.all("a")}
    assert {
        "sessions/interpol-ga-81.html",
        "years/2012.html",
        f"resolutions/{REFERENCE}.html",
        "search.html",
    } <= home_links | {attrs.get("action") for attrs in home.all("form")}
    year = read(site, "years/2012.html")
    assert f"../resolutions/{REFERENCE}.html" in {attrs["href"] for attrs in year.all("a")}
    assert "81st session, Rome" in year.text
    # Every link inside the site leads to a page that exists, and every anchor to an element on it.
    for page_path in site.rglob("*.html"):
        for attrs in read(site, str(page_path.relative_to(site))).all("a"):
            href = attrs["href"]
            target, _, anchor = href.partition("#")
            file = (page_path.parent / target).resolve() if target else page_path
            assert file.is_file(), (page_path, href)
            if anchor:
                assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), (page_path, href)


def test_search_files_hold_every_record(run_cli, reference_project):
    build(run_cli, reference_project)
    site = reference_project / "site"
    shards = (site / "search" / "shards.js").read_text()
    names = json.loads(shards.removeprefix("window.resolvetoolShards = ").rstrip().removesuffix(";"))
    docs = []
    for name in names:
        text = (site / name.split("?")[0]).read_text(encoding="utf-8")
        docs += json.loads(text.removeprefix("resolvetoolSearch.add(").rstrip().removesuffix(");"))
    assert len(docs) == 9
    resolution = next(doc for doc in docs if doc[0] == f"resolutions/{REFERENCE}.html")
    assert resolution[2] == "resolution" and "cybercrime" in resolution[5].split()
    search = read(site, "search.html")
    assert [attrs["src"].split("?")[0] for attrs in search.all("script")] == ["search/shards.js", "assets/search.js"]


def test_rebuilds_write_only_what_changed(run_cli, reference_project):
    site = reference_project / "site"
    first = build(run_cli, reference_project)
    assert "0 unchanged" in first.stderr
    stamps = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}
    again = build(run_cli, reference_project)
    assert "0 files written" in again.stderr, again.stderr
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()} == stamps
    # One edit: the record's page, the pages that show its title, and the indexes listing it.
    agreement = reference_project / "records/agreements/interpol-impact-cooperation.yaml"
    agreement.write_text(agreement.read_text().replace("title: >-\n  Cooperation", "title: >-\n  Revised cooperation"))
    edited = build(run_cli, reference_project)
    changed = {
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.is_file() and stamps.get(path) != path.stat().st_mtime_ns
    }
    assert "agreements/interpol-impact-cooperation.html" in changed
    assert f"resolutions/{REFERENCE}.html" in changed  # it links to the agreement by its title
    assert "agreements/_index.html" in changed
    assert "instruments/interpol-constitution.html" not in changed
    assert "Revised cooperation" in (site / f"resolutions/{REFERENCE}.html").read_text()
    assert f"{len(changed) - 1} files written" in edited.stderr  # the manifest is not counted
    # A removed record's page goes; a page deleted by hand comes back.
    (reference_project / "records/organizations/itu.yaml").unlink()
    (site / "organizations/impact.html").unlink()
    removed = build(run_cli, reference_project)
    assert "1 removed" in removed.stderr
    assert not (site / "organizations/itu.html").exists()
    assert (site / "organizations/impact.html").is_file()
    assert "(no such record)" in (site / f"resolutions/{REFERENCE}.html").read_text()


def test_the_site_folder_is_guarded(run_cli, reference_project):
    foreign = reference_project / "site"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    refused = build(run_cli, reference_project)
    assert refused.exit_code == 2 and "did not write" in refused.stderr and "--force" in refused.stderr
    forced = build(run_cli, reference_project, "--force")
    assert forced.exit_code == 0
    assert (foreign / "notes.txt").read_text() == "mine"
    manifest = json.loads((foreign / ".resolvetool-site.json").read_text())
    manifest["pages"] |= {
        "../records/bodies/interpol-general-assembly.yaml": "x",
        "/etc/hostname": "y",
        "old.html": "z",
    }
    (foreign / ".resolvetool-site.json").write_text(json.dumps(manifest))
    (foreign / "old.html").write_text("stale")
    cleaned = build(run_cli, reference_project)
    assert cleaned.exit_code == 0
    assert (reference_project / "records/bodies/interpol-general-assembly.yaml").is_file()
    assert not (foreign / "old.html").exists() and (foreign / "notes.txt").is_file()
    # A new page whose name a file of the user's already has: refused, unless --force.
    (foreign / "organizations" / "acme.html").write_text("my own page")
    (reference_project / "records/organizations/acme.yaml").write_text("id: acme\nkind: organization\nname: Acme\n")
    blocked = build(run_cli, reference_project)
    assert blocked.exit_code == 2 and "acme.html is in the way" in blocked.stderr
    assert (foreign / "organizations" / "acme.html").read_text() == "my own page"
    assert build(run_cli, reference_project, "--force").exit_code == 0
    assert "Acme" in (foreign / "organizations" / "acme.html").read_text()
    inside = run_cli("render", "--site", "records/site", cwd=reference_project)
    assert inside.exit_code == 2 and "records folder" in inside.stderr
    (reference_project / "afile").write_text("x")
    file = run_cli("render", "--site", "afile", cwd=reference_project)
    assert file.exit_code == 2 and "is a file" in file.stderr


def test_invalid_records_are_left_out_and_said(run_cli, base_tree):
    root = base_tree(**{"records__resolutions__2020__bad.yaml": "id: bad\nkind: resolution\n"})
    result = run_cli("render", "--site", "site", cwd=root)
    assert result.exit_code == 1
    assert "records/resolutions/2020/bad.yaml: not published: not a valid record" in result.stderr
    assert (root / "site/resolutions/res-1.html").is_file() and not (root / "site/resolutions/bad.html").exists()


@pytest.mark.slow
def test_many_pages_are_rendered_in_workers(run_cli, base_tree):
    extra = {
        f"records__resolutions__2020__r{n}.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"]
        .replace("id: res-1", f"id: r{n}")
        .replace("A first decision", f"Decision number {n}")
        for n in range(260)
    }
    root = base_tree(**extra)
    result = run_cli("render", "--site", "site", "--jobs", "2", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert len(list((root / "site/resolutions").glob("r[0-9]*.html"))) == 260
    assert "Decision number 7" in (root / "site/resolutions/r7.html").read_text()
    session = read(root / "site", "sessions/assembly-1.html")
    assert len([attrs for attrs in session.all("a") if attrs["href"].startswith("../resolutions/r")]) == 261


def hostile_strings() -> list[str]:
    return [
        HOSTILE_TITLE,
        "<script>alert('org')</script>",
        '" onmouseover="alert(1)',
        "javascript:alert('office')",
        '"><img src=x onerror=alert(1)>',
        "javascript:alert('city')",
        "A/RES/1'\"><svg onload=alert(1)>",
    ]


def assert_inert(page: Page, *, scripts: tuple[str, ...] = ()) -> None:
    """No element, attribute or link came from record text."""
    assert [attrs.get("src", "").split("?")[0] for attrs in page.all("script")] == list(scripts)
    for tag, attrs in page.elements:
        assert tag not in ("img", "svg", "iframe", "marquee", "u", "b"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "//")), (tag, value)


def test_hostile_text_is_escaped_everywhere(run_cli, make_tree):
    root = make_tree(HOSTILE)
    assert run_cli("validate", cwd=root).exit_code == 0
    single = run_cli("render", "res-1", "-f", "html", cwd=root)
    assert single.exit_code == 0, single.stderr
    page = Page(single.stdout)
    assert_inert(page)
    assert HOSTILE_TITLE in page.text and "{{ 7 * 7 }} {% raw %} ${alert(1)}" in page.text
    result = run_cli("render", "--site", "site", cwd=root)
    assert result.exit_code == 0, result.stderr
    site = root / "site"
    titles = set()
    for path in site.rglob("*.html"):
        page = read(site, str(path.relative_to(site)))
        assert_inert(page, scripts=("search/shards.js", "assets/search.js") if path.name == "search.html" else ())
        titles |= {attrs.get("title") for _, attrs in page.elements}
        titles |= {" ".join(page.texts)}
    everything = " ".join(t for t in titles if t)
    for hostile in hostile_strings():
        assert hostile in everything, hostile  # shown as written, in text or in a quoted attribute
    shard = (site / "search/0.js").read_text(encoding="utf-8")
    assert "<" not in shard and "\u2028" not in shard
    docs = json.loads(shard.removeprefix("resolvetoolSearch.add(").rstrip().removesuffix(");"))
    assert HOSTILE_TITLE in [doc[1] for doc in docs]


def test_project_templates_override_ours(run_cli, reference_project):
    templates = reference_project / "site-templates"
    (templates / "assets").mkdir(parents=True)
    (templates / "assets" / "site.css").write_text("body { color: teal; }\n")
    (templates / "list.html.j2").write_text("{{ heading }} (our own list)\n")
    (reference_project / "resolvetool.toml").write_text(
        '[render]\ntemplates = "site-templates"\nsite-title = "INTERPOL resolutions"\n'
    )
    assert build(run_cli, reference_project).exit_code == 0
    site = reference_project / "site"
    assert (site / "assets/site.css").read_text() == "body { color: teal; }\n"
    assert (site / "agreements/_index.html").read_text() == "Agreements (our own list)\n"
    assert "INTERPOL resolutions" in (site / "index.html").read_text()
    (templates / "list.html.j2").write_text("{{ heading }} (changed)\n")
    assert build(run_cli, reference_project).exit_code == 0
    assert (site / "agreements/_index.html").read_text() == "Agreements (changed)\n"
    (reference_project / "resolvetool.toml").write_text('[render]\ntemplates = "nowhere"\n')
    bad = build(run_cli, reference_project)
    assert bad.exit_code == 2 and "render.templates" in bad.stderr


def test_a_house_style_we_do_not_have(run_cli, base_tree):
    body = BASE_TREE["records/bodies/assembly.yaml"] + "house_style: fancy\n"
    root = base_tree(**{"records__bodies__assembly.yaml": body})
    single = run_cli("render", "res-1", "-f", "html", cwd=root)
    assert single.exit_code == 1 and "house style 'fancy'" in single.stderr
    site = run_cli("render", "--site", "site", cwd=root)
    assert site.exit_code == 0, site.stderr
    assert "records/bodies/assembly.yaml: note: house style 'fancy' is not one resolvetool has" in site.stderr
    assert "The Assembly," in (root / "site/resolutions/res-1.html").read_text()


def tree_of(folder: Path) -> dict[str, bytes]:
    """Every file and folder of a site (folders as None), to compare two builds."""
    return {
        str(path.relative_to(folder)): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


@pytest.mark.slow
def test_incremental_rebuilds_equal_fresh_builds(run_cli, reference_project, tmp_path):
    """After each edit, the rebuilt site is the site a build into an empty folder gives, byte for byte."""
    records = reference_project / "records"
    resolution = records / "resolutions/2012" / f"{REFERENCE}.yaml"
    session = records / "sessions/interpol-ga-81.yaml"
    edits = [
        lambda: resolution.write_text(resolution.read_text().replace("AUTHORIZES", "INVITES")),
        lambda: session.write_text(session.read_text().replace("city: Rome", "city: Lyon")),
        lambda: (records / "resolutions/2013").mkdir(),
        lambda: resolution.rename(records / "resolutions/2013" / resolution.name),
        lambda: (records / "bodies/interpol-general-assembly.yaml").write_text(
            (records / "bodies/interpol-general-assembly.yaml").read_text().replace("house_style: interpol\n", "")
        ),
        lambda: (records / "organizations/itu.yaml").unlink(),
        lambda: (records / "resolutions/2013" / resolution.name).unlink(),  # the last resolution: no years left
    ]
    assert build(run_cli, reference_project).exit_code == 0
    for number, edit in enumerate(edits):
        edit()
        assert build(run_cli, reference_project).exit_code == 0
        fresh = tmp_path / f"fresh-{number}"
        assert run_cli("render", "--site", str(fresh), cwd=reference_project).exit_code == 0
        assert tree_of(reference_project / "site") == tree_of(fresh) | {".resolvetool-site.json": None} | {
            ".resolvetool-site.json": (reference_project / "site/.resolvetool-site.json").read_bytes()
        }, number
    assert not (reference_project / "site/years").exists()


def test_an_interrupted_build_is_finished_by_the_next(run_cli, reference_project, monkeypatch):
    from resolvetool.config import load_settings
    from resolvetool.publish import build_site, pages

    real = pages._record_html
    calls = []

    def stop_after_three(plan, item):
        calls.append(item)
        if len(calls) > 3:
            raise KeyboardInterrupt
        return real(plan, item)

    monkeypatch.setattr(pages, "_record_html", stop_after_three)
    settings = load_settings(reference_project)
    with pytest.raises(KeyboardInterrupt):
        build_site(settings, reference_project / "site", jobs=1)
    monkeypatch.setattr(pages, "_record_html", real)
    (reference_project / "records/organizations/itu.yaml").unlink()  # and a page written before the stop goes
    report = build_site(settings, reference_project / "site", jobs=1)
    assert report.skipped == []
    fresh = build_site(settings, reference_project / "fresh", jobs=1)
    assert tree_of(reference_project / "site") == tree_of(reference_project / "fresh")
    assert fresh.pages == report.pages


def test_what_validate_rejects_is_not_published_as_if_it_were_fine(run_cli, base_tree):
    twice = BASE_TREE["records/organizations/org.yaml"] + "units:\n  - id: head\n    name: Head unit\n"
    root = base_tree(
        **{
            "records__organizations__org.yaml": twice,  # RT209: two parts named "head"
            "records__resolutions__2020__res-2.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"]
            .replace("id: res-1", "id: res-2")
            .replace("[org#head]", "[assembly-1#nothere]"),
            "records__resolutions__2021__res-1.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"],  # id twice
        }
    )
    result = run_cli("render", "--site", "site", cwd=root)
    assert result.exit_code == 1
    assert "records/organizations/org.yaml: not published: not a valid record (" in result.stderr
    assert "records/resolutions/2020/res-1.yaml: not published: id 'res-1' is also taken" in result.stderr
    assert "records/resolutions/2021/res-1.yaml: not published: id 'res-1' is also taken" in result.stderr
    site = root / "site"
    assert not (site / "resolutions/res-1.html").exists() and not (site / "organizations/org.html").exists()
    page = read(site, "resolutions/res-2.html")
    assert "(no such part)" in page.text
    assert "../sessions/assembly-1.html#nothere" not in {attrs["href"] for attrs in page.all("a")}


def test_dates_shown_are_the_records_own(run_cli, reference_project):
    build(run_cli, reference_project)
    site = reference_project / "site"
    # The reference resolution's day of adoption is not recorded: it is filed under 2012 (its session's
    # year) but shown with no date of its own.
    for path in ("index.html", "years/2012.html", "agreements/interpol-impact-cooperation.html"):
        lines = [line for line in (site / path).read_text().splitlines() if f"resolutions/{REFERENCE}.html" in line]
        assert lines and not any("<time" in line for line in lines), path
    assert f"resolutions/{REFERENCE}.html" in {attrs["href"] for attrs in read(site, "index.html").all("a")}


def test_every_page_is_reachable_from_the_home_page(run_cli, reference_project):
    build(run_cli, reference_project)
    site = reference_project / "site"
    seen, todo = set(), ["index.html"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        page = read(site, path)
        for attrs in page.all("a"):
            target = (site / path).parent / attrs["href"].split("#")[0]
            if attrs["href"].split("#")[0]:
                todo.append(str(target.resolve().relative_to(site.resolve())))
    assert seen >= {str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "search.html"}
    home = read(site, "index.html").text
    assert "1 body" in home and "3 organizations" in home and "bodys" not in home


def test_a_session_numbered_in_thousands(run_cli, base_tree):
    body = BASE_TREE["records/bodies/assembly.yaml"] + "house_style: ordinal\n"
    session = BASE_TREE["records/sessions/assembly-1.yaml"].replace("number: 1", "number: 2013")
    root = base_tree(**{"records__bodies__assembly.yaml": body, "records__sessions__assembly-1.yaml": session})
    result = run_cli("render", "res-1", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "The Two thousand and thirteenth Assembly," in result.stdout
    assert run_cli("render", "--site", "site", cwd=root).exit_code == 0


def children(pid: int) -> list[str]:
    """The processes whose parent is `pid`, from /proc (no ps needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid):
            found.append(stat.parent.name)
    return found


@pytest.mark.slow
def test_workers_end_with_a_killed_build(base_tree):
    import signal
    import subprocess
    import sys
    import time

    extra = {
        f"records__resolutions__2020__r{n}.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
            "id: res-1", f"id: r{n}"
        )
        for n in range(1500)
    }
    root = base_tree(**extra)
    build = subprocess.Popen(
        [sys.executable, "-m", "resolvetool", "render", "--site", "site", "--jobs", "2"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[str] = []
    deadline = time.monotonic() + 60
    while not workers and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        if (root / "site/resolutions").is_dir():  # pages are being written: the workers are up
            workers = children(build.pid)
    if build.poll() is not None:
        pytest.skip("the build finished before it could be killed")
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while workers and time.monotonic() < deadline:
        workers = [
            pid
            for pid in workers
            if Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
        ]
        time.sleep(0.1)
    assert workers == []
    # The next build finishes the site and leaves no temporary file behind.
    finished = subprocess.run(
        [sys.executable, "-m", "resolvetool", "render", "--site", "site"], cwd=root, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    assert not [path for path in (root / "site").rglob("*.tmp")]
    assert len(list((root / "site/resolutions").glob("r[0-9]*.html"))) == 1500


def test_a_record_called_index_does_not_take_a_lists_place(run_cli, base_tree):
    root = base_tree(
        **{
            "records__resolutions__2020__index.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"]
            .replace("id: res-1", "id: index")
            .replace("A first decision", "Called index")
        }
    )
    assert run_cli("render", "--site", "site", cwd=root).exit_code == 0
    site = root / "site"
    assert "Called index" in (site / "resolutions/index.html").read_text()
    assert "Resolutions by year" in (site / "resolutions/_index.html").read_text()


def test_template_mistakes_name_the_template(run_cli, reference_project):
    templates = reference_project / "tpl"
    templates.mkdir()
    (reference_project / "resolvetool.toml").write_text('[render]\ntemplates = "tpl"\n')
    (templates / "index.html.j2").write_text("{{ oops( }}\n")
    broken = build(run_cli, reference_project)
    assert broken.exit_code == 2
    assert "template" in broken.stderr and "index.html.j2, line 1" in broken.stderr and "fix it" in broken.stderr
    (templates / "index.html.j2").unlink()
    (templates / "record.html.j2").write_text("{{ nosuch }}\n")
    undefined = build(run_cli, reference_project)
    assert undefined.exit_code == 2 and "record.html.j2, line 1: 'nosuch' is undefined" in undefined.stderr
    single = run_cli("render", REFERENCE, "-f", "html", cwd=reference_project)
    assert single.exit_code == 1 and "'nosuch' is undefined" in single.stderr
    (templates / "record.html.j2").unlink()
    assert build(run_cli, reference_project).exit_code == 0  # and the interrupted builds are finished


def test_a_body_of_the_wrong_kind(run_cli, base_tree):
    root = base_tree(
        **{
            "records__resolutions__2020__res-1.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
                "body: assembly", "body: org"
            )
        }
    )
    for format in ("text", "markdown", "html", "akn"):
        result = run_cli("render", "res-1", "-f", format, cwd=root)
        assert result.exit_code == 1 and "names body 'org'" in result.stderr, format
    site = run_cli("render", "--site", "site", cwd=root)
    assert site.exit_code == 1 and "res-1.yaml: not published: names body 'org'" in site.stderr


def test_links_in_the_site_folder_are_replaced_not_followed(run_cli, reference_project, tmp_path):
    precious = tmp_path / "precious.html"
    precious.write_text("mine")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site = reference_project / "site"
    site.mkdir()
    (site / "index.html").symlink_to(precious)
    assert build(run_cli, reference_project, "--force").exit_code == 0
    assert precious.read_text() == "mine" and not (site / "index.html").is_symlink()
    shutil_tree = site / "organizations"
    for page in shutil_tree.iterdir():
        page.unlink()
    shutil_tree.rmdir()
    shutil_tree.symlink_to(elsewhere, target_is_directory=True)
    result = build(run_cli, reference_project)
    assert result.exit_code == 2 and "leads outside the site folder" in result.stderr
    assert list(elsewhere.iterdir()) == []
