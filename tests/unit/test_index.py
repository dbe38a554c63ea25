"""The lookup index: built from the files, kept up to date with every kind of change, never fatal."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from helpers import BASE_TREE
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from resolvetool.config import load_settings
from resolvetool.index import open_index
from resolvetool.index import scan as scan_module
from resolvetool.index.store import database_path


def snapshot(root: Path) -> dict[str, tuple]:
    """What the index says of every record: id -> (kind, title, status, path, valid, refs, words); the ids of
    a tree with duplicates as "id path"."""
    index = open_index(load_settings(root))
    try:
        rows = index.db.execute("SELECT rec, id, kind, title, status, path, valid FROM records").fetchall()
        refs = {}
        for rec, field, ref in index.db.execute("SELECT rec, field, ref FROM refs"):
            refs.setdefault(rec, set()).add((field, ref))
        words = dict(index.db.execute("SELECT rowid, words FROM text"))
        ids = [row[1] for row in rows]
        return {
            (row[1] if ids.count(row[1]) == 1 else f"{row[1]} {row[5]}"): (
                *row[2:],
                frozenset(refs.get(row[0], ())),
                words.get(row[0]),
            )
            for row in rows
        }
    finally:
        index.close()


def fresh_snapshot(root: Path, cache: Path) -> dict[str, tuple]:
    """The same, from an index built from nothing."""
    for path in cache.glob("index-*"):
        path.unlink()
    return snapshot(root)


def test_built_on_first_use_outside_the_records(base_tree, isolated_cache: Path) -> None:
    root = base_tree()
    index = open_index(load_settings(root))
    assert index.refreshed.indexed == 4 and index.count() == 4
    assert database_path(isolated_cache, root / "records", root).is_file()
    assert not any(".sqlite3" in p.name for p in root.rglob("*"))
    again = open_index(load_settings(root))
    assert again.refreshed.indexed == 0 and again.count() == 4


@pytest.mark.parametrize(
    "change", ["edit", "edit-same-size", "add", "delete", "rename", "new-folder", "remove-folder", "replace"]
)
def test_every_change_is_seen_by_the_next_command(base_tree, isolated_cache: Path, change: str) -> None:
    root = base_tree()
    snapshot(root)
    records = root / "records"
    resolution = records / "resolutions/2020/res-1.yaml"
    if change == "edit":
        resolution.write_text(resolution.read_text().replace("A first decision", "A changed decision"))
    elif change == "edit-same-size":  # same size, and its modification time set back: only the content differs
        info = resolution.stat()
        with open(resolution, "r+", encoding="utf-8") as stream:
            text = stream.read().replace("A first", "A fiRST")
            stream.seek(0)
            stream.write(text)
        os.utime(resolution, ns=(info.st_atime_ns, info.st_mtime_ns))
    elif change == "add":
        (records / "resolutions/2020/res-2.yaml").write_text(
            BASE_TREE["records/resolutions/2020/res-1.yaml"].replace("res-1", "res-2")
        )
    elif change == "delete":
        resolution.unlink()
    elif change == "rename":
        resolution.rename(records / "resolutions/2020/res-9.yaml")
    elif change == "new-folder":
        (records / "resolutions/2021/deep").mkdir(parents=True)
        (records / "resolutions/2021/deep/res-3.yaml").write_text(
            BASE_TREE["records/resolutions/2020/res-1.yaml"].replace("res-1", "res-3")
        )
    elif change == "remove-folder":
        shutil.rmtree(records / "resolutions")
    elif change == "replace":  # a safe save: a new file renamed over the old one
        temporary = resolution.with_name(".res-1.tmp")
        temporary.write_text(resolution.read_text().replace("status: adopted", "status: draft"))
        os.replace(temporary, resolution)
    seen = snapshot(root)
    assert seen == fresh_snapshot(root, isolated_cache)
    if change == "edit":
        assert seen["res-1"][1] == "A changed decision"
    if change == "edit-same-size":
        assert seen["res-1"][1] == "A fiRST decision"
    if change in ("delete", "remove-folder"):
        assert "res-1" not in seen
    if change == "rename":
        assert seen["res-1"][3] == "records/resolutions/2020/res-9.yaml"


def test_a_touched_file_is_restamped_not_reindexed(base_tree) -> None:
    root = base_tree()
    open_index(load_settings(root))
    os.utime(root / "records/sessions/assembly-1.yaml")
    assert open_index(load_settings(root)).refreshed.indexed == 0


@pytest.mark.slow
def test_changes_after_the_stamps_are_trusted_are_seen(base_tree, isolated_cache: Path) -> None:
    """Stamps are trusted once files and folders are older than the clock margin; then only stamps show
    changes: an edit in place, a folder swapped for a copy (whose files keep their change times), and a
    rename hidden by setting the folder's modification time back."""
    root = base_tree()
    records = root / "records"
    staging = root / "staging"
    shutil.copytree(records / "sessions", staging, copy_function=shutil.copy2)
    (staging / "assembly-1.yaml").write_text(
        (staging / "assembly-1.yaml").read_text().replace("number: 1", "number: 7")
    )
    time.sleep(scan_module.MARGIN_NS / 1e9 + 0.2)
    open_index(load_settings(root))
    index = open_index(load_settings(root))
    assert index.db.execute("SELECT count(*) FROM files WHERE size IS NOT NULL").fetchone()[0] == 4  # all trusted
    assert index.refreshed.indexed == 0

    resolution = records / "resolutions/2020/res-1.yaml"
    resolution.write_text(resolution.read_text().replace("A first", "An edited"))
    index = open_index(load_settings(root))
    assert index.refreshed.indexed == 1 and index.find("res-1")[0].title == "An edited decision"

    shutil.rmtree(records / "sessions")
    staging.rename(records / "sessions")
    index = open_index(load_settings(root))
    assert index.db.execute("SELECT value FROM fields WHERE name = 'number'").fetchone()[0] == 7

    folder = records / "organizations"
    before = folder.stat()
    (folder / "org.yaml").rename(folder / "zz-org.yaml")
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
    seen = snapshot(root)
    assert seen["org"][3] == "records/organizations/zz-org.yaml"
    assert seen == fresh_snapshot(root, isolated_cache)


def test_the_forked_scan_finds_what_the_single_one_does(base_tree, isolated_cache: Path, monkeypatch) -> None:
    root = base_tree()
    plain = snapshot(root)
    (root / "records/resolutions/2020/res-1.yaml").write_text(
        BASE_TREE["records/resolutions/2020/res-1.yaml"].replace("A first", "Another")
    )
    monkeypatch.setattr(scan_module, "_FORK_FROM", 0)
    forked = snapshot(root)
    assert forked["res-1"][1] == "Another decision"
    assert forked == fresh_snapshot(root, isolated_cache)
    assert set(forked) == set(plain)


def test_broken_files_are_indexed_with_their_problem(base_tree) -> None:
    root = base_tree(
        **{
            "records/sessions/broken.yaml": "id: broken\nkind: session\nnumber: [\n",
            "records/sessions/invalid.yaml": "id: invalid\nkind: session\nbody: assembly\nnumber: one\n",
        }
    )
    index = open_index(load_settings(root))
    (broken,) = index.find("broken")
    assert not broken.valid and broken.problem.startswith("4:1: RT0")
    (invalid,) = index.find("invalid")
    assert not invalid.valid and "RT103" in invalid.problem and invalid.kind == "session"


def test_a_damaged_index_is_rebuilt(base_tree, isolated_cache: Path) -> None:
    root = base_tree()
    open_index(load_settings(root)).close()
    database_path(isolated_cache, root / "records", root).write_bytes(b"not a database at all" * 100)
    index = open_index(load_settings(root))
    assert index.count() == 4 and index.note is None


def test_an_index_of_another_version_is_rebuilt(base_tree, isolated_cache: Path) -> None:
    root = base_tree()
    open_index(load_settings(root)).close()
    db = sqlite3.connect(database_path(isolated_cache, root / "records", root))
    db.execute("UPDATE meta SET value = 'older' WHERE key = 'code'")
    db.commit()
    db.close()
    assert open_index(load_settings(root)).refreshed.indexed == 4


def test_an_unwritable_cache_folder_gives_a_temporary_index(base_tree, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("RESOLVETOOL_CACHE_DIR", str(blocker / "cache"))
    index = open_index(load_settings(base_tree()))
    assert index.count() == 4 and "temporary" in index.note


def test_lookup_by_id_symbol_path_and_case(in_repo: Path) -> None:
    index = open_index(load_settings(in_repo))
    assert index.find("INTERPOL-GA-81-impact-cooperation")[0].kind == "resolution"
    assert index.find("ag-2012-rap-18#appendix-1")[0].id == "ag-2012-rap-18"
    assert index.find("ag-2012-RAP-18")[0].id == "ag-2012-rap-18"
    assert index.find("records/sessions/interpol-ga-81.yaml")[0].id == "interpol-ga-81"
    assert index.find("nothing") == []
    assert "interpol-ga-81-impact-cooperation" in index.suggest("interpol-ga-81-impact-cooperaton")


def test_what_points_back(in_repo: Path) -> None:
    index = open_index(load_settings(in_repo))
    referrers, counts = index.referrers("interpol-impact-cooperation")
    assert counts["approves"] == 1 and counts["refs"] == 1  # the clauses that cite it count once
    approvers = [r.row.id for r in referrers if r.field == "approves"]
    assert approvers == ["interpol-ga-81-impact-cooperation"]
    cited, _ = index.referrers("interpol")
    parts = {r.row.id: r.fragment for r in cited if r.field == "refs"}
    assert (
        parts["interpol-ga-81-impact-cooperation"] == "digital-crime-centre, global-complex-for-innovation, "
        "secretary-general"
    )


# Any sequence of changes leaves the index equal to one built from nothing.
OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["write", "delete", "rename", "grow", "mkdir"]), st.integers(0, 5), st.integers(0, 3)),
    min_size=1,
    max_size=8,
)


@pytest.mark.slow
@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_any_sequence_of_changes_keeps_the_index_true(base_tree, isolated_cache: Path, operations) -> None:
    root = base_tree()
    records = root / "records"
    snapshot(root)
    template = BASE_TREE["records/resolutions/2020/res-1.yaml"]
    for operation, number, folder_number in operations:
        folder = records / "resolutions" / f"f{folder_number}"
        path = folder / f"r-{number}.yaml"
        if operation == "write":
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(template.replace("res-1", f"r-{number}").replace("first", f"number {number}"))
        elif operation == "grow" and path.exists():
            path.write_text(path.read_text().replace("decision", "decision, amended"))
        elif operation == "delete" and path.exists():
            path.unlink()
        elif operation == "rename" and path.exists():
            path.rename(folder / f"r-{(number + 1) % 6}.yaml")
        elif operation == "mkdir":
            shutil.rmtree(folder, ignore_errors=True)
        snapshot(root)  # every command brings it up to date; so must any mix of commands and changes
    assert snapshot(root) == fresh_snapshot(root, isolated_cache)
    for path in isolated_cache.glob("index-*"):
        path.unlink()


@pytest.mark.slow
def test_commands_running_at_once_share_one_index(base_tree, isolated_cache: Path) -> None:
    import subprocess
    import sys

    root = base_tree()
    command = [sys.executable, "-m", "resolvetool", "query", "--sort", "id", "-f", "ids"]
    environment = dict(os.environ, RESOLVETOOL_CACHE_DIR=str(isolated_cache))
    runs = [
        subprocess.Popen(command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert {out for out, _ in outputs} == {b"assembly\nassembly-1\norg\nres-1\n"}
    assert len(list(isolated_cache.glob("index-*.sqlite3"))) == 1


def test_indexes_unused_for_a_month_are_dropped(base_tree, isolated_cache: Path) -> None:
    import resolvetool.index as index_module

    old = isolated_cache / "index-v1-0000000000000000.sqlite3"
    old.write_bytes(b"")
    recent = isolated_cache / "index-v1-1111111111111111.sqlite3"
    recent.write_bytes(b"")
    os.utime(old, (time.time() - 40 * 86400,) * 2)
    root = base_tree()
    index_module._prune(isolated_cache, database_path(isolated_cache, root / "records", root))
    assert not old.exists() and recent.exists()
