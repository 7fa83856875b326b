"""Multilingual clutter rules: which short page lines are prompts, promos, credits or widgets."""

from __future__ import annotations

import re
import unicodedata

# Each category holds three kinds of pattern (lower-case, matched on a normalised line):
#   whole:  the entire line is the prompt ("Share", "Related articles", "Leave a reply")
#   prefix: the line opens with a marker and goes on ("Read more: …", "Читайте также …")
#   inside: a phrase distinctive enough to damn any short line that holds it
# Languages, in order where present: en, de, fr, es, it, pt, ru, uk, pl, tr, ar, zh, ja.
# fmt: off
RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "listen": {
        "whole": (
            r"listen( now| here)?", r"listen to (this|the) (article|story)", r"audio version",
            r"(artikel )?(anhören|vorlesen( lassen)?)", r"écouter( (cet |l')article)?",
            r"escuchar( (este|esta|el|la) (artículo|audio|noticia))?",
            r"ascolta( (l'|questo )articolo)?", r"ouvir( (este|o) (artigo|texto|conteúdo))?",
            r"слушать( статью| новость)?", r"слухати( статтю| новину)?",
            r"(posłuchaj|odsłuchaj)( artykułu| tekstu)?", r"(haberi |makaleyi )?(sesli )?dinle",
            r"استمع( إلى (المقال|الخبر))?", r"(收听|朗读)(本文|文章)?", r"(記事を)?(聞く|読み上げる)",
        ),
        "inside": (
            r"you can now listen to", r"listen (back|again|live) (here|at|on)",
            r"listen to (this|the) (article|story)",
            r"(hören sie|lassen sie sich) (diesen|den) (artikel|text)", r"écoutez cet article",
            r"escucha (esta|este) (noticia|artículo)", r"ouça (este|esta) (artigo|notícia|texto)",
            r"прослушать (статью|новость)", r"прослухати (статтю|новину)", r"音声で聞く",
        ),
    },
    "share": {
        "whole": (
            r"((share|tweet|email|e-mail|print|copy link|whatsapp|facebook|twitter|x|linkedin|"
            r"pinterest|reddit|telegram|flipboard|messenger|vk|threads|bluesky)[\s,·|/]*){1,9}",
            r"share (this|the) (article|story|page)( on .*)?", r"click to share.*",
            r"(artikel )?teilen", r"drucken", r"link kopieren", r"partager( (cet|l')article)?",
            r"imprimer", r"copier le lien", r"compartir( (esta|la) noticia| en .*)?", r"imprimir",
            r"copiar (el )?enlace", r"condividi( (l'|questo )articolo| su .*)?", r"stampa",
            r"compartilh(ar|e)( (esta|a) (notícia|matéria))?", r"partilhar", r"copiar link",
            r"поделиться( в .*)?", r"скопировать ссылку", r"поділитися( в .*)?", r"поширити",
            r"udostępnij", r"podziel się", r"kopiuj link", r"paylaş", r"linki kopyala",
            r"شارك( (المقال|الخبر))?", r"مشاركة", r"(分享|转发)(到.*)?", r"(シェア|共有|ツイート)",
        ),
        "inside": (
            r"share (it|this) with (a friend|your friends)", r"share on (facebook|twitter)",
        ),
    },
    "subscribe": {
        "whole": (
            r"subscribe( now| today| here)?", r"([\w'’]+ ){0,4}newsletter", r"sign up( now| here)?",
            r"(jetzt )?(abonnieren|registrieren)", r"abonnez-vous", r"suscríbete", r"iscriviti",
            r"(assine|inscreva-se)( já)?", r"подписаться", r"підписатися", r"subskrybuj",
            r"abone ol", r"اشترك( الآن)?", r"订阅", r"購読する",
        ),
        "prefix": (
            r"subscribe to", r"sign up (for|to)", r"get the latest",
        ),
        "inside": (
            r"delivered (right )?to your inbox", r"in your inbox",
            r"sign up for (our|the) .*newsletter",
            r"subscribe to (our|the) .*(newsletter|channel|podcast)", r"already a subscriber",
            r"(become|join as) a (member|subscriber)", r"for as little as", r"join (nrplus|now)",
            r"newsletter abonnieren", r"melden sie sich .*newsletter", r"kostenlos registrieren",
            r"inscrivez-vous à (notre|la) newsletter", r"déjà abonné", r"réservé aux abonnés",
            r"suscríbete a (nuestro|nuestra)", r"ya eres suscriptor", r"iscriviti alla newsletter",
            r"assine (a|nossa) newsletter", r"inscreva-se (na|em) nossa",
            r"подпис(ывайтесь|ывайся|аться) на (наш|нас)", r"підпис(уйтесь|атися) на (наш|нас)",
            r"zapisz się (do|na) (naszego )?newslettera?", r"bültenimize abone",
            r"اشترك في (النشرة|نشرتنا)", r"订阅(我们的)?(新闻|邮件)", r"メルマガ(登録|購読)",
        ),
    },
    "app": {
        "whole": (
            r"apple app store badge", r"google play badge", r"app store", r"google play",
            r"(app store|google play)( (and|y|und|et|e|и|і|ve|و) | \| | )(app store|google play)",
        ),
        "inside": (
            r"get the full experience in the app", r"download (the|our) .*app",
            r"open in (the )?app", r"(get|try) (the|our) app",
            r"(laden sie|hol dir) (die|unsere) app", r"in unserer app",
            r"téléchargez (l'|notre )application", r"descarga (la|nuestra) (app|aplicación)",
            r"scarica (l'|la nostra )app", r"baixe (o|nosso) (app|aplicativo)",
            r"скачайте (наше )?приложение", r"завантажте (наш )?(застосунок|додаток)",
            r"pobierz (naszą )?aplikację", r"uygulamamızı indirin", r"حمّ?ل (التطبيق|تطبيقنا)",
            r"下载(客户端|app|应用)", r"アプリ(をダウンロード|で読む)",
        ),
    },
    "donate": {
        "whole": (
            r"donate", r"spenden", r"faites un don", r"donar", r"dona ora", r"doe", r"поддержать",
            r"підтримати", r"wesprzyj", r"bağış yap", r"تبرع", r"捐赠", r"寄付する",
        ),
        "inside": (
            r"donate (here|now|today)", r"make a donation", r"support (our|independent) journalism",
            r"become a patron", r"jetzt spenden", r"unterstützen sie (unsere arbeit|uns)",
            r"faites un don", r"soutenez (notre|le) journalisme", r"haz una donación",
            r"sostieni (il nostro|l'informazione)", r"faça uma doação", r"поддержите (нас|проект)",
            r"підтримайте (нас|проєкт)", r"wesprzyj (nas|nasz)", r"bağış yapın", r"ادعم(نا| عملنا)",
            r"支持我们", r"寄付(する|をお願い)",
        ),
    },
    "related": {
        "whole": (
            r"related( articles| stories| coverage| content| news| posts| reading| links)?",
            r"(read|see) (more|also|next)", r"more (from|on) .{1,40}",
            r"more (stories|news|articles)", r"most (popular|read|viewed|shared)",
            r"recommended( for you)?", r"top stories", r"you (may|might) also like", r"don'?t miss",
            r"trending( now)?", r"up next", r"editor'?s picks", r"further reading",
            r"what to read next", r"also read",
            r"(das könnte sie auch interessieren|mehr zum thema|meistgelesen|auch interessant)",
            r"(weitere artikel|verwandte artikel|lesen sie auch|siehe auch)",
            r"(lire aussi|à lire aussi|voir aussi|sur le même sujet|les plus lus|articles liés)",
            r"(lea también|lee también|te puede interesar|noticias relacionadas|lo más leído)",
            r"(más información|más noticias|también te puede interesar)",
            r"(leggi anche|potrebbe interessarti|articoli correlati|i più letti|vedi anche)",
            r"(leia também|leia mais|veja também|saiba mais|mais lidas|notícias relacionadas)",
            r"(читайте также|смотрите также|по теме|самое читаемое|популярное|рекомендуем)",
            r"(еще по теме|ещё по теме|также по теме)",
            r"(читайте також|дивіться також|по темі|найпопулярніше|вас може зацікавити)",
            r"(більше за темою|на цю тему)",
            r"(czytaj (też|także|więcej)|zobacz (też|także|również)|polecamy|najpopularniejsze)",
            r"(ilginizi çekebilir|ilgili haberler|en çok okunanlar?|bunlar da ilginizi çekebilir)",
            r"(اقرأ (أيضا|أيضًا|أيضاً)|اقرأ المزيد|مواضيع ذات صلة|أخبار ذات صلة|الأكثر قراءة)",
            r"(相关(阅读|新闻|文章|报道)|延伸阅读|推荐阅读|热门(文章|新闻))", r"(関連記事|あわせて読みたい|こちらもおすすめ|人気記事)",
            r"(\w+ )?(주요뉴스|관련기사|많이 본 뉴스|인기기사)",
        ),
        "prefix": (
            r"(read|see) (more|also)\s*[:|]", r"related\s*[:|]", r"see also", r"read also",
            r"also (read|on \S+\.\w+)", r"more\s*:", r"(recommended|watch|listen)\s*:",
            r"lesen sie (auch|mehr)", r"mehr zum thema\s*:", r"lire (aussi|également)",
            r"à lire (aussi)?\s*:", r"(lea|lee) también", r"leer más\s*:", r"leggi anche",
            r"(leia|veja) também", r"leia mais\s*:", r"(читайте|смотрите) также",
            r"(читайте|дивіться) також", r"також читайте",
            r"(czytaj|przeczytaj) (też|także|również)", r"zobacz (też|także|również)",
            r"ayrıca (okuyun|bakınız)", r"اقرأ (أيضا|أيضًا|أيضاً)", r"(相关阅读|延伸阅读|推荐阅读)",
            r"(関連記事|あわせて読みたい)",
        ),
        "inside": (
            r"\[(insight|video|reaction|pictures|poll|latest|news|warning|revealed)\]\|?$",
        ),
    },
    "comments": {
        "whole": (
            r"(\d+ )?comments?", r"leave a (reply|comment)", r"(show|view|load) comments",
            r"post a comment", r"join the (conversation|discussion)", r"tell us what you think.*",
            r"comments are closed.*", r"add a comment", r"(\d+ )?kommentare?",
            r"kommentar schreiben", r"(\d+ )?commentaires?", r"laisser un commentaire", r"réagir",
            r"(\d+ )?comentarios?", r"deja (un|tu) comentario", r"(\d+ )?commenti",
            r"lascia un commento", r"(\d+ )?comentários?", r"deixe (um|seu) comentário",
            r"(\d+ )?комментари(и|ев|й)", r"оставить комментарий", r"(\d+ )?коментар(і|ів)",
            r"залишити коментар", r"(\d+ )?komentarz(e|y)?", r"dodaj komentarz",
            r"(\d+ )?yorum(lar)?", r"yorum yap", r"التعليقات", r"أضف تعليق(ا)?", r"(发表)?评论", r"留言",
            r"コメント(する)?",
        ),
    },
    "reading_time": {
        "inside": (
            r"\d+\s*min(ute)?s?\.? read", r"\d+ minutes? (to read|read)", r"read(ing)? time",
            r"lesezeit", r"\d+ min(uten)? lesen", r"temps de lecture", r"\d+ min de lecture",
            r"tiempo de lectura", r"\d+ min(utos)? de lectura", r"^lectura de \d+ min(utos?)?$", r"tempo di lettura",
            r"\d+ min(uti)? di lettura", r"tempo de leitura", r"\d+ min(utos)? de leitura",
            r"время чтения", r"\d+ мин(ут[аы]?)? (на )?чтени", r"час читання",
            r"\d+ хв(илин[аи]?)? (на )?читання", r"czas czytania", r"\d+ min(ut)? czytania",
            r"okuma süresi", r"\d+ (dk|dakika)(lık)? okuma", r"(وقت|مدة) القراءة",
            r"\d+ دقائق? (للقراءة|قراءة)", r"阅读(时间|时长)", r"\d+\s*分钟(阅读|读完)", r"\d+分で読め",
            r"読了(時間|目安)",
            r"^(lecture|lesen|читать|читати|czytanie|okuma|lectura|leitura|lettura|reading)\s*:?"
            r"\s*\d+\s*(min\w*|мин\w*|хв\w*|dk|dakika)\.?$",
        ),
    },
    "media": {
        "whole": (
            r"image", r"video", r"watch( video| now)?", r"play video", r"\d{1,2}:\d{2}(:\d{2})?",
            r"(\d+ )?(photos|images|bilder|fotos|фото)", r"(photo|image|bild) \d+ (of|/|von) \d+",
            r"view gallery", r"(see|view) (more|all) (photos|pictures|images)",
            r"click to (play|expand|enlarge)", r"(bildergalerie|zur galerie)",
            r"(voir|lire) la vidéo", r"ver (el )?vídeo", r"guarda il video", r"assista ao vídeo",
            r"смотрите видео", r"дивіться відео", r"zobacz wideo", r"videoyu izle",
            r"شاهد( الفيديو)?", r"(视频|点击播放)", r"動画(を見る)?",
            r"(\w+ ){0,3}(logo|icon|badge|main image|thumbnail)",
        ),
        "inside": (
            r"please use chrome browser", r"accessible video player",
            r"(your )?browser does not support (the )?(video|audio|html5)", r"enable javascript",
            r"video (is )?(loading|unavailable)", r"ihr browser unterstützt",
            r"votre navigateur ne", r"tu navegador no", r"seu navegador não",
            r"ваш браузер не поддерживает", r"ваш браузер не підтримує", r"twoja przeglądarka nie",
            r"tarayıcınız", r"متصفحك لا", r"您的浏览器不支持", r"お使いのブラウザ",
        ),
    },
    "nav": {
        "whole": (
            r"back to top( button)?", r"advertisement", r"advertising", r"sponsored( content)?",
            r"ad", r"skip to (main )?content", r"menu", r"search", r"close", r"loading\.*",
            r"scroll to continue.*", r"continue reading( below)?",
            r"(story|article) continues below.*", r"order reprints", r"print article", r"text size",
            r"thank you", r"anzeige", r"werbung", r"publicité", r"publicidad", r"pubblicità",
            r"publicidade", r"реклама", r"reklama", r"reklam", r"إعلان", r"广告", r"広告",
            r"zurück nach oben", r"retour en haut", r"volver arriba", r"наверх", r"tags?",
            r"topics", r"source", r"by",
            r"(categories|categorias|categorie|catégories|kategorien|категории|рубрики)",
        ),
        "prefix": (
            r"home\s*[>/»›|]", r"Home[A-Z]{3,}",
        ),
        "inside": (
            r"an error (has )?occurred", r"this article has been sent to",
        ),
    },
    "legal": {
        "prefix": (
            r"copyright\b", r"\(c\) \d{4}", r"©",
        ),
        "inside": (
            r"all rights reserved", r"copyright\s*(©|\(c\))?\s*\d{4}", r"©\s*\d{4}",
            r"for (your )?personal,? non-commercial use", r"may not be (published|reproduced)",
            r"distribution and use of this material", r"alle rechte vorbehalten",
            r"tous droits réservés", r"todos los derechos reservados", r"tutti i diritti riservati",
            r"todos os direitos reservados", r"все права защищены", r"всі права захищені",
            r"wszelkie prawa zastrzeżone", r"tüm hakları saklıdır", r"جميع الحقوق محفوظة", r"版权所有",
            r"無断(転載|複写)", r"무단 ?전재", r"재배포 금지",
        ),
    },
    "credit": {
        "whole": (
            r"(getty images|shutterstock|istock(photo)?|ap photo|afp|reuters|dpa|epa|imago)",
        ),
        "prefix": (
            r"(photo|image|picture|pic|photograph|illustration|credit|graphic|photos)s?"
            r"( credit)?\s*[:：]",
            r"(photo|image) (by|courtesy)", r"\[사진\s*=", r"(foto|bild|bildquelle|fotos)\s*[:：]",
            r"cr[ée]dits?( photo)?\s*[:：]", r"(imagen|fotografía|crédito)\s*[:：]",
            r"(imagem|créditos?)\s*[:：]", r"(фото|иллюстрация|ілюстрація|світлина)\s*[:：]",
            r"(fot\.|zdjęcie\s*:)", r"(fotoğraf|görsel)\s*[:：]", r"(صورة|الصورة|تصوير)\s*[:：]",
            r"(图片?|摄影|图片来源)\s*[:：]", r"(写真|撮影|画像)\s*[:：]", r"\(?(reporting|writing|editing) by",
            r"additional reporting by",
        ),
        "inside": (
            r"getty images", r"\bap photo\b", r"shutterstock", r"©\s*\w",
        ),
    },
    "contact": {
        "prefix": (
            r"(write|email|e-mail|contact|reach) (to )?.{1,40} (at|on) \S+@",
            r"(follow|like) .{1,50}? on (twitter|facebook|instagram|x|youtube)", r"follow (us|@)",
            r"have a tip\?", r"folgen sie (uns|\S+) (auf|bei)", r"suivez(-nous)? (sur|@)",
            r"síguenos en", r"seguici su", r"siga-nos", r"(следите за нами|подписывайтесь на нас)",
            r"(стежте|слідкуйте) за нами", r"obserwuj nas", r"bizi takip edin", r"تابعونا", r"关注我们",
            r"フォローする",
        ),
        "inside": (
            r"\S+@\S+\.\w+ or follow", r"follow (him|her|us) on twitter @",
        ),
    },
    "tags": {
        "prefix": (
            r"(tags|schlagwörter|étiquettes|etiquetas|теги|метки|tagi|etiketler)\s*[:：]",
            r"(filed under|posted in|categor(y|ies)|categoria)\s*[:：]", r"(الوسوم|标签|タグ)\s*[:：]",
        ),
    },
}
# fmt: on

# Longest line (in words) each kind of rule may condemn: prompts are short, prose is not.
MAX_WORDS = {"whole": 12, "prefix": 30, "inside": 25}

# Headings that open a block of teasers or promos running until real prose resumes.
BLOCK_CATEGORIES = frozenset({"related", "subscribe", "app", "comments", "donate"})

# Categories whose whole-line headings also work as "Heading: text" labels.
LABELLED = frozenset({"related"})

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_EDGE = re.compile(r"^[\s\W_]+|[\s\W_]+$")


def _compile() -> dict[str, dict[str, re.Pattern[str]]]:
    out: dict[str, dict[str, re.Pattern[str]]] = {}
    for category, kinds in RULES.items():
        out[category] = {}
        for kind, patterns in kinds.items():
            if kind == "prefix" and category in LABELLED:
                # a heading phrase followed by a colon labels a teaser: "Lire aussi : <title>"
                patterns = tuple(patterns) + tuple(rf"(?:{w})\s*[:：]" for w in kinds["whole"])
            body = "|".join(f"(?:{p})" for p in patterns)
            if kind == "whole":
                source = rf"^(?:{body})$"
            elif kind == "prefix":
                source = rf"^(?:{body})"
            else:
                source = rf"(?:{body})"
            out[category][kind] = re.compile(source)
    return out


_COMPILED = _compile()


def squash(line: str) -> str:
    """Collapsed whitespace, trimmed: the form kept text takes (characters untouched, so
    quotes and figures stay verbatim, full-width CJK punctuation included)."""
    return " ".join(line.split())


def normalise(line: str) -> str:
    """NFKC, collapsed whitespace, trimmed: the form every rule and template sees."""
    if not unicodedata.is_normalized("NFKC", line):
        line = unicodedata.normalize("NFKC", line)
    return " ".join(line.split())


def word_count(line: str) -> int:
    """Words in a line, counting two CJK characters as one word."""
    return max(len(line.split()), len(_CJK.findall(line)) // 2)


def classify(line: str) -> str | None:
    """The clutter category of one line, or None when it looks like article text."""
    text = normalise(line)
    if not text:
        return None
    lower = text.lower().replace("\u0307", "")  # Turkish "İ" lowers to "i" + a combining dot
    bare = _EDGE.sub("", lower)
    words = word_count(text)
    for category, kinds in _COMPILED.items():
        for kind, pattern in kinds.items():
            if words > MAX_WORDS[kind]:
                continue
            # "Home" breadcrumbs need their capitals, so the prefix rules also see the raw case
            subject = bare if kind == "whole" else lower
            if pattern.search(subject) or (kind == "prefix" and pattern.search(text)):
                return category
    return None
