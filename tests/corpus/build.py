#!/usr/bin/env python3
"""Render the Rashomon test corpus.

Reads ``outlets.toml`` and ``events/*.toml`` (see SCHEMA.md), validates them and writes the
generated files next to them:

* ``site/``: one realistic HTML page per article (with page clutter inside ``<article>``),
  an RSS 2.0 ``feed.xml`` and a front page per outlet, ``index.html`` and ``robots.txt``;
* ``gold.json``: gold labels per outlet, event, statement, quantity and article;
* ``corpus.jsonl``: the same articles in the JSONL import format.

Links are written with the host ``http://corpus.local``; the corpus HTTP server
(``server.py``) rewrites it to its real base URL when serving.

Usage: ``python tests/corpus/build.py [--check] [--root DIR]``. ``--check`` writes nothing
and exits 1 when a generated file on disk is missing, stale or unexpected. Validation
errors exit 2. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import random
import re
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

HERE = Path(__file__).resolve().parent
HOST = "http://corpus.local"

CLUTTER_KINDS: tuple[str, ...] = (
    "listen",
    "share",
    "subscribe",
    "newsletter",
    "app_promo",
    "donate",
    "read_also",
    "most_popular",
    "comments",
    "reading_time",
    "caption_repeat",
    "video_notice",
)
COPY_KINDS = ("verbatim", "edited")
LANGUAGES = ("en", "de", "fr", "es", "ru", "uk", "ar", "zh", "pt", "it", "tr", "ja")
OUTLET_TYPES = ("public", "state", "private", "wire", "nonprofit")

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")

# --------------------------------------------------------------------------------------
# Phrase banks. All text written for this corpus. Each clutter kind has three variants per
# language; an outlet uses its "house" variant most of the time (recurring boilerplate for
# template learning) and another one now and then (seeded by the article id).
# Placeholders: {n} a number, {name} the outlet name, {credit} the photo credit.
# --------------------------------------------------------------------------------------

CLUTTER: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "listen": (
            "Listen to this article",
            "Listen to this story ({n} min)",
            "Audio version: press play to listen",
        ),
        "share": ("Share this article", "Share this story", "Share on social media"),
        "subscribe": (
            "Subscribe now for unlimited access to all our journalism.",
            "This article is free to read. Subscribe to support our newsroom.",
            "Already a subscriber? Log in to continue reading.",
        ),
        "newsletter": (
            "Sign up for our morning newsletter and never miss a story.",
            "Get the day's top stories delivered to your inbox.",
            "Our free newsletter: the news you need, every weekday.",
        ),
        "app_promo": (
            "Download the {name} app for breaking news alerts.",
            "Get our app: news on the go, free on iOS and Android.",
            "Read this and more in the {name} app.",
        ),
        "donate": (
            "Independent journalism needs your support. Donate today.",
            "If you value our reporting, please consider a donation.",
            "Readers like you keep us going. Make a contribution.",
        ),
        "read_also": ("Read also:", "Read more:", "Related:"),
        "most_popular": ("Most popular", "Trending now", "Most read today"),
        "comments": ("Comments ({n})", "Join the discussion ({n} comments)", "Show {n} comments"),
        "reading_time": (
            "{n} min read",
            "Reading time: {n} minutes",
            "Estimated reading time: {n} min",
        ),
        "caption_repeat": ("Photo: {credit}", "Image: {credit}", "Photograph: {credit}"),
        "video_notice": (
            "Video: this content is not available in your region.",
            "Watch: the video above requires cookies to play.",
            "Video unavailable. Please enable JavaScript to watch.",
        ),
    },
    "de": {
        "listen": (
            "Artikel anhören",
            "Diesen Artikel anhören ({n} Min.)",
            "Audioversion: Jetzt anhören",
        ),
        "share": ("Artikel teilen", "Diesen Beitrag teilen", "Teilen Sie diesen Artikel"),
        "subscribe": (
            "Jetzt abonnieren und alle Artikel unbegrenzt lesen.",
            "Sie sind bereits Abonnent? Hier anmelden.",
            "Unterstützen Sie Qualitätsjournalismus mit einem Abo.",
        ),
        "newsletter": (
            "Melden Sie sich für unseren Morgen-Newsletter an.",
            "Die wichtigsten Nachrichten des Tages direkt in Ihr Postfach.",
            "Unser kostenloser Newsletter: werktags um sieben Uhr.",
        ),
        "app_promo": (
            "Laden Sie die {name}-App herunter und verpassen Sie keine Eilmeldung.",
            "Unsere App: Nachrichten für unterwegs, kostenlos für iOS und Android.",
            "Mehr davon in der {name}-App.",
        ),
        "donate": (
            "Unabhängiger Journalismus braucht Ihre Unterstützung. Jetzt spenden.",
            "Wenn Ihnen unsere Berichterstattung wichtig ist, unterstützen Sie uns mit einer Spende.",
            "Leserinnen und Leser wie Sie machen unsere Arbeit möglich.",
        ),
        "read_also": ("Lesen Sie auch:", "Mehr zum Thema:", "Auch interessant:"),
        "most_popular": ("Meistgelesen", "Gerade beliebt", "Die meistgelesenen Artikel"),
        "comments": (
            "Kommentare ({n})",
            "Diskutieren Sie mit ({n} Kommentare)",
            "{n} Kommentare anzeigen",
        ),
        "reading_time": (
            "Lesezeit: {n} Min.",
            "{n} Minuten Lesezeit",
            "Geschätzte Lesezeit: {n} Minuten",
        ),
        "caption_repeat": ("Foto: {credit}", "Bild: {credit}", "Foto: {credit} / Archiv"),
        "video_notice": (
            "Video: Dieser Inhalt ist in Ihrer Region nicht verfügbar.",
            "Zum Abspielen des Videos müssen Sie Cookies akzeptieren.",
            "Video nicht verfügbar. Bitte aktivieren Sie JavaScript.",
        ),
    },
    "fr": {
        "listen": (
            "Écouter cet article",
            "Écouter cet article ({n} min)",
            "Version audio : appuyez pour écouter",
        ),
        "share": (
            "Partager cet article",
            "Partagez cet article",
            "Partager sur les réseaux sociaux",
        ),
        "subscribe": (
            "Abonnez-vous pour un accès illimité à tous nos articles.",
            "Déjà abonné ? Connectez-vous.",
            "Soutenez un journalisme de qualité : abonnez-vous.",
        ),
        "newsletter": (
            "Inscrivez-vous à notre newsletter du matin.",
            "Recevez l'essentiel de l'actualité dans votre boîte mail.",
            "Notre lettre d'information gratuite, chaque jour de la semaine.",
        ),
        "app_promo": (
            "Téléchargez l'application {name} pour recevoir nos alertes.",
            "Notre application : l'actualité partout, gratuite sur iOS et Android.",
            "Retrouvez cet article dans l'application {name}.",
        ),
        "donate": (
            "Le journalisme indépendant a besoin de vous. Faites un don.",
            "Si vous appréciez notre travail, soutenez-nous par un don.",
            "Ce sont nos lecteurs qui nous font vivre. Contribuez dès aujourd'hui.",
        ),
        "read_also": ("À lire aussi :", "Lire aussi :", "Sur le même sujet :"),
        "most_popular": ("Les plus lus", "Tendances du moment", "Les articles les plus lus"),
        "comments": (
            "Commentaires ({n})",
            "Réagissez ({n} commentaires)",
            "Afficher les {n} commentaires",
        ),
        "reading_time": (
            "Temps de lecture : {n} min",
            "Lecture : {n} minutes",
            "{n} min de lecture",
        ),
        "caption_repeat": (
            "Photo : {credit}",
            "Crédit photo : {credit}",
            "Illustration : {credit}",
        ),
        "video_notice": (
            "Vidéo : ce contenu n'est pas disponible dans votre région.",
            "Pour lire la vidéo, veuillez accepter les cookies.",
            "Vidéo indisponible. Activez JavaScript pour la regarder.",
        ),
    },
    "es": {
        "listen": (
            "Escuchar este artículo",
            "Escucha esta noticia ({n} min)",
            "Versión en audio: pulsa para escuchar",
        ),
        "share": (
            "Compartir este artículo",
            "Comparte esta noticia",
            "Compartir en redes sociales",
        ),
        "subscribe": (
            "Suscríbete para acceder sin límites a todo nuestro periodismo.",
            "¿Ya eres suscriptor? Inicia sesión.",
            "Apoya el periodismo de calidad: suscríbete hoy.",
        ),
        "newsletter": (
            "Suscríbete a nuestro boletín matutino.",
            "Recibe las noticias más importantes del día en tu correo.",
            "Nuestro boletín gratuito, de lunes a viernes.",
        ),
        "app_promo": (
            "Descarga la aplicación de {name} y recibe alertas de última hora.",
            "Nuestra app: noticias donde estés, gratis en iOS y Android.",
            "Lee esta y otras noticias en la app de {name}.",
        ),
        "donate": (
            "El periodismo independiente necesita tu apoyo. Dona hoy.",
            "Si valoras nuestro trabajo, considera hacer una donación.",
            "Lectores como tú hacen posible este periódico. Colabora.",
        ),
        "read_also": ("Lee también:", "Te puede interesar:", "Más información:"),
        "most_popular": ("Lo más leído", "Tendencias ahora", "Lo más visto hoy"),
        "comments": (
            "Comentarios ({n})",
            "Únete a la conversación ({n} comentarios)",
            "Ver {n} comentarios",
        ),
        "reading_time": (
            "Tiempo de lectura: {n} min",
            "Lectura de {n} minutos",
            "{n} min de lectura",
        ),
        "caption_repeat": ("Foto: {credit}", "Imagen: {credit}", "Fotografía: {credit}"),
        "video_notice": (
            "Vídeo: este contenido no está disponible en tu región.",
            "Para reproducir el vídeo debes aceptar las cookies.",
            "Vídeo no disponible. Activa JavaScript para verlo.",
        ),
    },
    "ru": {
        "listen": (
            "Прослушать статью",
            "Слушать эту статью ({n} мин)",
            "Аудиоверсия: нажмите, чтобы прослушать",
        ),
        "share": ("Поделиться статьей", "Поделиться в соцсетях", "Поделитесь этой новостью"),
        "subscribe": (
            "Оформите подписку и читайте все материалы без ограничений.",
            "Уже подписаны? Войдите в аккаунт.",
            "Поддержите качественную журналистику: подпишитесь.",
        ),
        "newsletter": (
            "Подпишитесь на нашу утреннюю рассылку.",
            "Главные новости дня — на вашу почту.",
            "Бесплатная рассылка: всё важное по будним дням.",
        ),
        "app_promo": (
            "Скачайте приложение «{name}» и получайте срочные новости.",
            "Наше приложение: новости всегда под рукой, бесплатно для iOS и Android.",
            "Читайте это и другие материалы в приложении «{name}».",
        ),
        "donate": (
            "Независимой журналистике нужна ваша поддержка. Сделайте пожертвование.",
            "Если вы цените нашу работу, поддержите нас.",
            "Нас поддерживают такие читатели, как вы.",
        ),
        "read_also": ("Читайте также:", "По теме:", "Еще по теме:"),
        "most_popular": ("Самое читаемое", "Популярное сейчас", "Самые читаемые материалы"),
        "comments": (
            "Комментарии: {n}",
            "Показать комментарии ({n})",
            "Присоединяйтесь к обсуждению ({n})",
        ),
        "reading_time": ("Время чтения: {n} мин", "Читать {n} мин", "{n} мин на чтение"),
        "caption_repeat": ("Фото: {credit}", "Фотография: {credit}", "Снимок: {credit}"),
        "video_notice": (
            "Видео недоступно в вашем регионе.",
            "Чтобы посмотреть видео, примите cookie-файлы.",
            "Видео не загружается. Включите JavaScript.",
        ),
    },
    "uk": {
        "listen": (
            "Прослухати статтю",
            "Слухати цю статтю ({n} хв)",
            "Аудіоверсія: натисніть, щоб прослухати",
        ),
        "share": ("Поділитися статтею", "Поділитися в соцмережах", "Поділіться цією новиною"),
        "subscribe": (
            "Оформіть передплату та читайте всі матеріали без обмежень.",
            "Вже маєте передплату? Увійдіть.",
            "Підтримайте якісну журналістику: оформіть передплату.",
        ),
        "newsletter": (
            "Підпишіться на нашу ранкову розсилку.",
            "Головні новини дня — на вашу пошту.",
            "Безкоштовна розсилка: усе важливе в робочі дні.",
        ),
        "app_promo": (
            "Завантажте застосунок «{name}» і отримуйте термінові новини.",
            "Наш застосунок: новини завжди під рукою, безкоштовно для iOS та Android.",
            "Читайте це та інші матеріали в застосунку «{name}».",
        ),
        "donate": (
            "Незалежна журналістика потребує вашої підтримки. Зробіть внесок.",
            "Якщо ви цінуєте нашу роботу, підтримайте нас донатом.",
            "Нас підтримують такі читачі, як ви.",
        ),
        "read_also": ("Читайте також:", "На цю тему:", "Більше за темою:"),
        "most_popular": ("Найпопулярніше", "Популярне зараз", "Найчитаніші матеріали"),
        "comments": (
            "Коментарі: {n}",
            "Показати коментарі ({n})",
            "Долучайтеся до обговорення ({n})",
        ),
        "reading_time": ("Час читання: {n} хв", "Читати {n} хв", "{n} хв на читання"),
        "caption_repeat": ("Фото: {credit}", "Світлина: {credit}", "Знімок: {credit}"),
        "video_notice": (
            "Відео недоступне у вашому регіоні.",
            "Щоб переглянути відео, прийміть файли cookie.",
            "Відео не завантажується. Увімкніть JavaScript.",
        ),
    },
    "ar": {
        "listen": (
            "استمع إلى هذا المقال",
            "استمع إلى المقال ({n} دقائق)",
            "النسخة الصوتية: اضغط للاستماع",
        ),
        "share": ("شارك هذا المقال", "شارك الخبر مع أصدقائك", "شارك عبر مواقع التواصل"),
        "subscribe": (
            "اشترك الآن للوصول غير المحدود إلى جميع مقالاتنا.",
            "مشترك بالفعل؟ سجّل الدخول.",
            "ادعم الصحافة الجادة: اشترك اليوم.",
        ),
        "newsletter": (
            "اشترك في نشرتنا الصباحية.",
            "أهم أخبار اليوم في بريدك الإلكتروني.",
            "نشرتنا المجانية: كل ما يهمك في أيام العمل.",
        ),
        "app_promo": (
            "حمّل تطبيق {name} لتصلك الأخبار العاجلة.",
            "تطبيقنا: الأخبار أينما كنت، مجاناً على iOS وأندرويد.",
            "اقرأ هذا المقال وغيره في تطبيق {name}.",
        ),
        "donate": (
            "الصحافة المستقلة تحتاج إلى دعمك. تبرّع اليوم.",
            "إذا كنت تقدّر عملنا، ففكّر في التبرع.",
            "قراء مثلك يبقوننا مستمرين. ساهم الآن.",
        ),
        "read_also": ("اقرأ أيضاً:", "اقرأ المزيد:", "مواضيع ذات صلة:"),
        "most_popular": ("الأكثر قراءة", "الأكثر تداولاً الآن", "الأكثر قراءة اليوم"),
        "comments": ("التعليقات ({n})", "انضم إلى النقاش ({n})", "عرض التعليقات ({n})"),
        "reading_time": (
            "مدة القراءة: {n} دقائق",
            "{n} دقائق للقراءة",
            "وقت القراءة المقدر: {n} د",
        ),
        "caption_repeat": ("تصوير: {credit}", "الصورة: {credit}", "مصدر الصورة: {credit}"),
        "video_notice": (
            "الفيديو غير متاح في منطقتك.",
            "لتشغيل الفيديو يرجى قبول ملفات تعريف الارتباط.",
            "تعذّر تشغيل الفيديو. يرجى تفعيل جافاسكريبت.",
        ),
    },
    "zh": {
        "listen": ("收听本文", "收听这篇文章（{n}分钟）", "语音版：点击收听"),
        "share": ("分享到：", "分享本文", "转发给朋友"),
        "subscribe": (
            "立即订阅，无限畅读全部报道。",
            "已是订户？请登录。",
            "支持优质新闻：现在订阅。",
        ),
        "newsletter": (
            "订阅我们的早间新闻简报。",
            "每天的要闻直接发送到您的邮箱。",
            "免费新闻简报，工作日每天送达。",
        ),
        "app_promo": (
            "下载{name}客户端，第一时间获取突发新闻。",
            "我们的应用：随时随地看新闻，iOS和安卓免费下载。",
            "在{name}客户端阅读更多报道。",
        ),
        "donate": (
            "独立新闻需要您的支持，欢迎捐助。",
            "如果您认可我们的报道，请考虑资助我们。",
            "正是像您这样的读者让我们坚持下去。",
        ),
        "read_also": ("延伸阅读：", "相关阅读：", "推荐阅读："),
        "most_popular": ("热门文章", "阅读排行", "今日最热"),
        "comments": ("评论（{n}）", "参与讨论（{n}条评论）", "查看全部{n}条评论"),
        "reading_time": ("阅读时长：{n}分钟", "预计阅读{n}分钟", "本文约需{n}分钟读完"),
        "caption_repeat": ("图片来源：{credit}", "摄影：{credit}", "图片：{credit}"),
        "video_notice": (
            "视频：该内容在您所在的地区不可用。",
            "播放视频需要接受Cookie。",
            "视频无法加载，请启用JavaScript。",
        ),
    },
    "pt": {
        "listen": (
            "Ouça esta reportagem",
            "Ouvir este artigo ({n} min)",
            "Versão em áudio: toque para ouvir",
        ),
        "share": (
            "Compartilhe esta notícia",
            "Compartilhar este artigo",
            "Compartilhar nas redes sociais",
        ),
        "subscribe": (
            "Assine e tenha acesso ilimitado a todo o nosso jornalismo.",
            "Já é assinante? Faça login.",
            "Apoie o jornalismo de qualidade: assine hoje.",
        ),
        "newsletter": (
            "Cadastre-se na nossa newsletter matinal.",
            "Receba as principais notícias do dia no seu e-mail.",
            "Nossa newsletter gratuita, de segunda a sexta.",
        ),
        "app_promo": (
            "Baixe o aplicativo {name} e receba alertas de notícias.",
            "Nosso app: notícias onde você estiver, grátis para iOS e Android.",
            "Leia esta e outras reportagens no app {name}.",
        ),
        "donate": (
            "O jornalismo independente precisa do seu apoio. Doe hoje.",
            "Se você valoriza nosso trabalho, considere fazer uma doação.",
            "Leitores como você mantêm este jornal vivo. Contribua.",
        ),
        "read_also": ("Leia também:", "Saiba mais:", "Veja também:"),
        "most_popular": ("Mais lidas", "Em alta agora", "As mais lidas de hoje"),
        "comments": (
            "Comentários ({n})",
            "Participe da conversa ({n} comentários)",
            "Ver {n} comentários",
        ),
        "reading_time": (
            "Tempo de leitura: {n} min",
            "Leitura de {n} minutos",
            "{n} min de leitura",
        ),
        "caption_repeat": ("Foto: {credit}", "Imagem: {credit}", "Fotografia: {credit}"),
        "video_notice": (
            "Vídeo: este conteúdo não está disponível na sua região.",
            "Para assistir ao vídeo, aceite os cookies.",
            "Vídeo indisponível. Ative o JavaScript para assistir.",
        ),
    },
    "it": {
        "listen": (
            "Ascolta questo articolo",
            "Ascolta l'articolo ({n} min)",
            "Versione audio: premi per ascoltare",
        ),
        "share": ("Condividi questo articolo", "Condividi la notizia", "Condividi sui social"),
        "subscribe": (
            "Abbonati per avere accesso illimitato a tutti i nostri articoli.",
            "Sei già abbonato? Accedi.",
            "Sostieni il giornalismo di qualità: abbonati oggi.",
        ),
        "newsletter": (
            "Iscriviti alla nostra newsletter del mattino.",
            "Ricevi le notizie più importanti della giornata nella tua casella di posta.",
            "La nostra newsletter gratuita, dal lunedì al venerdì.",
        ),
        "app_promo": (
            "Scarica l'app di {name} per ricevere le notizie in tempo reale.",
            "La nostra app: le notizie ovunque, gratis per iOS e Android.",
            "Leggi questo e altri articoli nell'app di {name}.",
        ),
        "donate": (
            "Il giornalismo indipendente ha bisogno del tuo sostegno. Dona ora.",
            "Se apprezzi il nostro lavoro, sostienici con una donazione.",
            "Sono i lettori come te a tenerci in vita. Contribuisci.",
        ),
        "read_also": ("Leggi anche:", "Potrebbe interessarti:", "Approfondisci:"),
        "most_popular": ("I più letti", "Di tendenza oggi", "I più letti di oggi"),
        "comments": (
            "Commenti ({n})",
            "Partecipa alla discussione ({n} commenti)",
            "Mostra {n} commenti",
        ),
        "reading_time": (
            "Tempo di lettura: {n} min",
            "Lettura: {n} minuti",
            "{n} minuti di lettura",
        ),
        "caption_repeat": ("Foto: {credit}", "Immagine: {credit}", "Fotografia di {credit}"),
        "video_notice": (
            "Video: questo contenuto non è disponibile nella tua area geografica.",
            "Per vedere il video accetta i cookie.",
            "Video non disponibile. Attiva JavaScript per guardarlo.",
        ),
    },
    "tr": {
        "listen": (
            "Bu haberi dinleyin",
            "Haberi dinle ({n} dk)",
            "Sesli sürüm: dinlemek için dokunun",
        ),
        "share": ("Bu haberi paylaşın", "Haberi paylaş:", "Sosyal medyada paylaş"),
        "subscribe": (
            "Tüm haberlerimize sınırsız erişim için abone olun.",
            "Zaten abone misiniz? Giriş yapın.",
            "Kaliteli gazeteciliği destekleyin: bugün abone olun.",
        ),
        "newsletter": (
            "Sabah bültenimize kaydolun.",
            "Günün önemli haberleri e-posta kutunuzda.",
            "Ücretsiz bültenimiz: hafta içi her sabah.",
        ),
        "app_promo": (
            "Son dakika bildirimleri için {name} uygulamasını indirin.",
            "Uygulamamız: haberler her yerde, iOS ve Android için ücretsiz.",
            "Bu ve diğer haberleri {name} uygulamasında okuyun.",
        ),
        "donate": (
            "Bağımsız gazetecilik desteğinize ihtiyaç duyuyor. Bugün bağış yapın.",
            "Habercilik çalışmalarımızı değerli buluyorsanız bağış yapmayı düşünün.",
            "Sizin gibi okurlar sayesinde ayaktayız. Katkıda bulunun.",
        ),
        "read_also": ("Ayrıca okuyun:", "İlginizi çekebilir:", "İlgili haber:"),
        "most_popular": ("En çok okunanlar", "Şu an gündemde", "Bugün en çok okunanlar"),
        "comments": ("Yorumlar ({n})", "Tartışmaya katılın ({n} yorum)", "{n} yorumu göster"),
        "reading_time": (
            "Okuma süresi: {n} dk",
            "{n} dakikalık okuma",
            "Tahmini okuma süresi: {n} dakika",
        ),
        "caption_repeat": ("Fotoğraf: {credit}", "Görsel: {credit}", "Foto: {credit}"),
        "video_notice": (
            "Video: bu içerik bölgenizde kullanılamıyor.",
            "Videoyu izlemek için çerezleri kabul edin.",
            "Video yüklenemedi. Lütfen JavaScript'i etkinleştirin.",
        ),
    },
    "ja": {
        "listen": ("この記事を聞く", "音声で聞く（{n}分）", "音声版：再生ボタンを押してください"),
        "share": ("この記事をシェアする", "記事をシェア：", "SNSで共有する"),
        "subscribe": (
            "有料会員になると全ての記事が読み放題です。",
            "会員の方はログインしてください。",
            "質の高い報道を支えるため、購読をお願いします。",
        ),
        "newsletter": (
            "朝のニュースレターに登録する",
            "その日の主要ニュースをメールでお届けします。",
            "無料ニュースレター：平日毎朝配信",
        ),
        "app_promo": (
            "{name}アプリをダウンロードして速報を受け取る",
            "アプリで読む：iOS・Android版を無料で配信中",
            "この記事の続きは{name}アプリで",
        ),
        "donate": (
            "独立した報道にはあなたの支援が必要です。寄付をお願いします。",
            "私たちの報道に価値を感じたら、ご支援ください。",
            "読者の皆さまの支えで取材を続けています。",
        ),
        "read_also": ("あわせて読みたい：", "関連記事：", "こちらもおすすめ："),
        "most_popular": ("よく読まれている記事", "アクセスランキング", "今日の人気記事"),
        "comments": ("コメント（{n}件）", "コメントを見る（{n}件）", "議論に参加する（{n}件）"),
        "reading_time": ("この記事は約{n}分で読めます", "読了時間：{n}分", "約{n}分で読めます"),
        "caption_repeat": ("写真：{credit}", "撮影：{credit}", "提供：{credit}"),
        "video_notice": (
            "動画：お住まいの地域ではこのコンテンツを視聴できません。",
            "動画を再生するにはCookieを許可してください。",
            "動画を読み込めません。JavaScriptを有効にしてください。",
        ),
    },
}

# Site chrome per language (navigation, footer, form labels, dates).
NAV_SECTIONS = ("world", "politics", "economy", "science", "culture", "sport", "opinion")

UI: dict[str, dict[str, Any]] = {
    "en": {
        "nav": ("Home", "World", "Politics", "Business", "Science", "Culture", "Sport", "Opinion"),
        "about": "About us",
        "contact": "Contact",
        "privacy": "Privacy policy",
        "terms": "Terms of use",
        "rss": "RSS feeds",
        "rights": "All rights reserved.",
        "most_read": "Most read",
        "latest": "Latest news",
        "email": "Email",
        "email_placeholder": "Your email address",
        "sign_up": "Sign up",
        "subscribe_btn": "Subscribe",
        "donate_btn": "Donate",
        "login_comment": "Log in to comment",
        "skip": "Skip to main content",
        "play": "Play",
        "months": (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        "date": "{month} {d}, {y}, {H}:{M}",
    },
    "de": {
        "nav": (
            "Startseite",
            "Welt",
            "Politik",
            "Wirtschaft",
            "Wissen",
            "Kultur",
            "Sport",
            "Meinung",
        ),
        "about": "Über uns",
        "contact": "Kontakt",
        "privacy": "Datenschutz",
        "terms": "Nutzungsbedingungen",
        "rss": "RSS-Feeds",
        "rights": "Alle Rechte vorbehalten.",
        "most_read": "Meistgelesen",
        "latest": "Aktuelle Nachrichten",
        "email": "E-Mail",
        "email_placeholder": "Ihre E-Mail-Adresse",
        "sign_up": "Anmelden",
        "subscribe_btn": "Abonnieren",
        "donate_btn": "Spenden",
        "login_comment": "Zum Kommentieren anmelden",
        "skip": "Zum Inhalt springen",
        "play": "Abspielen",
        "months": (
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ),
        "date": "{d}. {month} {y}, {H}:{M} Uhr",
    },
    "fr": {
        "nav": (
            "Accueil",
            "International",
            "Politique",
            "Économie",
            "Sciences",
            "Culture",
            "Sport",
            "Opinions",
        ),
        "about": "Qui sommes-nous",
        "contact": "Contact",
        "privacy": "Politique de confidentialité",
        "terms": "Conditions d'utilisation",
        "rss": "Flux RSS",
        "rights": "Tous droits réservés.",
        "most_read": "Les plus lus",
        "latest": "Dernières actualités",
        "email": "E-mail",
        "email_placeholder": "Votre adresse e-mail",
        "sign_up": "S'inscrire",
        "subscribe_btn": "S'abonner",
        "donate_btn": "Faire un don",
        "login_comment": "Connectez-vous pour commenter",
        "skip": "Aller au contenu principal",
        "play": "Lire",
        "months": (
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
        "date": "{d} {month} {y} à {H}h{M}",
    },
    "es": {
        "nav": (
            "Portada",
            "Internacional",
            "Política",
            "Economía",
            "Ciencia",
            "Cultura",
            "Deportes",
            "Opinión",
        ),
        "about": "Quiénes somos",
        "contact": "Contacto",
        "privacy": "Política de privacidad",
        "terms": "Términos de uso",
        "rss": "Canales RSS",
        "rights": "Todos los derechos reservados.",
        "most_read": "Lo más leído",
        "latest": "Últimas noticias",
        "email": "Correo",
        "email_placeholder": "Tu correo electrónico",
        "sign_up": "Suscribirme",
        "subscribe_btn": "Suscríbete",
        "donate_btn": "Donar",
        "login_comment": "Inicia sesión para comentar",
        "skip": "Ir al contenido principal",
        "play": "Reproducir",
        "months": (
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ),
        "date": "{d} de {month} de {y}, {H}:{M}",
    },
    "ru": {
        "nav": (
            "Главная",
            "В мире",
            "Политика",
            "Экономика",
            "Наука",
            "Культура",
            "Спорт",
            "Мнения",
        ),
        "about": "О нас",
        "contact": "Контакты",
        "privacy": "Политика конфиденциальности",
        "terms": "Условия использования",
        "rss": "RSS-ленты",
        "rights": "Все права защищены.",
        "most_read": "Самое читаемое",
        "latest": "Последние новости",
        "email": "Эл. почта",
        "email_placeholder": "Ваш адрес электронной почты",
        "sign_up": "Подписаться",
        "subscribe_btn": "Оформить подписку",
        "donate_btn": "Поддержать",
        "login_comment": "Войдите, чтобы комментировать",
        "skip": "Перейти к содержанию",
        "play": "Смотреть",
        "months": (
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
        "date": "{d} {month} {y}, {H}:{M}",
    },
    "uk": {
        "nav": ("Головна", "Світ", "Політика", "Економіка", "Наука", "Культура", "Спорт", "Думки"),
        "about": "Про нас",
        "contact": "Контакти",
        "privacy": "Політика конфіденційності",
        "terms": "Умови використання",
        "rss": "RSS-стрічки",
        "rights": "Усі права захищено.",
        "most_read": "Найпопулярніше",
        "latest": "Останні новини",
        "email": "Ел. пошта",
        "email_placeholder": "Ваша електронна адреса",
        "sign_up": "Підписатися",
        "subscribe_btn": "Передплатити",
        "donate_btn": "Підтримати",
        "login_comment": "Увійдіть, щоб коментувати",
        "skip": "Перейти до змісту",
        "play": "Дивитися",
        "months": (
            "січня",
            "лютого",
            "березня",
            "квітня",
            "травня",
            "червня",
            "липня",
            "серпня",
            "вересня",
            "жовтня",
            "листопада",
            "грудня",
        ),
        "date": "{d} {month} {y}, {H}:{M}",
    },
    "ar": {
        "nav": ("الرئيسية", "العالم", "سياسة", "اقتصاد", "علوم", "ثقافة", "رياضة", "رأي"),
        "about": "من نحن",
        "contact": "اتصل بنا",
        "privacy": "سياسة الخصوصية",
        "terms": "شروط الاستخدام",
        "rss": "خلاصات RSS",
        "rights": "جميع الحقوق محفوظة.",
        "most_read": "الأكثر قراءة",
        "latest": "آخر الأخبار",
        "email": "البريد الإلكتروني",
        "email_placeholder": "بريدك الإلكتروني",
        "sign_up": "اشترك",
        "subscribe_btn": "اشترك الآن",
        "donate_btn": "تبرّع",
        "login_comment": "سجّل الدخول للتعليق",
        "skip": "انتقل إلى المحتوى",
        "play": "تشغيل",
        "months": (
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ),
        "date": "{d} {month} {y}، {H}:{M}",
    },
    "zh": {
        "nav": ("首页", "国际", "时政", "财经", "科技", "文化", "体育", "评论"),
        "about": "关于我们",
        "contact": "联系我们",
        "privacy": "隐私政策",
        "terms": "使用条款",
        "rss": "RSS订阅",
        "rights": "版权所有。",
        "most_read": "热门排行",
        "latest": "最新消息",
        "email": "邮箱",
        "email_placeholder": "您的电子邮箱",
        "sign_up": "注册",
        "subscribe_btn": "订阅",
        "donate_btn": "捐助",
        "login_comment": "登录后发表评论",
        "skip": "跳到主要内容",
        "play": "播放",
        "months": tuple(f"{m}月" for m in range(1, 13)),
        "date": "{y}年{month}{d}日 {H}:{M}",
    },
    "pt": {
        "nav": (
            "Início",
            "Mundo",
            "Política",
            "Economia",
            "Ciência",
            "Cultura",
            "Esportes",
            "Opinião",
        ),
        "about": "Quem somos",
        "contact": "Fale conosco",
        "privacy": "Política de privacidade",
        "terms": "Termos de uso",
        "rss": "Feeds RSS",
        "rights": "Todos os direitos reservados.",
        "most_read": "Mais lidas",
        "latest": "Últimas notícias",
        "email": "E-mail",
        "email_placeholder": "Seu e-mail",
        "sign_up": "Cadastrar",
        "subscribe_btn": "Assine",
        "donate_btn": "Doar",
        "login_comment": "Faça login para comentar",
        "skip": "Ir para o conteúdo",
        "play": "Reproduzir",
        "months": (
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ),
        "date": "{d} de {month} de {y}, {H}h{M}",
    },
    "it": {
        "nav": (
            "Home",
            "Esteri",
            "Politica",
            "Economia",
            "Scienza",
            "Cultura",
            "Sport",
            "Opinioni",
        ),
        "about": "Chi siamo",
        "contact": "Contatti",
        "privacy": "Informativa sulla privacy",
        "terms": "Termini di utilizzo",
        "rss": "Feed RSS",
        "rights": "Tutti i diritti riservati.",
        "most_read": "I più letti",
        "latest": "Ultime notizie",
        "email": "Email",
        "email_placeholder": "Il tuo indirizzo email",
        "sign_up": "Iscriviti",
        "subscribe_btn": "Abbonati",
        "donate_btn": "Dona",
        "login_comment": "Accedi per commentare",
        "skip": "Vai al contenuto",
        "play": "Riproduci",
        "months": (
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ),
        "date": "{d} {month} {y}, ore {H}:{M}",
    },
    "tr": {
        "nav": ("Ana Sayfa", "Dünya", "Politika", "Ekonomi", "Bilim", "Kültür", "Spor", "Görüş"),
        "about": "Hakkımızda",
        "contact": "İletişim",
        "privacy": "Gizlilik politikası",
        "terms": "Kullanım koşulları",
        "rss": "RSS beslemeleri",
        "rights": "Tüm hakları saklıdır.",
        "most_read": "En çok okunanlar",
        "latest": "Son haberler",
        "email": "E-posta",
        "email_placeholder": "E-posta adresiniz",
        "sign_up": "Kaydol",
        "subscribe_btn": "Abone ol",
        "donate_btn": "Bağış yap",
        "login_comment": "Yorum yapmak için giriş yapın",
        "skip": "İçeriğe geç",
        "play": "Oynat",
        "months": (
            "Ocak",
            "Şubat",
            "Mart",
            "Nisan",
            "Mayıs",
            "Haziran",
            "Temmuz",
            "Ağustos",
            "Eylül",
            "Ekim",
            "Kasım",
            "Aralık",
        ),
        "date": "{d} {month} {y}, {H}:{M}",
    },
    "ja": {
        "nav": ("トップ", "国際", "政治", "経済", "科学", "文化", "スポーツ", "オピニオン"),
        "about": "会社概要",
        "contact": "お問い合わせ",
        "privacy": "プライバシーポリシー",
        "terms": "利用規約",
        "rss": "RSS配信",
        "rights": "無断転載を禁じます。",
        "most_read": "アクセスランキング",
        "latest": "最新ニュース",
        "email": "メール",
        "email_placeholder": "メールアドレス",
        "sign_up": "登録する",
        "subscribe_btn": "購読する",
        "donate_btn": "寄付する",
        "login_comment": "ログインしてコメントする",
        "skip": "本文へスキップ",
        "play": "再生",
        "months": tuple(f"{m}月" for m in range(1, 13)),
        "date": "{y}年{month}{d}日 {H}時{M}分",
    },
}

# Page layouts: class names and separators differ per outlet, as they do across real CMSes.
LAYOUTS: tuple[dict[str, str], ...] = (
    {
        "body": "layout-classic",
        "main": "page",
        "article": "story",
        "body_div": "story-body",
        "aside": "sidebar",
        "sep": " | ",
        "byline": "byline",
    },
    {
        "body": "layout-modern",
        "main": "content-area",
        "article": "article",
        "body_div": "article__body",
        "aside": "rail",
        "sep": " – ",
        "byline": "article__author",
    },
    {
        "body": "layout-blog",
        "main": "site-main",
        "article": "post hentry",
        "body_div": "entry-content",
        "aside": "widget-area",
        "sep": " - ",
        "byline": "author vcard",
    },
)

CLUTTER_ORDER = (
    "reading_time",
    "listen",
    "video_notice",
    "caption_repeat",
    "read_also",
    "subscribe",
    "newsletter",
    "app_promo",
    "donate",
    "share",
    "most_popular",
    "comments",
)

SITE_CSS = """body{font-family:Georgia,serif;margin:0;color:#222}
.site-header,.site-footer{background:#f3f3f3;padding:1em}
nav ul,.footer-links{list-style:none;display:flex;gap:1em;padding:0}
main{display:flex;gap:2em;max-width:70em;margin:auto;padding:1em}
article{flex:3}aside{flex:1;font-size:.9em}
figure img{max-width:100%;height:auto}
"""

PHOTO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
<rect width="1200" height="675" fill="#9aa5b1"/>
</svg>
"""


# --------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    domain: str
    country: str
    language: str
    type: str
    wire: bool


@dataclass(frozen=True)
class Statement:
    id: str
    speaker: str
    role: str
    canonical: str


@dataclass(frozen=True)
class Quantity:
    id: str
    counts: str
    scope: str
    unit: str


@dataclass(frozen=True)
class Quote:
    statement: str
    speaker: str
    text: str


@dataclass(frozen=True)
class Figure:
    quantity: str
    value: int | float
    text: str


@dataclass
class Article:
    event: str
    file: str
    index: int
    slug: str
    outlet: str
    language: str
    published: dt.datetime
    title: str
    byline: str | None
    paragraphs: list[str]
    caption: str | None
    clutter: list[str]
    syndicated_from: str | None
    copy: str | None
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.outlet}/{self.slug}"

    @property
    def date_path(self) -> str:
        return self.published.strftime("%Y/%m/%d")

    @property
    def url_path(self) -> str:
        return f"/{self.outlet}/{self.date_path}/{self.slug}.html"

    @property
    def url(self) -> str:
        return HOST + self.url_path

    @property
    def published_iso(self) -> str:
        return self.published.isoformat()


@dataclass
class Event:
    id: str
    file: str
    kind: str
    title: str
    date: dt.date
    thread: str | None
    statements: dict[str, Statement]
    quantities: dict[str, Quantity]
    articles: list[Article]


@dataclass
class Corpus:
    outlets: dict[str, Outlet]
    events: dict[str, Event]
    articles: dict[str, Article]
    warnings: list[str]

    def by_outlet(self, outlet: str) -> list[Article]:
        """The outlet's articles, newest first."""
        items = [a for a in self.articles.values() if a.outlet == outlet]
        return sorted(items, key=lambda a: (a.published, a.id), reverse=True)


class CorpusError(Exception):
    """Validation failed; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str], warnings: list[str] | None = None) -> None:
        super().__init__(f"{len(errors)} corpus validation error(s)")
        self.errors = errors
        self.warnings = warnings or []


# --------------------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------------------


class _Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"{where}: {msg}")


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unknown_keys(table: dict[str, Any], allowed: set[str], where: str, rep: _Report) -> None:
    for key in sorted(set(table) - allowed):
        rep.error(where, f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")


def _get_str(
    table: dict[str, Any],
    key: str,
    where: str,
    rep: _Report,
    *,
    required: bool = True,
    empty_ok: bool = False,
) -> str:
    """Return table[key] as a string ("" when absent/invalid, after reporting)."""
    if key not in table:
        if required:
            rep.error(where, f"missing field {key!r}")
        return ""
    value = table[key]
    if not isinstance(value, str):
        rep.error(where, f"field {key!r} must be a string, got {type(value).__name__}")
        return ""
    if required and not empty_ok and not value.strip():
        rep.error(where, f"field {key!r} is empty")
    elif value != value.strip():
        rep.error(where, f"field {key!r} has leading or trailing whitespace")
    return value


def _parse_date(value: Any, where: str, key: str, rep: _Report) -> dt.date | None:
    if isinstance(value, dt.datetime):
        rep.error(where, f"field {key!r} must be a date (YYYY-MM-DD), got a date-time")
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not DATE_RE.match(value):
        rep.error(where, f"field {key!r} must be a date 'YYYY-MM-DD', got {value!r}")
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        rep.error(where, f"field {key!r}: invalid date {value!r} ({exc})")
        return None


def _parse_datetime(value: Any, where: str, key: str, rep: _Report) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        if not re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value):
            rep.error(
                where, f"field {key!r} must be ISO 8601 'YYYY-MM-DDTHH:MM:SS+HH:MM', got {value!r}"
            )
            return None
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            rep.error(where, f"field {key!r}: invalid date-time {value!r} ({exc})")
            return None
    else:
        rep.error(where, f"field {key!r} must be an ISO 8601 date-time string, got {value!r}")
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        rep.error(where, f"field {key!r} needs a UTC offset (e.g. +00:00), got {value!r}")
        return None
    return parsed


def load_outlets(path: Path, rep: _Report) -> dict[str, Outlet]:
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        rep.error(where, f"cannot read: {exc}")
        return {}
    _unknown_keys(data, {"outlet"}, where, rep)
    outlets: dict[str, Outlet] = {}
    allowed = {"id", "name", "domain", "country", "language", "type", "wire"}
    for i, raw in enumerate(data.get("outlet", []), 1):
        w = f"{where}: outlet #{i}"
        if not isinstance(raw, dict):
            rep.error(w, "must be a table")
            continue
        oid = _get_str(raw, "id", w, rep)
        w = f"{where}: outlet {oid or '#' + str(i)}"
        _unknown_keys(raw, allowed, w, rep)
        name = _get_str(raw, "name", w, rep)
        domain = _get_str(raw, "domain", w, rep)
        country = _get_str(raw, "country", w, rep)
        language = _get_str(raw, "language", w, rep)
        otype = _get_str(raw, "type", w, rep)
        wire = raw.get("wire", False)
        if oid and not ID_RE.match(oid):
            rep.error(w, f"field 'id': {oid!r} is not kebab-case")
        if oid in outlets:
            rep.error(w, "duplicate outlet id")
        if country and not COUNTRY_RE.match(country):
            rep.error(w, f"field 'country': {country!r} is not an ISO 3166-1 alpha-2 code")
        if language and language not in LANGUAGES:
            rep.error(
                w,
                f"field 'language': {language!r} has no phrase bank "
                f"(supported: {', '.join(LANGUAGES)})",
            )
        if otype and otype not in OUTLET_TYPES:
            rep.error(w, f"field 'type': {otype!r} not one of {', '.join(OUTLET_TYPES)}")
        if not isinstance(wire, bool):
            rep.error(w, "field 'wire' must be true or false")
            wire = False
        if oid:
            outlets[oid] = Outlet(oid, name, domain, country, language, otype, wire)
    if not outlets:
        rep.error(where, "no [[outlet]] entries")
    return outlets


_EVENT_KEYS = {"id", "kind", "title", "date", "thread"}
_STATEMENT_KEYS = {"id", "speaker", "role", "canonical"}
_QUANTITY_KEYS = {"id", "counts", "scope", "unit"}
_ARTICLE_KEYS = {
    "slug",
    "outlet",
    "language",
    "published",
    "title",
    "byline",
    "paragraphs",
    "caption",
    "clutter",
    "syndicated_from",
    "copy",
    "quote",
    "figure",
}
_QUOTE_KEYS = {"statement", "speaker", "text"}
_FIGURE_KEYS = {"quantity", "value", "text"}
_QUOTE_MARKS = "\"'«»„“”‘’‚‹›「」『』"


def _find_in(paragraphs: list[str], text: str) -> bool:
    return any(text in p for p in paragraphs)


def load_event(path: Path, outlets: dict[str, Outlet], rep: _Report) -> Event | None:
    fname = f"events/{path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        rep.error(fname, f"cannot parse TOML: {exc}")
        return None
    _unknown_keys(data, {"event", "statement", "quantity", "article"}, fname, rep)
    raw_event = data.get("event")
    if not isinstance(raw_event, dict):
        rep.error(fname, "missing [event] table")
        return None
    w = f"{fname}: [event]"
    _unknown_keys(raw_event, _EVENT_KEYS, w, rep)
    eid = _get_str(raw_event, "id", w, rep)
    if eid and eid != path.stem:
        rep.error(w, f"field 'id': {eid!r} does not match the file name {path.stem!r}")
    if eid and not ID_RE.match(eid):
        rep.error(w, f"field 'id': {eid!r} is not kebab-case")
    eid = eid or path.stem
    kind = _get_str(raw_event, "kind", w, rep)
    title = _get_str(raw_event, "title", w, rep)
    date = _parse_date(raw_event.get("date"), w, "date", rep) if "date" in raw_event else None
    if "date" not in raw_event:
        rep.error(w, "missing field 'date'")
    thread = _get_str(raw_event, "thread", w, rep, required=False)
    if thread and not ID_RE.match(thread):
        rep.error(w, f"field 'thread': {thread!r} is not kebab-case")

    statements: dict[str, Statement] = {}
    for i, raw in enumerate(data.get("statement", []), 1):
        sw = f"{fname}: statement #{i}"
        if not isinstance(raw, dict):
            rep.error(sw, "must be a table ([[statement]])")
            continue
        sid = _get_str(raw, "id", sw, rep)
        if sid:
            sw = f"{fname}: statement {sid!r}"
        _unknown_keys(raw, _STATEMENT_KEYS, sw, rep)
        st = Statement(
            sid,
            _get_str(raw, "speaker", sw, rep),
            _get_str(raw, "role", sw, rep, empty_ok=True),
            _get_str(raw, "canonical", sw, rep),
        )
        if sid in statements:
            rep.error(sw, "duplicate statement id")
        elif sid:
            statements[sid] = st

    quantities: dict[str, Quantity] = {}
    for i, raw in enumerate(data.get("quantity", []), 1):
        qw = f"{fname}: quantity #{i}"
        if not isinstance(raw, dict):
            rep.error(qw, "must be a table ([[quantity]])")
            continue
        qid = _get_str(raw, "id", qw, rep)
        if qid:
            qw = f"{fname}: quantity {qid!r}"
        _unknown_keys(raw, _QUANTITY_KEYS, qw, rep)
        qt = Quantity(
            qid,
            _get_str(raw, "counts", qw, rep),
            _get_str(raw, "scope", qw, rep),
            _get_str(raw, "unit", qw, rep, empty_ok=True),
        )
        if qid in quantities:
            rep.error(qw, "duplicate quantity id")
        elif qid:
            quantities[qid] = qt

    articles: list[Article] = []
    raw_articles = data.get("article", [])
    if not raw_articles:
        rep.error(fname, "no [[article]] entries")
    for i, raw in enumerate(raw_articles, 1):
        art = _load_article(fname, eid, i, raw, outlets, statements, quantities, rep)
        if art is not None:
            articles.append(art)
            if date is not None and art.published.date() < date - dt.timedelta(days=1):
                rep.warn(
                    f"{fname}: article {art.id}",
                    f"published {art.published_iso} before the event date {date}",
                )

    quoted = {q.statement.split("/", 1)[1] for a in articles for q in a.quotes}
    for sid in sorted(set(statements) - quoted):
        rep.warn(f"{fname}: statement {sid!r}", "never quoted by any article")
    used = {f.quantity.split("/", 1)[1] for a in articles for f in a.figures}
    for qid in sorted(set(quantities) - used):
        rep.warn(f"{fname}: quantity {qid!r}", "no article gives a figure for it")

    if date is None:
        return None
    return Event(eid, fname, kind, title, date, thread or None, statements, quantities, articles)


def _load_article(
    fname: str,
    eid: str,
    index: int,
    raw: Any,
    outlets: dict[str, Outlet],
    statements: dict[str, Statement],
    quantities: dict[str, Quantity],
    rep: _Report,
) -> Article | None:
    w = f"{fname}: article #{index}"
    if not isinstance(raw, dict):
        rep.error(w, "must be a table ([[article]])")
        return None
    slug = _get_str(raw, "slug", w, rep)
    outlet_id = _get_str(raw, "outlet", w, rep)
    w = f"{fname}: article {outlet_id or '?'}/{slug or '?'} (#{index})"
    _unknown_keys(raw, _ARTICLE_KEYS, w, rep)
    ok = True
    if slug and not ID_RE.match(slug):
        rep.error(w, f"field 'slug': {slug!r} must be lowercase ASCII kebab-case")
        ok = False
    outlet = outlets.get(outlet_id)
    if outlet_id and outlet is None:
        rep.error(w, f"field 'outlet': unknown outlet {outlet_id!r} (not in outlets.toml)")
        ok = False
    language = _get_str(raw, "language", w, rep)
    if outlet is not None and language and language != outlet.language:
        rep.error(
            w,
            f"field 'language': {language!r} does not match outlet {outlet_id!r} "
            f"language {outlet.language!r}",
        )
    published = None
    if "published" not in raw:
        rep.error(w, "missing field 'published'")
    else:
        published = _parse_datetime(raw["published"], w, "published", rep)
    title = _get_str(raw, "title", w, rep)
    byline = _get_str(raw, "byline", w, rep, required=False)
    caption = _get_str(raw, "caption", w, rep, required=False)

    paragraphs: list[str] = []
    raw_pars = raw.get("paragraphs")
    if not isinstance(raw_pars, list) or not raw_pars:
        rep.error(w, "field 'paragraphs' must be a non-empty list of strings")
    else:
        for j, p in enumerate(raw_pars):
            if not isinstance(p, str) or not p.strip():
                rep.error(w, f"field 'paragraphs[{j}]' must be a non-empty string")
                continue
            if p != p.strip():
                rep.error(w, f"field 'paragraphs[{j}]' has leading or trailing whitespace")
            if "\n" in p.strip():
                rep.error(w, f"field 'paragraphs[{j}]' contains a line break")
            paragraphs.append(p)

    clutter: list[str] = []
    raw_clutter = raw.get("clutter", [])
    if not isinstance(raw_clutter, list):
        rep.error(w, "field 'clutter' must be a list of clutter kinds")
    else:
        for c in raw_clutter:
            if c not in CLUTTER_KINDS:
                rep.error(
                    w, f"field 'clutter': unknown kind {c!r} (known: {', '.join(CLUTTER_KINDS)})"
                )
            elif c in clutter:
                rep.error(w, f"field 'clutter': kind {c!r} listed twice")
            else:
                clutter.append(c)
    if "caption_repeat" in clutter and not caption:
        rep.error(w, "field 'clutter': 'caption_repeat' needs a 'caption'")

    syndicated_from = _get_str(raw, "syndicated_from", w, rep, required=False)
    copy = _get_str(raw, "copy", w, rep, required=False)
    if syndicated_from and copy not in COPY_KINDS:
        rep.error(
            w,
            f"field 'copy': must be 'verbatim' or 'edited' when syndicated_from is set, "
            f"got {copy!r}",
        )
    if copy and not syndicated_from:
        rep.error(w, f"field 'copy' is {copy!r} but 'syndicated_from' is empty")
    if syndicated_from and not re.match(r"^[a-z0-9-]+/[a-z0-9-]+$", syndicated_from):
        rep.error(w, f"field 'syndicated_from': {syndicated_from!r} is not '<outlet>/<slug>'")

    quotes: list[Quote] = []
    raw_quotes = raw.get("quote", [])
    if not isinstance(raw_quotes, list):
        rep.error(w, "field 'quote' must be an array of tables ([[article.quote]])")
        raw_quotes = []
    for k, rq in enumerate(raw_quotes, 1):
        qw = f"{w}: quote #{k}"
        if not isinstance(rq, dict):
            rep.error(qw, "must be a table")
            continue
        _unknown_keys(rq, _QUOTE_KEYS, qw, rep)
        sid = _get_str(rq, "statement", qw, rep)
        speaker = _get_str(rq, "speaker", qw, rep)
        text = _get_str(rq, "text", qw, rep)
        st = statements.get(sid)
        if sid and st is None:
            rep.error(
                qw,
                f"field 'statement': unknown statement id {sid!r} in this event "
                f"(known: {', '.join(sorted(statements)) or 'none'})",
            )
        if st is not None and speaker and speaker != st.speaker:
            rep.error(
                qw,
                f"field 'speaker': {speaker!r} differs from the statement's "
                f"canonical speaker {st.speaker!r}",
            )
        if text and paragraphs and not _find_in(paragraphs, text):
            rep.error(
                qw, f"field 'text': not an exact substring of any paragraph: {_short(text)!r}"
            )
        if text and (text[0] in _QUOTE_MARKS or text[-1] in _QUOTE_MARKS):
            rep.warn(qw, f"field 'text' starts or ends with a quotation mark: {_short(text)!r}")
        quotes.append(Quote(f"{eid}/{sid}", speaker, text))

    figures: list[Figure] = []
    raw_figures = raw.get("figure", [])
    if not isinstance(raw_figures, list):
        rep.error(w, "field 'figure' must be an array of tables ([[article.figure]])")
        raw_figures = []
    for k, rf in enumerate(raw_figures, 1):
        fw = f"{w}: figure #{k}"
        if not isinstance(rf, dict):
            rep.error(fw, "must be a table")
            continue
        _unknown_keys(rf, _FIGURE_KEYS, fw, rep)
        qid = _get_str(rf, "quantity", fw, rep)
        text = _get_str(rf, "text", fw, rep)
        value = rf.get("value")
        if "value" not in rf:
            rep.error(fw, "missing field 'value'")
            value = 0
        elif isinstance(value, bool) or not isinstance(value, int | float):
            rep.error(fw, f"field 'value' must be a number, got {value!r}")
            value = 0
        if qid and qid not in quantities:
            rep.error(
                fw,
                f"field 'quantity': unknown quantity id {qid!r} in this event "
                f"(known: {', '.join(sorted(quantities)) or 'none'})",
            )
        if text and paragraphs and not _find_in(paragraphs, text):
            rep.error(
                fw, f"field 'text': not an exact substring of any paragraph: {_short(text)!r}"
            )
        figures.append(Figure(f"{eid}/{qid}", value, text))

    if published is not None and language:
        _check_script(w, language, title, paragraphs, rep)
    if not (ok and slug and outlet_id and published and language):
        return None
    return Article(
        event=eid,
        file=fname,
        index=index,
        slug=slug,
        outlet=outlet_id,
        language=language,
        published=published,
        title=title,
        byline=byline or None,
        paragraphs=paragraphs,
        caption=caption or None,
        clutter=clutter,
        syndicated_from=syndicated_from or None,
        copy=copy or None,
        quotes=quotes,
        figures=figures,
    )


_SCRIPTS = {
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "han": re.compile(r"[\u4e00-\u9fff]"),
    "kana": re.compile(r"[\u3040-\u30ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}
_EXPECTED_SCRIPT = {
    "ru": "cyrillic",
    "uk": "cyrillic",
    "ar": "arabic",
    "zh": "han",
    "ja": "kana",
    "en": "latin",
    "de": "latin",
    "fr": "latin",
    "es": "latin",
    "pt": "latin",
    "it": "latin",
    "tr": "latin",
}


def _check_script(
    where: str, language: str, title: str, paragraphs: list[str], rep: _Report
) -> None:
    """Cheap sanity check that the text is written in the declared language's script."""
    text = " ".join([title, *paragraphs])
    counts = {name: len(rx.findall(text)) for name, rx in _SCRIPTS.items()}
    expected = _EXPECTED_SCRIPT.get(language)
    if expected is None:
        return
    total = sum(v for k, v in counts.items() if k != "kana") or 1
    share = (
        counts[expected] / (counts["han"] + counts["kana"] or 1)
        if expected == "kana"
        else counts[expected] / total
    )
    if expected == "kana":
        if counts["kana"] == 0:
            rep.warn(where, "language 'ja' but the text contains no kana")
        return
    if share < 0.5:
        rep.warn(where, f"language {language!r} but most letters are not {expected} script")
    if language == "zh" and counts["kana"]:
        rep.warn(where, "language 'zh' but the text contains Japanese kana")
    if language == "ru" and re.search(r"[іїєґІЇЄҐ]", text):
        rep.warn(where, "language 'ru' but the text contains Ukrainian letters (і ї є ґ)")
    if language == "uk" and re.search(r"[ыэъЫЭЪ]", text):
        rep.warn(where, "language 'uk' but the text contains Russian letters (ы э ъ)")


def _is_subsequence(needles: list[str], hay: list[str]) -> int | None:
    """Index of the first needle not found in order in hay, or None if all are."""
    pos = 0
    for i, n in enumerate(needles):
        while pos < len(hay) and hay[pos] != n:
            pos += 1
        if pos == len(hay):
            return i
        pos += 1
    return None


def load_corpus(root: Path = HERE) -> Corpus:
    """Load and validate the corpus sources under ``root``; raise CorpusError on problems."""
    rep = _Report()
    outlets = load_outlets(root / "outlets.toml", rep)
    events: dict[str, Event] = {}
    for path in sorted((root / "events").glob("*.toml")):
        ev = load_event(path, outlets, rep)
        if ev is None:
            continue
        if ev.id in events:
            rep.error(ev.file, f"duplicate event id {ev.id!r} (also in {events[ev.id].file})")
            continue
        events[ev.id] = ev

    articles: dict[str, Article] = {}
    urls: dict[str, str] = {}
    for ev in events.values():
        for a in ev.articles:
            w = f"{a.file}: article {a.id} (#{a.index})"
            if a.id in articles:
                rep.error(w, f"duplicate article id {a.id!r} (also in {articles[a.id].file})")
                continue
            articles[a.id] = a
            urls[a.url_path] = a.id

    for a in articles.values():
        w = f"{a.file}: article {a.id} (#{a.index})"
        if a.syndicated_from is None:
            continue
        origin = articles.get(a.syndicated_from)
        if origin is None:
            rep.error(w, f"field 'syndicated_from': no article {a.syndicated_from!r}")
            continue
        if origin.id == a.id:
            rep.error(w, "field 'syndicated_from' points to the article itself")
            continue
        if origin.event != a.event:
            rep.error(
                w,
                f"field 'syndicated_from': {origin.id!r} belongs to event "
                f"{origin.event!r}, not {a.event!r}",
            )
        if origin.syndicated_from is not None:
            rep.error(
                w,
                f"field 'syndicated_from': {origin.id!r} is itself a copy of "
                f"{origin.syndicated_from!r}; point to the original",
            )
        if a.published < origin.published:
            rep.error(
                w,
                f"field 'published': copy {a.published_iso} is earlier than its "
                f"original {origin.id} ({origin.published_iso})",
            )
        if a.copy == "verbatim":
            missing = _is_subsequence(origin.paragraphs, a.paragraphs)
            if missing is not None:
                rep.error(
                    w,
                    f"field 'copy': 'verbatim' but paragraph {missing} of {origin.id} "
                    f"is not reproduced unchanged and in order: "
                    f"{_short(origin.paragraphs[missing])!r}",
                )
        elif a.copy == "edited" and a.paragraphs == origin.paragraphs:
            rep.warn(w, f"field 'copy': 'edited' but paragraphs are identical to {origin.id}")

    for a in articles.values():
        if {"read_also", "most_popular"} & set(a.clutter):
            if not any(b.outlet == a.outlet and b.id != a.id for b in articles.values()):
                rep.warn(
                    f"{a.file}: article {a.id}",
                    "read_also/most_popular: the outlet has no other article to link to",
                )

    if rep.errors:
        raise CorpusError(rep.errors, rep.warnings)
    ordered = {k: articles[k] for k in sorted(articles)}
    return Corpus(outlets, {k: events[k] for k in sorted(events)}, ordered, rep.warnings)


# --------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------


def _seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def _rng(*parts: str) -> random.Random:
    return random.Random(_seed(*parts))


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


_BYLINE_PREFIX = re.compile(r"^(?:By|Von|Par|Por|Di|Автор:|بقلم|كتب:|作者：)\s+")


def _variant(outlet: str, article_id: str, lang: str, kind: str) -> str:
    """The outlet's house phrase for a kind, or (about one time in four) another one."""
    options = CLUTTER[lang][kind]
    house = _seed("house", outlet, kind) % len(options)
    rng = _rng("variant", article_id, kind)
    if len(options) > 1 and rng.random() < 0.25:
        others = [i for i in range(len(options)) if i != house]
        return options[rng.choice(others)]
    return options[house]


def _minutes(a: Article) -> int:
    text = " ".join(a.paragraphs)
    if a.language in ("zh", "ja"):
        return max(1, round(len(text) / 450))
    return max(1, round(len(text.split()) / 200))


def human_date(when: dt.datetime, lang: str) -> str:
    ui = UI[lang]
    return str(ui["date"]).format(
        y=when.year,
        month=ui["months"][when.month - 1],
        d=when.day,
        H=f"{when.hour:02d}",
        M=f"{when.minute:02d}",
    )


def canonical_url(outlet: Outlet, a: Article) -> str:
    return f"https://{outlet.domain}/{a.date_path}/{a.slug}.html"


def _front(outlet_id: str) -> str:
    return f"{HOST}/{outlet_id}/"


def _header(o: Outlet) -> str:
    ui = UI[o.language]
    items = [f'<li><a href="{_front(o.id)}">{_esc(ui["nav"][0])}</a></li>']
    for sec, label in zip(NAV_SECTIONS, ui["nav"][1:], strict=True):
        items.append(f'<li><a href="{_front(o.id)}#{sec}">{_esc(label)}</a></li>')
    return (
        f'<a class="skip-link" href="#main">{_esc(ui["skip"])}</a>\n'
        '<header class="site-header">\n'
        f'<div class="masthead"><a class="logo" href="{_front(o.id)}">{_esc(o.name)}</a></div>\n'
        f'<nav class="main-nav"><ul>\n' + "\n".join(items) + "\n</ul></nav>\n</header>\n"
    )


def _footer(o: Outlet, year: int) -> str:
    ui = UI[o.language]
    links = [
        (f"{_front(o.id)}#about", ui["about"]),
        (f"{_front(o.id)}#contact", ui["contact"]),
        (f"{_front(o.id)}#privacy", ui["privacy"]),
        (f"{_front(o.id)}#terms", ui["terms"]),
        (f"{HOST}/{o.id}/feed.xml", ui["rss"]),
    ]
    items = "\n".join(f'<li><a href="{href}">{_esc(label)}</a></li>' for href, label in links)
    return (
        '<footer class="site-footer">\n'
        f'<ul class="footer-links">\n{items}\n</ul>\n'
        f'<p class="copyright">© {year} {_esc(o.name)}. {_esc(ui["rights"])}</p>\n'
        "</footer>\n"
    )


def _html_open(lang: str, title: str) -> str:
    rtl = ' dir="rtl"' if lang == "ar" else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{rtl}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{HOST}/static/site.css">\n'
    )


def _credit(corpus: Corpus, a: Article) -> str:
    source = corpus.articles[a.syndicated_from].outlet if a.syndicated_from else a.outlet
    return corpus.outlets[source].name


def _clutter_block(
    corpus: Corpus, a: Article, kind: str, others: list[Article], related: list[Article]
) -> tuple[str, str]:
    """Return (html, visible main text) for one clutter kind."""
    o = corpus.outlets[a.outlet]
    lang = a.language
    ui = UI[lang]
    rng = _rng("clutter", a.id, kind)
    phrase = _variant(a.outlet, a.id, lang, kind)
    n = rng.randint(3, 240) if kind == "comments" else _minutes(a)
    credit = _credit(corpus, a)
    text = phrase.format(n=n, name=o.name, credit=credit)
    t = _esc(text)
    if kind == "listen":
        return (
            f'<div class="audio-player"><button type="button" class="audio-play" '
            f'aria-label="{_attr(ui["play"])}">▶</button> '
            f'<span class="audio-label">{t}</span></div>',
            text,
        )
    if kind == "share":
        url = _attr(canonical_url(o, a))
        return (
            f'<div class="share-tools"><span class="share-label">{t}</span>'
            f'<ul class="share-list">'
            f'<li><a href="https://facebook.example/sharer?u={url}">Facebook</a></li>'
            f'<li><a href="https://x.example/intent/post?url={url}">X</a></li>'
            f'<li><a href="https://whatsapp.example/send?text={url}">WhatsApp</a></li>'
            f'<li><a href="mailto:?body={url}">{_esc(ui["email"])}</a></li>'
            f"</ul></div>",
            text,
        )
    if kind == "subscribe":
        return (
            f'<aside class="paywall-promo"><p>{t}</p><a class="button" '
            f'href="{_front(o.id)}#subscribe">{_esc(ui["subscribe_btn"])}</a></aside>',
            text,
        )
    if kind == "newsletter":
        return (
            f'<section class="newsletter-signup"><p class="newsletter-pitch">{t}</p>'
            f'<form class="newsletter-form" action="{_front(o.id)}#newsletter" method="post">'
            f'<label>{_esc(ui["email"])} <input type="email" name="email" '
            f'placeholder="{_attr(ui["email_placeholder"])}"></label> '
            f'<button type="submit">{_esc(ui["sign_up"])}</button></form></section>',
            text,
        )
    if kind == "app_promo":
        return (
            f'<div class="app-promo"><p>{t}</p>'
            f'<a class="store" href="https://apps.example/{o.id}/ios">App Store</a> '
            f'<a class="store" href="https://apps.example/{o.id}/android">Google Play</a>'
            f"</div>",
            text,
        )
    if kind == "donate":
        return (
            f'<aside class="support-us"><p>{t}</p><a class="button" '
            f'href="{_front(o.id)}#donate">{_esc(ui["donate_btn"])}</a></aside>',
            text,
        )
    if kind == "read_also":
        pool = related or others
        if pool:
            target = rng.choice(pool)
            full = f"{text} {target.title}"
            return (
                f'<p class="read-also"><strong>{t}</strong> '
                f'<a href="{target.url}">{_esc(target.title)}</a></p>',
                full,
            )
        return (
            f'<p class="read-also"><strong>{t}</strong> '
            f'<a href="{_front(o.id)}">{_esc(o.name)}</a></p>',
            f"{text} {o.name}",
        )
    if kind == "most_popular":
        picks = rng.sample(others, min(3, len(others)))
        items = "".join(f'<li><a href="{b.url}">{_esc(b.title)}</a></li>' for b in picks)
        items = f"<ol>{items}</ol>" if items else ""
        return f'<section class="most-popular"><h2>{t}</h2>{items}</section>', text
    if kind == "comments":
        return (
            f'<section class="comments" id="comments"><h2>{t}</h2>'
            f'<p class="comments-login"><a href="{_front(o.id)}#login">'
            f"{_esc(ui['login_comment'])}</a></p></section>",
            text,
        )
    if kind == "reading_time":
        return f'<p class="reading-time">{t}</p>', text
    if kind == "caption_repeat":
        caption = a.caption or ""
        full = f"{caption} {text}"
        return (
            f'<p class="photo-caption">{_esc(caption)} <span class="credit">{t}</span></p>',
            full,
        )
    if kind == "video_notice":
        return (
            f'<div class="video-embed"><div class="video-placeholder">'
            f'<button type="button">{_esc(ui["play"])}</button><p>{t}</p></div></div>',
            text,
        )
    raise ValueError(kind)


def _clutter_slot(kind: str, n_pars: int, rng: random.Random) -> int:
    """Index of the paragraph a clutter block is inserted before (n_pars = after the last)."""
    if kind in ("listen", "reading_time"):
        return 0
    if kind in ("video_notice", "caption_repeat"):
        return min(rng.choice((0, 1)), n_pars)
    if kind == "share":
        return rng.choice((0, n_pars))
    if kind == "read_also":
        return max(1, n_pars // 2) if n_pars > 1 else n_pars
    if kind in ("subscribe", "newsletter", "app_promo", "donate"):
        return rng.randint(1, max(1, n_pars - 1)) if n_pars > 1 else n_pars
    return n_pars  # most_popular, comments


def render_article(corpus: Corpus, a: Article) -> tuple[str, list[dict[str, str]]]:
    """Render one article page; return the HTML and the clutter records for gold."""
    o = corpus.outlets[a.outlet]
    ui = UI[a.language]
    layout = LAYOUTS[_seed("layout", o.id) % len(LAYOUTS)]
    # Link targets: the outlet's other articles, earlier ones only when there are any (a page
    # should not link to stories published after it).
    others = [b for b in corpus.by_outlet(a.outlet) if b.id != a.id]
    earlier = [b for b in others if b.published <= a.published]
    others = earlier or others
    related = [b for b in others if b.event == a.event]
    canonical = canonical_url(o, a)
    lead = a.paragraphs[0]

    author: Any
    author_name = _BYLINE_PREFIX.sub("", a.byline) if a.byline else ""
    outlet_names = {x.name for x in corpus.outlets.values()}
    if author_name and any(n.startswith(author_name) for n in outlet_names):
        author = {"@type": "Organization", "name": author_name}
    elif author_name:
        author = [{"@type": "Person", "name": author_name}]
    else:
        author = {"@type": "Organization", "name": o.name}
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": a.published_iso,
        "dateModified": a.published_iso,
        "inLanguage": a.language,
        "author": author,
        "publisher": {"@type": "Organization", "name": o.name, "url": f"https://{o.domain}/"},
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "description": lead,
    }
    if a.caption:
        ld["image"] = {
            "@type": "ImageObject",
            "url": f"https://{o.domain}/img/{a.slug}.jpg",
            "caption": a.caption,
        }
    ld_json = json.dumps(ld, ensure_ascii=False, sort_keys=True, indent=1).replace("</", "<\\/")

    parts: list[str] = [_html_open(a.language, f"{a.title}{layout['sep']}{o.name}")]
    parts.append(
        f'<meta name="description" content="{_attr(lead)}">\n'
        f'<link rel="canonical" href="{_attr(canonical)}">\n'
        f'<link rel="alternate" type="application/rss+xml" title="{_attr(o.name)}" '
        f'href="{HOST}/{o.id}/feed.xml">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{_attr(a.title)}">\n'
        f'<meta property="og:description" content="{_attr(lead)}">\n'
        f'<meta property="og:site_name" content="{_attr(o.name)}">\n'
        f'<meta property="og:locale" content="{a.language}_{o.country}">\n'
        f'<meta property="og:url" content="{_attr(canonical)}">\n'
        f'<meta property="article:published_time" content="{a.published_iso}">\n'
    )
    if author_name:
        parts.append(f'<meta name="author" content="{_attr(author_name)}">\n')
    parts.append(f'<script type="application/ld+json">\n{ld_json}\n</script>\n</head>\n')
    parts.append(f'<body class="{layout["body"]}">\n')
    parts.append(_header(o))
    parts.append(f'<main id="main" class="{layout["main"]}">\n')
    parts.append(f'<article class="{layout["article"]}">\n<header class="article-header">\n')
    parts.append(f"<h1>{_esc(a.title)}</h1>\n")
    if a.byline:
        parts.append(f'<p class="{layout["byline"]}">{_esc(a.byline)}</p>\n')
    parts.append(
        f'<time datetime="{a.published_iso}">{_esc(human_date(a.published, a.language))}'
        "</time>\n</header>\n"
    )
    if a.caption:
        parts.append(
            f'<figure class="lead-image"><img src="{HOST}/static/photo.svg" '
            f'alt="{_attr(a.caption)}" width="1200" height="675">'
            f'<figcaption>{_esc(a.caption)} <span class="credit">'
            f"{_esc(_variant(a.outlet, a.id, a.language, 'caption_repeat').format(credit=_credit(corpus, a)))}"  # noqa: E501
            "</span></figcaption></figure>\n"
        )

    slots: dict[int, list[tuple[int, str]]] = {}
    records: list[dict[str, str]] = []
    n_pars = len(a.paragraphs)
    for kind in a.clutter:
        block, text = _clutter_block(corpus, a, kind, others, related)
        slot = _clutter_slot(kind, n_pars, _rng("slot", a.id, kind))
        slots.setdefault(slot, []).append((CLUTTER_ORDER.index(kind), block))
        records.append({"kind": kind, "text": text})

    parts.append(f'<div class="{layout["body_div"]}">\n')
    for i in range(n_pars + 1):
        for _, block in sorted(slots.get(i, [])):
            parts.append(block + "\n")
        if i < n_pars:
            parts.append(f"<p>{_esc(a.paragraphs[i])}</p>\n")
    parts.append("</div>\n</article>\n")

    sidebar = _rng("sidebar", a.id).sample(others, min(5, len(others)))
    if sidebar:
        parts.append(f'<aside class="{layout["aside"]}">\n<h2>{_esc(ui["most_read"])}</h2>\n<ol>\n')
        for b in sidebar:
            parts.append(f'<li><a href="{b.url}">{_esc(b.title)}</a></li>\n')
        parts.append("</ol>\n</aside>\n")
    parts.append("</main>\n")
    parts.append(_footer(o, a.published.year))
    parts.append("</body>\n</html>\n")
    return "".join(parts), records


def render_front(corpus: Corpus, o: Outlet) -> str:
    ui = UI[o.language]
    items = corpus.by_outlet(o.id)
    year = max(a.published.year for a in items)
    parts = [_html_open(o.language, f"{o.name} – {ui['latest']}")]
    parts.append(
        f'<link rel="alternate" type="application/rss+xml" title="{_attr(o.name)}" '
        f'href="{HOST}/{o.id}/feed.xml">\n</head>\n<body class="front">\n'
    )
    parts.append(_header(o))
    parts.append(f'<main id="main">\n<h1>{_esc(ui["latest"])}</h1>\n<ul class="teasers">\n')
    for a in items:
        parts.append(
            f'<li><a href="{a.url}">{_esc(a.title)}</a> '
            f'<time datetime="{a.published_iso}">'
            f"{_esc(human_date(a.published, a.language))}</time></li>\n"
        )
    parts.append("</ul>\n</main>\n")
    parts.append(_footer(o, year))
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def render_feed(corpus: Corpus, o: Outlet) -> str:
    ui = UI[o.language]
    items = corpus.by_outlet(o.id)
    last = max(a.published for a in items)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n',
        f"<title>{xml_escape(o.name)}</title>\n<link>{_front(o.id)}</link>\n",
        f"<description>{xml_escape(o.name)}: {xml_escape(ui['latest'])}</description>\n",
        f"<language>{o.language}-{o.country.lower()}</language>\n",
        f"<lastBuildDate>{format_datetime(last)}</lastBuildDate>\n",
        f'<atom:link href="{HOST}/{o.id}/feed.xml" rel="self" type="application/rss+xml"/>\n',
    ]
    for a in items:
        parts.append(
            "<item>\n"
            f"<title>{xml_escape(a.title)}</title>\n"
            f"<link>{a.url}</link>\n"
            f'<guid isPermaLink="true">{a.url}</guid>\n'
            f"<pubDate>{format_datetime(a.published)}</pubDate>\n"
            f"<description>{xml_escape(a.paragraphs[0])}</description>\n"
            "</item>\n"
        )
    parts.append("</channel>\n</rss>\n")
    return "".join(parts)


def render_index(corpus: Corpus, used: list[Outlet]) -> str:
    parts = [_html_open("en", "Rashomon test corpus")]
    parts.append("</head>\n<body>\n<main>\n<h1>Rashomon test corpus</h1>\n")
    parts.append(
        "<p>Fictional outlets and events, written for testing. Nothing here is real "
        "news.</p>\n<ul>\n"
    )
    for o in used:
        n = len(corpus.by_outlet(o.id))
        parts.append(
            f'<li><a href="{_front(o.id)}">{_esc(o.name)}</a> ({o.country}, '
            f'{o.language}, {n} articles) – <a href="{HOST}/{o.id}/feed.xml">RSS</a>'
            "</li>\n"
        )
    parts.append("</ul>\n</main>\n</body>\n</html>\n")
    return "".join(parts)


def build_gold(corpus: Corpus, clutter: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    gold: dict[str, Any] = {
        "outlets": {
            o.id: {
                "name": o.name,
                "domain": o.domain,
                "country": o.country,
                "language": o.language,
                "type": o.type,
                "wire": o.wire,
            }
            for o in corpus.outlets.values()
        },
        "events": {},
        "statements": {},
        "quantities": {},
        "articles": {},
    }
    for ev in corpus.events.values():
        gold["events"][ev.id] = {
            "kind": ev.kind,
            "title": ev.title,
            "date": ev.date.isoformat(),
            "thread": ev.thread,
        }
        for st in ev.statements.values():
            gold["statements"][f"{ev.id}/{st.id}"] = {
                "speaker": st.speaker,
                "role": st.role,
                "canonical": st.canonical,
            }
        for q in ev.quantities.values():
            gold["quantities"][f"{ev.id}/{q.id}"] = {
                "counts": q.counts,
                "scope": q.scope,
                "unit": q.unit,
            }
    for a in corpus.articles.values():
        o = corpus.outlets[a.outlet]
        gold["articles"][a.id] = {
            "event": a.event,
            "thread": corpus.events[a.event].thread,
            "outlet": a.outlet,
            "country": o.country,
            "language": a.language,
            "published": a.published_iso,
            "url_path": a.url_path,
            "title": a.title,
            "byline": a.byline,
            "caption": a.caption,
            "paragraphs": a.paragraphs,
            "origin": a.syndicated_from,
            "copy": a.copy,
            "quotes": [
                {"statement": q.statement, "speaker": q.speaker, "text": q.text} for q in a.quotes
            ],
            "figures": [
                {"quantity": f.quantity, "value": f.value, "text": f.text} for f in a.figures
            ],
            "clutter": clutter[a.id],
        }
    return gold


def render_corpus(corpus: Corpus) -> dict[str, bytes]:
    """All generated files, as {path relative to the corpus root: content}."""
    out: dict[str, str] = {}
    clutter: dict[str, list[dict[str, str]]] = {}
    lines: list[str] = []
    for a in corpus.articles.values():
        page, records = render_article(corpus, a)
        clutter[a.id] = records
        out[f"site{a.url_path}"] = page
        lines.append(
            json.dumps(
                {
                    "url": a.url,
                    "source": a.outlet,
                    "title": a.title,
                    "html": page,
                    "published": a.published_iso,
                    "language": a.language,
                },
                ensure_ascii=False,
                sort_keys=True,
            )
        )
    used = [o for o in corpus.outlets.values() if corpus.by_outlet(o.id)]
    for o in used:
        out[f"site/{o.id}/feed.xml"] = render_feed(corpus, o)
        out[f"site/{o.id}/index.html"] = render_front(corpus, o)
    out["site/index.html"] = render_index(corpus, used)
    out["site/robots.txt"] = "User-agent: *\nAllow: /\n"
    out["site/static/site.css"] = SITE_CSS
    out["site/static/photo.svg"] = PHOTO_SVG
    out["gold.json"] = (
        json.dumps(build_gold(corpus, clutter), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    )
    out["corpus.jsonl"] = "".join(line + "\n" for line in lines)
    return {k: v.encode("utf-8") for k, v in sorted(out.items())}


# --------------------------------------------------------------------------------------
# Writing and checking
# --------------------------------------------------------------------------------------

GENERATED_TOP = ("gold.json", "corpus.jsonl")


def _existing(root: Path) -> set[str]:
    found = {p.relative_to(root).as_posix() for p in (root / "site").rglob("*") if p.is_file()}
    found |= {name for name in GENERATED_TOP if (root / name).is_file()}
    return found


def diff_outputs(root: Path, outputs: dict[str, bytes]) -> list[str]:
    """Describe every generated file that is missing, stale or unexpected on disk."""
    problems: list[str] = []
    for rel, data in outputs.items():
        path = root / rel
        if not path.is_file():
            problems.append(f"missing: {rel}")
        elif path.read_bytes() != data:
            problems.append(f"stale: {rel}")
    for rel in sorted(_existing(root) - set(outputs)):
        problems.append(f"unexpected: {rel}")
    return problems


def write_outputs(root: Path, outputs: dict[str, bytes]) -> tuple[int, int]:
    """Write changed files, remove stale ones under site/; return (written, removed)."""
    written = removed = 0
    for rel, data in outputs.items():
        path = root / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    for rel in sorted(_existing(root) - set(outputs)):
        (root / rel).unlink()
        removed += 1
    site = root / "site"
    if site.is_dir():
        for d in sorted((p for p in site.rglob("*") if p.is_dir()), reverse=True):
            if not any(d.iterdir()):
                d.rmdir()
    return written, removed


def summary(corpus: Corpus) -> str:
    arts = corpus.articles.values()
    langs = sorted({a.language for a in arts})
    outlets = {a.outlet for a in arts}
    countries = {corpus.outlets[o].country for o in outlets}
    return (
        f"{len(corpus.events)} events, {len(corpus.articles)} articles, "
        f"{len(outlets)} outlets, {len(countries)} countries, "
        f"{len(langs)} languages ({', '.join(langs)})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if generated files are not up to date",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=HERE,
        help="corpus directory holding outlets.toml and events/ (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    try:
        corpus = load_corpus(root)
    except CorpusError as exc:
        for w in exc.warnings:
            print(f"warning: {w}", file=sys.stderr)
        for e in exc.errors:
            print(f"error: {e}", file=sys.stderr)
        print(f"{len(exc.errors)} error(s); nothing written.", file=sys.stderr)
        return 2
    for w in corpus.warnings:
        print(f"warning: {w}", file=sys.stderr)
    outputs = render_corpus(corpus)
    if args.check:
        problems = diff_outputs(root, outputs)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            print(
                f"{len(problems)} generated file(s) out of date; run python tests/corpus/build.py",
                file=sys.stderr,
            )
            return 1
        print(f"up to date: {summary(corpus)}")
        return 0
    written, removed = write_outputs(root, outputs)
    print(f"{summary(corpus)}; {len(outputs)} files, {written} written, {removed} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
