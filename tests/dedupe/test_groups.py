"""Choosing the original of a syndication group, and the containment estimate."""

from datetime import UTC, datetime

from rashomon.dedupe.groups import Member, choose_original, containment
from rashomon.dedupe.shingles import shingles, signature

T = [datetime(2026, 10, 3, h, tzinfo=UTC) for h in range(24)]


def test_declared_origin_wins_over_time_and_wire():
    members = [Member(1, "herald", T[1], False, None),
               Member(2, "wire", T[2], True, None),
               Member(3, "courier", T[3], False, "herald")]
    assert choose_original(members) == (members[0], "declared")


def test_wire_copy_beats_earlier_publication():
    members = [Member(1, "herald", T[1], False, None), Member(2, "wire", T[2], True, None)]
    assert choose_original(members) == (members[1], "wire")


def test_earliest_otherwise_and_ids_break_ties():
    members = [Member(5, "a", T[4], False, None), Member(4, "b", T[4], False, None),
               Member(6, "c", None, False, None)]
    assert choose_original(members) == (members[1], "earliest")


def test_declared_origin_outside_the_group_is_ignored():
    members = [Member(1, "a", T[2], False, "elsewhere"), Member(2, "b", T[1], False, None)]
    assert choose_original(members) == (members[1], "earliest")


def test_containment_sees_an_added_paragraph():
    base = " ".join(f"word{i}" for i in range(200))
    edited = base + " " + " ".join(f"extra{i}" for i in range(150))
    (a, na), (b, nb) = signature(base), signature(edited)
    assert a.jaccard(b) < 0.7
    assert containment(a.jaccard(b), na, nb) > 0.9
    assert containment(0.0, na, nb) == 0.0 and containment(1.0, 0, 5) == 0.0


def test_cjk_text_uses_character_shingles():
    grams = shingles("东方通讯社内罗毕10月15日电")
    assert "东方通讯社" in grams and len(grams) > 5
