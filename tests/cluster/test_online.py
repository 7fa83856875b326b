"""The online clusterer on synthetic articles: joins, windows, repairs, determinism, threads."""

from __future__ import annotations

import zlib

import numpy as np

from rashomon.cluster.config import ClusterConfig, config_from_settings
from rashomon.cluster.features import extract
from rashomon.cluster.online import ClusterEvents, OnlineClusterer
from rashomon.cluster.scoring import Background
from rashomon.cluster.state import ClusterItem
from rashomon.cluster.threads import ThreadBook, keyphrases, thread_label

DIM = 24
HOUR = 3600.0
TEXTS = {
    "quake": "Earthquake in Karvash kills 17, governor Selin Aksoy says",
    "summit": "Nairobi summit pledges 4.2 billion for Resilience Bridge Fund",
    "bank": "Halden Nordbank breach exposes 4.2 million customers",
    "spill": "Cyanide from Vorell Chemie dam in Kessendorf reaches the Danube",
}


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def _direction(name: str) -> np.ndarray:
    return _unit(np.random.default_rng(zlib.crc32(name.encode())).normal(size=DIM))


def _item(i: int, event: str, hours: float, language: str = "en", noise: float = 0.1,
          text: str | None = None, base: np.ndarray | None = None) -> ClusterItem:
    rng = np.random.default_rng(i)
    vec = _unit((_direction(event) if base is None else base) + noise * rng.normal(size=DIM))
    words = text if text is not None else f"{TEXTS[event]} (report {i})"
    return ClusterItem(i, vec, extract(words, language), hours * HOUR)


def _labels(events: list[ClusterEvents]) -> dict[int, int]:
    labels: dict[int, int] = {}
    for ev in events:
        labels.update(ev.assigned)
        labels.update(ev.moved)
        for gone, survivor in ev.merged:
            labels = {d: survivor if k == gone else k for d, k in labels.items()}
    return labels


def _groups(labels: dict[int, int]) -> list[set[int]]:
    out: dict[int, set[int]] = {}
    for doc, key in labels.items():
        out.setdefault(key, set()).add(doc)
    return sorted(out.values(), key=min)


def _stream() -> list[ClusterItem]:
    items, i = [], 0
    for hours, event in [(0, "quake"), (1, "summit"), (2, "bank"), (3, "quake"),
                         (4, "summit"), (5, "bank"), (6, "quake"), (7, "bank"), (8, "summit")]:
        items.append(_item(i, event, hours))
        i += 1
    return items


def test_articles_of_one_event_share_a_story():
    c = OnlineClusterer(DIM)
    labels = _labels([c.add(_stream())])
    assert _groups(labels) == [{0, 3, 6}, {1, 4, 8}, {2, 5, 7}]


def test_same_order_same_stories_and_keys():
    runs = []
    for _ in range(2):
        c = OnlineClusterer(DIM)
        runs.append(_labels([c.add(_stream()[:4]), c.add(_stream()[4:])]))
    assert runs[0] == runs[1]


def test_cross_lingual_article_joins_on_its_embedding():
    c = OnlineClusterer(DIM)
    stream = _stream()
    stream.append(_item(20, "quake", 9, language="tr",
                        text="Karvaş depreminde ölü sayısı 17'ye yükseldi"))
    labels = _labels([c.add(stream)])
    assert labels[20] == labels[0]


def test_window_closes_old_stories_and_time_keeps_look_alikes_apart():
    c = OnlineClusterer(DIM)
    c.add([_item(100 + i, e, i * 0.1) for i, e in enumerate(["summit", "bank", "spill"] * 3)])
    first = [_item(i, "quake", i) for i in range(3)]
    # a month later: another earthquake worded the same way and pointing the same way
    later = [_item(10 + i, "quake", 24 * 30 + i) for i in range(3)]
    labels = _labels([c.add(first), c.add(later)])
    assert labels[0] != labels[10] and len({labels[i] for i in range(10, 13)}) == 1
    assert labels[0] not in c.stories  # the first story left memory with the window


def test_repair_merges_stories_that_grew_together():
    cfg = ClusterConfig()
    c = OnlineClusterer(DIM, cfg)
    mid = _unit(_direction("quake") + _direction("summit"))
    # two pairs that start apart; bridging articles arrive later
    events = [c.add([_item(0, "quake", 0, noise=0.02), _item(1, "quake", 0.1, noise=0.02)])]
    events.append(c.add([_item(2, "summit", 0.2, text=TEXTS["quake"], base=mid, noise=0.02)]))
    events.append(c.add([_item(3, "quake", 0.3, base=mid, noise=0.02)]))
    labels = _labels(events)
    merged = [m for ev in events for m in ev.merged]
    assert len(set(labels.values())) == 1 or not merged
    for gone, survivor in merged:  # the older story survives: its id stays valid
        assert c._born.get(survivor, -1) <= c._born.get(gone, 10**9)


def test_two_bursts_of_one_topic_are_two_stories_in_one_thread():
    cfg = ClusterConfig(threshold=0.1, merge_threshold=0.1)  # glue everything first
    c = OnlineClusterer(DIM, cfg)
    # other news, so that the background similarity is that of a real mix
    c.add([_item(100 + i, e, i * 0.1) for i, e in enumerate(["quake", "summit", "bank"] * 4)])
    day1 = [_item(i, "spill", i * 0.5, noise=0.05) for i in range(6)]
    follow = _unit(0.75 * _direction("spill") + 0.66 * _direction("plume"))
    day2 = [_item(10 + i, "spill", 36 + i * 0.5, base=follow, noise=0.05,
                  text="Danube cyanide plume reaches Slovakia, towns shut water intakes")
            for i in range(6)]
    events = [c.add(day1), c.add(day2)]
    labels = _labels(events)
    assert {labels[i] for i in range(6)} != {labels[10 + i] for i in range(6)}
    threads = {k: t for ev in events for k, t in ev.threads.items()}
    assert threads.get(labels[0]) is not None
    assert threads.get(labels[0]) == threads.get(labels[10])


def test_repair_splits_a_story_that_holds_two_events():
    c = OnlineClusterer(DIM)
    c.add([_item(100 + i, e, i * 0.1, text=f"{e} news {i}")
           for i, e in enumerate(["summit", "spill", "plume"] * 4)])
    quake = [_item(i, "quake", 1 + i * 0.1, noise=0.05) for i in range(5)]
    other = [_item(10 + i, "bank", 1 + i * 0.1, noise=0.05) for i in range(5)]
    c.restore(7, quake + other)  # as if an older version had glued two events together
    c.stories[7].changed = True
    events = c.repair()
    moved = set(events.moved)
    assert moved in ({it.id for it in quake}, {it.id for it in other})
    assert c.story_of(0) == 7  # the side holding the first article keeps the id


def test_rename_gives_permanent_keys_and_restore_rebuilds():
    c = OnlineClusterer(DIM)
    ev = c.add(_stream())
    for n, key in enumerate(sorted(set(ev.assigned.values()), reverse=True), start=1):
        c.rename(key, 100 + n)
    assert set(c.labels().values()) == {101, 102, 103}
    restored = OnlineClusterer(DIM)
    for key in (101, 102, 103):
        members = [it for it in _stream() if c.story_of(it.id) == key]
        restored.restore(key, members)
    more = restored.add([_item(50, "bank", 9)])
    assert more.assigned[50] == c.story_of(2)


def test_background_is_the_mean_cosine_of_distinct_pairs():
    bg = Background(3)
    for v in ([1, 0, 0], [1, 0, 0], [0, 1, 0]):
        bg.add(np.array(v, dtype=float), "en")
    snap = bg.snapshot()
    assert abs(snap.same - 1 / 3) < 1e-9  # pairs: (a,a')=1, (a,b)=0, (a',b)=0
    bg.add(np.array([0, 0, 1.0]), "de")
    assert bg.snapshot().cross == 0.0


def test_setting_defaults_are_the_config_defaults():
    from rashomon.settings import load_settings

    assert config_from_settings(load_settings(environ={})) == ClusterConfig()


def test_settings_map_onto_the_config():
    cfg = config_from_settings({"cluster_threshold": 0.5, "cluster_window_days": 2.0,
                                "unrelated": 1})
    assert cfg.threshold == 0.5 and cfg.window_days == 2.0
    assert cfg.merge_threshold == ClusterConfig().merge_threshold


def test_thread_book_links_merges_and_renames():
    book = ThreadBook()
    assert book.link(1, 2) == {1: -1, 2: -1}
    assert book.link(3, 2) == {3: -1}
    assert book.link(4, 5) == {4: -2, 5: -2}
    moved = book.link(1, 4)  # two threads meet: the first made absorbs the other
    assert moved == {4: -1, 5: -1}
    assert book.follow_merge(5, 6) == {6: -1}
    book.rename_thread(-1, 7)
    book.rename_story(6, 60)
    assert book.of == {1: 7, 2: 7, 3: 7, 4: 7, 60: 7}


def test_keyphrases_name_what_recurs():
    titles = ["Danube cyanide spill reaches Slovakia", "Cyanide spill: Vorell chief resigns",
              "Danube towns shut water intakes after cyanide spill"]
    background = ["Earthquake kills 17 in Karvash", "Brazil raises rates", "Danube cruise season"]
    assert keyphrases(titles, background)[0] == "cyanide spill"
    assert thread_label(titles, background) == "cyanide spill, Danube"
    assert thread_label([], background) is None
