"""Cleanup: the multilingual clutter rules, quote/figure protection, repeats and templates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.cleanup import (
    clean_paragraphs,
    clean_text,
    learn_template,
    normalise_line,
    remove_template,
    split_paragraphs,
    strip_credit,
)
from rashomon.extract.clutter import classify
from rashomon.extract.protect import holds_figure, holds_quote, is_dateline, is_protected

# (line, category) in en, de, fr, es, it, pt, ru, uk, pl, tr, ar, zh, ja
CLUTTER = [
    ("Listen to this article", "listen"),
    ("NEWYou can now listen to Harbour Daily articles!", "listen"),
    ("Artikel anhören", "listen"),
    ("Écouter cet article", "listen"),
    ("Escuchar esta noticia", "listen"),
    ("Ascolta l'articolo", "listen"),
    ("Ouvir este artigo", "listen"),
    ("Слушать статью", "listen"),
    ("Слухати статтю", "listen"),
    ("Posłuchaj artykułu", "listen"),
    ("Haberi dinle", "listen"),
    ("استمع إلى المقال", "listen"),
    ("收听本文", "listen"),
    ("記事を聞く", "listen"),
    ("Share this article", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Teilen", "share"),
    ("Partager", "share"),
    ("Compartir", "share"),
    ("Condividi", "share"),
    ("Compartilhe", "share"),
    ("Поделиться", "share"),
    ("Поділитися", "share"),
    ("Udostępnij", "share"),
    ("Paylaş", "share"),
    ("شارك", "share"),
    ("分享到微信", "share"),
    ("シェア", "share"),
    ("Sign up for our Climate Week newsletter", "subscribe"),
    ("Get the week's climate stories delivered to your inbox.", "subscribe"),
    ("Jetzt abonnieren", "subscribe"),
    ("Abonnez-vous", "subscribe"),
    ("Suscríbete", "subscribe"),
    ("Iscriviti alla newsletter", "subscribe"),
    ("Assine a newsletter", "subscribe"),
    ("Подписывайтесь на наш канал", "subscribe"),
    ("Підписуйтесь на наш канал", "subscribe"),
    ("Zapisz się do newslettera", "subscribe"),
    ("Abone ol", "subscribe"),
    ("اشترك الآن", "subscribe"),
    ("订阅", "subscribe"),
    ("メルマガ登録はこちら", "subscribe"),
    ("Get the full experience in the app", "app"),
    ("Download our app for breaking news alerts", "app"),
    ("Laden Sie unsere App herunter", "app"),
    ("Téléchargez notre application", "app"),
    ("Descarga nuestra app", "app"),
    ("Scarica la nostra app", "app"),
    ("Baixe nosso aplicativo", "app"),
    ("Скачайте наше приложение", "app"),
    ("Завантажте наш застосунок", "app"),
    ("Pobierz naszą aplikację", "app"),
    ("Uygulamamızı indirin", "app"),
    ("حمّل التطبيق", "app"),
    ("下载客户端", "app"),
    ("アプリで読む", "app"),
    ("Support the Harbour Archive Donate here", "donate"),
    ("Jetzt spenden", "donate"),
    ("Faites un don", "donate"),
    ("Haz una donación", "donate"),
    ("Sostieni l'informazione libera", "donate"),
    ("Faça uma doação", "donate"),
    ("Поддержите нас", "donate"),
    ("Підтримайте нас", "donate"),
    ("Wesprzyj nas", "donate"),
    ("Bağış yapın", "donate"),
    ("ادعمنا", "donate"),
    ("支持我们", "donate"),
    ("寄付をお願いします", "donate"),
    ("Read more: Why the reservoir keeps setting records", "related"),
    ("Related articles", "related"),
    ("Most popular", "related"),
    ("Lesen Sie auch: Warum der Hafen zu klein ist", "related"),
    ("Lire aussi : Le port de Kellin s'agrandit", "related"),
    ("Lea también: El puerto crece", "related"),
    ("Leggi anche: Il porto cresce", "related"),
    ("Leia também: O porto cresce", "related"),
    ("Читайте также: Порт растёт", "related"),
    ("Читайте також: Порт росте", "related"),
    ("Czytaj też: Port rośnie", "related"),
    ("İlginizi çekebilir", "related"),
    ("اقرأ أيضا: الميناء يكبر", "related"),
    ("相关阅读：港口扩建", "related"),
    ("関連記事", "related"),
    ("Leave a Reply", "comments"),
    ("12 comments", "comments"),
    ("Kommentare", "comments"),
    ("Commentaires", "comments"),
    ("Comentarios", "comments"),
    ("Commenti", "comments"),
    ("Comentários", "comments"),
    ("Комментарии", "comments"),
    ("Коментарі", "comments"),
    ("Komentarze", "comments"),
    ("Yorumlar", "comments"),
    ("التعليقات", "comments"),
    ("发表评论", "comments"),
    ("コメント", "comments"),
    ("3 Min Read", "reading_time"),
    ("2 minutes to read", "reading_time"),
    ("Lesezeit: 4 Min.", "reading_time"),
    ("Temps de lecture : 3 min", "reading_time"),
    ("Tiempo de lectura: 5 min", "reading_time"),
    ("Tempo di lettura: 2 minuti", "reading_time"),
    ("Tempo de leitura: 4 min", "reading_time"),
    ("Время чтения: 3 мин", "reading_time"),
    ("Час читання: 3 хв", "reading_time"),
    ("Czas czytania: 3 min", "reading_time"),
    ("Okuma süresi: 4 dk", "reading_time"),
    ("وقت القراءة: 3 دقائق", "reading_time"),
    ("阅读时间：3分钟", "reading_time"),
    ("この記事は約3分で読めます", "reading_time"),
    ("Photo: Lina Osei/Meridian Post", "credit"),
    ("Foto: Hafenamt Ostrand", "credit"),
    ("Getty Images", "credit"),
    ("Фото: Ирина Петрова", "credit"),
    ("写真：共同", "credit"),
    ("Please use Chrome browser for a more accessible video player", "media"),
    ("2:46", "media"),
    ("Image:", "media"),
    ("Your browser does not support the video tag.", "media"),
    ("Back to top button", "nav"),
    ("Advertisement", "nav"),
    ("Anzeige", "nav"),
    ("Реклама", "nav"),
    ("HomeWORLDHarbour ferry sinks at its moorings", "nav"),
    ("© 2026 The Meridian Post. All rights reserved.", "legal"),
    ("Alle Rechte vorbehalten", "legal"),
    ("Все права защищены", "legal"),
    ("版权所有", "legal"),
    ("Follow us on Twitter", "contact"),
    ("Folgen Sie uns auf Instagram", "contact"),
    ("Tags: harbour, ferry, port", "tags"),
]

ARTICLE_LINES = [
    "Engineers opened four of the six floodgates on Friday after three days of rain.",
    "Die Fähre fährt tagsüber alle zwei Stunden, am Wochenende stündlich.",
    "Подписание соглашения состоялось в понедельник в здании мэрии.",
    "The council will share the cost with the port authority, officials said.",
    "Readers of the old harbour newsletter will remember the storm of the last decade.",
    "港口扩建工程将于明年春天开始。",
]


@pytest.mark.parametrize(("line", "category"), CLUTTER)
def test_clutter_rules(line: str, category: str) -> None:
    assert classify(line) == category


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_lines_are_not_clutter(line: str) -> None:
    assert classify(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "“We are letting water go now,” said the chief engineer.",
        "Er sagte: „Wir schaffen das.“",
        "Il a déclaré : « Nous allons reconstruire le port »",
        "— Мы готовы к переговорам, — сказал он.",
        "他说：「我们会重建港口。」",
        "“The dam itself is sound and it will hold",  # a quotation running on to the next paragraph
    ],
)
def test_quotes_are_recognised(line: str) -> None:
    assert holds_quote(line)


@pytest.mark.parametrize(
    ("line", "figure"),
    [
        ("The authority said 212 millimetres of rain had fallen.", True),
        ("Air defences shot down 121 of the drones, it said.", True),
        ("Am 5. September stieg der Preis um 3 Prozent.", True),
        ("The war began on February 24, 2022, the ministry said.", False),
        ("Saturday, September 6, 2025", False),
        ("RKS NEWS 3 Min Read", False),
        ("Putin said at 12:30 on Friday in the city", False),
        ("26 countries", False),  # too short to be a paragraph that reports something
    ],
)
def test_figures_are_recognised(line: str, figure: bool) -> None:
    assert holds_figure(line) is figure


def test_protected_lines_survive_every_clutter_rule() -> None:
    lines = [
        "Share this: “We will not send soldiers,” the minister said.",
        "Photo: 35 drones and seven missiles struck 10 locations overnight",
    ]
    kept, removed = clean_paragraphs(lines)
    assert all(is_protected(line) for line in lines)
    assert kept == lines and removed == []


def test_read_also_teaser_goes_even_with_a_figure() -> None:
    # the teaser's number belongs to the linked story, not to this one
    lines = [
        "The summit closed on Friday with a new fund for island states.",
        "Read more: 26 countries pledged troops for the force",
        "Sur le même sujet : Séisme en Turquie : au moins 38 morts",
        "Еще по теме: Саммит в Найроби: 4,2 млрд долларов",
        "Lire aussi : « Nous ne paierons pas », dit le patron de la banque",
    ]
    kept, removed = clean_paragraphs(lines)
    assert kept == [lines[0], lines[4]]
    assert {r.reason for r in removed} == {"clutter:related"}


def test_caption_credit_is_stripped_but_the_quote_stays() -> None:
    line = ("The minister said the troops would be “legitimate targets,” raising fresh threats. "
            "(Lina Osei/Getty Images)")
    kept, removed = clean_paragraphs([line])
    assert kept == [line.removesuffix(" (Lina Osei/Getty Images)")]
    assert [(r.text, r.reason) for r in removed] == [("(Lina Osei/Getty Images)", "clutter:credit")]


def test_repeated_photo_captions_go() -> None:
    caption = "Firefighters at the harbour on Friday. Pic: Harbour Daily"
    body = "The fire started in a warehouse and spread to two boats before it was put out."
    kept, removed = clean_paragraphs([body, caption, "Image:", caption, caption, "Image:", caption])
    assert kept == [body]
    assert [r.reason for r in removed] == ["clutter:caption", "clutter:media", "caption_repeat",
                                           "caption_repeat", "clutter:media", "caption_repeat"]


def test_captions_from_the_page_are_removed_from_the_body() -> None:
    body = "The fire started in a warehouse and spread to two boats before it was put out."
    kept, removed = clean_paragraphs(
        [body, "Firefighters at the harbour on Friday."],
        captions=["Firefighters at the harbour on Friday. Photo: Lina Osei"],
    )
    assert kept == [body] and removed[0].reason == "caption_repeat"


def test_title_and_doubled_lines_go_once() -> None:
    title = "Harbour ferry returns after repairs | Harbour Daily"
    body = "The ferry returned to service on Monday after six weeks in dry dock at the yard."
    kept, removed = clean_paragraphs(["Harbour ferry returns after repairs", body, body],
                                     title=title)
    assert kept == [body]
    assert [r.reason for r in removed] == ["title_repeat", "duplicate"]


def test_repeated_lines_that_are_not_adjacent_stay() -> None:
    # tables and recipes legitimately repeat a row; only doubled lines and captions go
    lines = ["| Pos | Player | Plays |", "| 1 | Ada | 12 |", "| Pos | Player | Plays |"]
    assert clean_paragraphs(lines)[0] == lines


def test_related_block_takes_its_teasers() -> None:
    body = "The council approved the budget on Thursday after a long and heated debate."
    lines = [body, "Related articles", "Harbour festival draws record crowds",
             "New tram line opens in the old town", "The vote followed a public consultation."]
    kept, removed = clean_paragraphs(lines)
    assert kept == [body, "The vote followed a public consultation."]
    assert {r.reason for r in removed} == {"clutter:related"}


def test_promo_tail_at_the_end_of_a_page_goes() -> None:
    body = "The ferry returned to service on Monday after six weeks in dry dock at the yard."
    lines = [body, "Get the full experience in the app", "Scroll the map, pick a harbour",
             "Stories you will not find elsewhere.", "Local news, global view",
             "Apple App Store Badge"]
    kept, removed = clean_paragraphs(lines)
    assert kept == [body]
    assert "clutter:tail" in {r.reason for r in removed}


def test_promo_heading_mid_article_spares_the_paragraphs_below() -> None:
    lines = ["Sign up for our newsletter", "The ferry returned to service on Monday.",
             "Passengers said they were glad to have it back.",
             "The operator said a second boat would follow in spring next year."]
    kept, _ = clean_paragraphs(lines)
    assert kept == lines[1:]


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("Saturday, September 6, 2025", True),
        ("Updated at 1:23 p.m.", True),
        ("segunda-feira, 22 de janeiro de 2018 às 0:13", True),
        ("5 сентября 2025 г.", True),
        ("2025年9月5日", True),
        ("The war began on February 24, 2022.", False),
        ("Friday", False),
    ],
)
def test_datelines(line: str, dateline: bool) -> None:
    assert is_dateline(line) is dateline


def test_template_learning_and_removal() -> None:
    chrome = "Harbour Daily — news from the east side"
    articles = [[chrome, f"Story {i} about the ferry, told in full.", "Tips? Write to us."]
                for i in range(5)]
    articles.append(["An article without the chrome line at all, told in full."])
    template = learn_template(articles, min_articles=5)
    assert template == {normalise_line(chrome), normalise_line("Tips? Write to us.")}
    # share of the outlet's articles as a second floor
    assert learn_template(articles, min_articles=2, min_share=0.9) == frozenset()
    kept, removed = remove_template(["  HARBOUR DAILY — news from the east side ", "A story."],
                                    template)
    assert kept == ["A story."] and removed[0].reason == "template"


def test_template_removes_even_quotes_and_figures() -> None:
    quote = "“Our journalism is free,” says the editor: 100 reporters in 12 cities."
    kept, removed = clean_paragraphs([quote, "The ferry returned."],
                                     template={normalise_line(quote)})
    assert kept == ["The ferry returned."] and removed[0].reason == "template"


def test_split_paragraphs_joins_hard_wraps() -> None:
    text = ("The council voted on Thursday to run three night bus lines to the east\n"
            "side from January, after a long campaign.\n\nA second paragraph.\n")
    assert split_paragraphs(text) == [
        "The council voted on Thursday to run three night bus lines to the east side from "
        "January, after a long campaign.",
        "A second paragraph.",
    ]


def test_strip_credit() -> None:
    assert strip_credit("Water pours over the spillway. Photo: Lina Osei") == \
        "Water pours over the spillway."
    assert strip_credit("No credit here.") == "No credit here."


def test_clean_text_records_every_removal() -> None:
    text = ("Harbour ferry returns\n\n3 Min Read\n\nThe ferry returned to service on Monday, "
            "carrying 320 passengers on its first day.\n\nShare this article\n\n"
            "Source: Harbour Wire\n")
    article = clean_text(text, title="Harbour ferry returns")
    assert article.paragraphs == [
        "The ferry returned to service on Monday, carrying 320 passengers on its first day."
    ]
    assert article.text == article.paragraphs[0]
    assert [r.reason for r in article.removed] == [
        "title_repeat", "clutter:reading_time", "clutter:share", "clutter:origin"
    ]
    assert article.declared_origin == "Harbour Wire"
    assert article.title == "Harbour ferry returns"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=80), max_size=12))
def test_fuzz_every_line_is_kept_or_accounted_for(lines: list[str]) -> None:
    kept, removed = clean_paragraphs(lines)
    meaningful = [line for line in lines if line.split()]
    assert len(kept) + sum(r.reason != "clutter:credit" for r in removed) == len(meaningful)
    assert all(r.reason for r in removed)
