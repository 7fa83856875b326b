"""What numbers count, in the major news languages: units, currencies, counted nouns, roles.

Entries are case-folded word prefixes (Latin, Cyrillic) or substrings (Arabic, Han, kana);
data for figures.py.
"""

from __future__ import annotations

# Units written next to the number: (dimension, unit, forms). Checked before counted nouns.
UNITS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("percent", "%", ("%", "％", "per cent", "percent", "prozent", "pour cent", "por ciento",
                      "per cento", "por cento", "процент", "відсот", "procent", "بالمئة",
                      "في المئة", "بالمائة", "パーセント")),
    # basis points first: the generic "pontos" of percentage points would take "pontos-base"
    ("basis points", "bp", ("basis point", "basis-point", "puntos base", "punti base", "basispunkt",
                            "points de base", "point de base",
                            "punti base", "punti di base", "puntos básicos", "pontos-base",
                            "pontos base",
                            "базисн", "базових пункт", "baz puan", "punktów bazowych",
                            "نقطة أساس", "نقاط أساس", "个基点", "基点", "ベーシスポイント", "bps", "bp")),
    ("percentage points", "pp", ("percentage point", "prozentpunkt", "point de pourcentage",
                                 "points de pourcentage", "punto percentuale", "punti percentuali",
                                 "punto porcentual", "puntos porcentuales", "ponto percentual",
                                 "pontos percentuais", "процентного пункт", "процентных пункт",
                                 "відсоткового пункт", "puan", "punkt procentowy", "ponto",
                                 "pontos", "个百分点", "ポイント")),
    ("concentration", "mg/l", ("mg/l", "mg/л", "milligramm pro liter", "milligrammes par litre",
                               "milligrams per litre", "milligrams per liter",
                               "milligrammi per litro", "miligramos por litro",
                               "miligramas por litro", "мг/л", "毫克/升", "毫克每升")),
    ("concentration", "mg/l", ("milligram", "milligramm", "milligramme", "milligrammi",
                               "miligramo", "miligrama", "miligram", "миллиграм", "мілігр", "мг",
                               "مليغرام", "ملغ", "毫克", "ミリグラム")),
    ("concentration", "µg/l", ("µg/l", "μg/l", "micrograms per litre", "micrograms per liter",
                               "mikrogramm pro liter", "microgrammes par litre", "мкг/л")),
    ("area", "km²", ("km²", "km2", "square kilomet", "quadratkilomet", "kilomètres carrés",
                     "км²", "кв. км", "平方公里")),
    ("area", "ha", ("hectare", "hektar", "ettar", "hectárea", "hectare", "гектар", "га ", "ha ",
                    "ha.", "ha,", "هكتار", "公顷", "ヘクタール")),
    ("volume", "m³", ("m³", "m3", "cubic met", "kubikmeter", "mètres cubes", "metri cubi",
                      "metros cúbicos", "кубометр", "кубических метр", "кубічних метр",
                      "metreküp", "metrów sześciennych", "متر مكعب", "立方米", "立方メートル")),
    ("length", "km", ("km", "kilomet", "kilomè", "kilómet", "quilômet", "chilomet", "километр",
                      "кілометр",
                      "км", "كيلومتر", "كلم", "公里", "千米", "キロ")),
    ("mass", "t", ("tonne", "tonnen", "tonnellat", "tonelad", "tonn", "тонн", "тон", "ton ",
                   "طن", "أطنان", "吨", "トン")),
    ("mass", "kg", ("kg", "кг", "kilogram", "килограм", "кілограм", "كيلوغرام", "公斤", "キログラム")),
    ("mass", "g", ("gram", "gramm", "grammes", "grammi", "gramos", "gramas", "грамм", "грам",
                   "غرام", "克", "グラム")),
    ("ratio", "×", ("times", "mal ", "fois", "volte", "veces", "vezes", "раз", "разів", "kat",
                    "razy", "أضعاف", "مرة", "倍")),
    ("duration", "s", ("seconds", "sekunde", "secondes", "secondi", "segundos", "секунд",
                       "saniye", "sekund", "ثانية", "ثوان", "秒")),
    ("duration", "min", ("minute", "minuti", "minuto", "минут", "хвилин", "dakika", "دقيقة",
                         "分钟", "分間")),
    ("duration", "h", ("hour", "stunde", "heure", "ore ", "hora", "час", "годин", "saat", "godzin",
                       "ساعة", "ساعات", "小时", "時間")),
    ("duration", "d", ("day", "tage", "tagen", "jour", "giorni", "día", "dia", "дней", "дня",
                       "днів", "дні", "gün", "dni", "يوم", "أيام", "天", "日間")),
    ("temperature", "°C", ("°c", "°", "grad celsius", "degrees", "градус", "derece", "度")),
)

# Currencies: code -> forms before or after the number ("$25m", "25 млн долларов", "R$ 10").
CURRENCIES: dict[str, tuple[str, ...]] = {
    "BRL": ("r$", "reais", "real ", "реал"),
    "USD": ("us$", "$", "usd", "dollar", "доллар", "долар", "dólar", "dollari", "dolar", "دولار",
            "美元", "ドル"),
    "EUR": ("€", "eur", "euro", "евро", "євро", "يورو", "欧元", "ユーロ"),
    "GBP": ("£", "gbp", "pound", "pfund", "livre", "sterlin", "фунт", "إسترليني", "英镑", "ポンド"),
    "CNY": ("yuan", "юан", "人民币", "元"),
    "JPY": ("¥", "yen", "иен", "円"),
    "RUB": ("₽", "rubel", "rouble", "ruble", "rubl", "руб"),
    "UAH": ("₴", "hryvn", "гривен", "гривн", "грн"),
    "TRY": ("₺", "lira", "tl "),
    "EGP": ("egp", "جنيه"),
}

# Counted nouns: kind -> forms. A form is searched in the words right after the number (or
# before it in Japanese and Turkish order) and, for roles, anywhere close in the clause.
NOUNS: dict[str, tuple[str, ...]] = {
    "drones": ("drone", "drohne", "dron", "беспилот", "дрон", "безпілот", "iha", "مسير",
               "无人机", "無人機"),
    "missiles": ("missile", "rakete", "missil", "ракет", "füze", "rakiet", "صاروخ", "صواريخ",
                 "导弹", "ミサイル"),
    "countries": ("countr", "länder", "staaten", "nation", "pays", "paesi", "país", "paises",
                  "стран", "государств", "країн", "держав", "ülke", "kraj", "państw", "دولة", "دول",
                  "国家",
                  "个国", "か国", "カ国"),
    "prisoners": ("prisoner", "captive", "gefangen", "prisonnier", "prigionier", "prisioner",
                  "пленн", "полонен", "esir", "jeńc", "أسير", "أسرى", "战俘", "俘虏", "捕虜"),
    "buildings": ("building", "gebäude", "bâtiment", "immeuble", "edific", "edifíc", "здани",
                  "будин", "багатоповерх", "bina", "budyn", "مبنى", "مبان", "建筑", "楼", "棟",
                  "建物"),
    "homes": ("home", "house", "häuser", "wohnung", "maison", "logement", "case ", "casa", "домов",
              "жил", "житл", "konut", "dom", "vivienda", "منزل", "منازل", "房屋", "住宅", "民房", "家屋"),
    "households": ("household", "haushalt", "foyer", "famiglie", "hogar", "домохоз", "домогосп",
                   "hane", "gospodarstw", "أسرة", "户", "世帯"),
    "customers": ("customer", "client", "kund", "cliente", "клиент", "клієнт", "müşteri",
                  "klient", "عميل", "عملاء", "客户", "顧客"),
    "records": ("record", "datensätze", "données", "dati ", "registro", "registros", "запис",
                "kayıt", "rekord", "سجل", "记录", "件のデータ"),
    "employees": ("employee", "worker", "staff", "mitarbeiter", "beschäftigt", "arbeiter",
                  "salarié", "employé", "dipendent", "lavorator", "empleado", "trabajador",
                  "funcionári", "trabalhador", "сотрудник", "работник", "працівник", "співробіт",
                  "çalışan", "işçi", "pracownik", "موظف", "عامل", "员工", "工人", "従業員", "作業員"),
    "firefighters": ("firefighter", "feuerwehr", "pompier", "vigili del fuoco", "bombero",
                     "bombeiro", "пожарн", "пожежн", "itfaiye", "strażak", "إطفاء", "消防"),
    "rescuers": ("rescuer", "rescue worker", "retter", "helfer", "secouriste", "soccorritor",
                 "rescatist", "socorrist", "спасател", "рятувальник", "kurtarma", "ratownik",
                 "إنقاذ", "救援人员", "救援", "救助隊"),
    "tents": ("tent", "zelt", "tente", "tenda", "tienda", "barraca", "палат", "намет", "çadır",
              "namiot", "خيمة", "خيام", "帐篷", "テント"),
    "vehicles": ("vehicle", "fahrzeug", "véhicule", "veicol", "vehícul", "veícul", "машин",
                 "автомоб", "araç", "pojazd", "مركبة", "سيارة", "车辆", "車両"),
    "birds": ("bird", "vögel", "geflügel", "hühner", "oiseau", "volaille", "volatil", "uccell",
              "ave", "птиц", "птах", "kuş", "ptak", "طائر", "طيور", "禽", "只鸡", "羽", "鳥"),
    "farms": ("farm", "betrieb", "höfe", "ferme", "élevage", "allevament", "granja", "fazend",
              "ферм", "птицефабр", "птахофабр", "птицеферм", "птахоферм", "çiftlik", "مزرعة",
              "مزارع", "养殖场", "农场",
              "農場", "養鶏場"),
    "fish": ("fish", "fisch", "poisson", "pesc", "pez", "peces", "peixe", "рыб", "риб", "balık",
             "ryb", "سمك", "أسماك", "鱼", "魚"),
    "aftershocks": ("aftershock", "nachbeben", "réplique", "scoss", "réplica", "афтершок",
                    "поштовх", "artçı", "wstrząs", "ارتدادية", "余震"),
    "landslides": ("landslide", "erdrutsch", "hangrutsch", "glissement", "frana", "frane",
                   "deslizamiento", "deslizamento", "оползн", "зсув", "heyelan", "osuw", "انهيار",
                   "滑坡", "土砂崩れ"),
    "substations": ("substation", "umspannwerk", "sous-station", "sottostazion", "subestaci",
                    "subestaç", "postes électriques", "poste", "подстанц", "підстанц", "trafo",
                    "podstacj", "محطة", "变电站",
                    "変電所"),
    "tankers": ("tanker", "tankwagen", "citerne", "autobott", "cisterna", "caminhões-pipa",
                "водовоз", "цистерн", "cystern", "صهريج", "水车", "給水車"),
    "executives": ("executive", "manager", "cadre", "dirigent", "directiv", "menedżer",
                   "менеджер", "руководител", "керівник", "yönetici", "مدير", "مسؤول", "高管",
                   "幹部", "führungskr"),
    "soldiers": ("soldier", "servicem", "troops", "soldat", "militär", "soldad", "militar",
                 "военнослуж", "військовослуж", "військов", "солдат", "asker", "żołnierz",
                 "جندي", "جنود", "军人", "士兵", "兵士"),
    "people": ("people", "person", "resident", "civilian", "menschen", "personen", "einwohner",
               "bewohner", "zivilist", "personnes", "habitants", "civils", "persone", "abitanti",
               "civili", "personas", "habitantes", "civiles", "pessoas", "moradores", "civis",
               "человек", "людей", "люди", "жител", "мирных", "осіб", "мешкан", "цивіль", "kişi",
               "sivil", "osób", "ludzi", "mieszkańc", "cywil", "شخص", "أشخاص", "مواطن", "مدني",
               "anrainer", "anwohner", "nüfus", "نسمة", "人口", "citizen", "bürger", "citoyen",
               "cittadin", "ciudadan", "cidadã", "граждан", "громадян", "vatandaş", "obywatel",
               "人", "名"),
    "cases": ("case", "fälle", "fall", "cas", "casi", "casos", "случа", "випадк", "vaka",
              "przypad", "حالة", "حالات", "病例", "例"),
    "containers": ("container", "conteneur", "contenedor", "contêiner", "контейнер", "konteyner",
                   "kontener", "حاوية", "集装箱", "标箱", "コンテナ"),
    "ships": ("ship", "vessel", "schiff", "frachter", "navire", "bateau", "cargo", "buque",
              "barco", "nave", "navi", "navio", "судн", "суда", "корабл", "gemi", "statk",
              "سفينة", "سفن", "艘", "隻"),
}

# Kinds one quantity may be reported under ("95 prisoners" / "95 soldiers" in a swap).
FAMILIES: tuple[frozenset[str], ...] = (frozenset({"prisoners", "soldiers", "people"}),)

# Roles that say what happened to counted people (or things) — the words near the number.
ROLES: dict[str, tuple[str, ...]] = {
    "deaths": ("dead", "death", "killed", "killing", "died", "toll", "fatalit", "lives", "tote",
               "toten", "getötet", "ums leben", "starben", "morts", "mort ", "tués", "décès",
               "morti", "uccis", "uccid", "vittime", "muertos", "fallecid", "mortos", "morreram",
               "погиб", "убит", "жертв", "смерт", "загину", "загибл", "ölü", "hayatını",
               "öldü", "zabit", "zginęł", "ofiar", "قتل", "قتيل", "وفاة", "وفيات", "مصرع", "حتف",
               "死亡", "遇难", "丧生", "死者", "罹难"),
    "injured": ("injur", "wounded", "wounding", "hurt", "verletz", "verwundet", "blessé",
                "ferit", "ferend", "herid", "ferid", "ранен", "пострада", "поранен", "травм",
                "yaralı",
                "rann", "جريح", "جرحى", "مصاب", "إصاب", "受伤", "伤", "負傷", "けが"),
    "missing": ("missing", "vermisst", "disparu", "dispers", "desaparec", "пропал", "зник",
                "kayıp", "zaginion", "مفقود", "失踪", "行方不明"),
    "evacuated": ("evacu", "evakui", "évacu", "эваку", "евакуй", "tahliye", "ewaku", "إجلاء",
                  "撤离", "疏散", "避難"),
    "arrested": ("arrest", "suspect", "detain", "festgenommen", "verdächtig", "interpell",
                 "arrestat", "detenid", "sospech", "задерж", "подозрева", "затрим", "підозр",
                 "gözaltı", "şüpheli", "zatrzym", "podejrz", "اعتقال", "مشتبه", "逮捕", "嫌疑"),
    "downed": ("shot down", "downed", "intercept", "destroyed", "jammed", "neutrali",
               "abgeschossen", "abgefangen", "abgelenkt", "abgewehrt", "abbattut", "derribad",
               "abatid", "interceptad", "сбит", "сбил", "перехвач", "уничтож", "збит", "збил",
               "подавл", "знищ", "düşürül", "zestrzel", "أسقط", "اعترض", "击落", "拦截", "撃墜",
               "無力化"),
    "hit": ("struck", "hit ", "getroffen", "eingeschlagen", "atteint", "colpit", "alcanzad",
            "atingid", "влучи", "попал", "поразил", "isabet", "trafi", "أصاب", "击中", "命中"),
    "launched": ("launch", "fired", "lancé", "lanciat", "lanzad", "lançad", "abgefeuert", "feuert",
                 "setzte", "запусти", "випусти", "атакува", "fırlat", "wystrzel", "أطلق", "发射",
                 "発射"),
}

# Words that make a number an age ("58-year-old", "de 58 años", "15-річний"): not a figure.
AGE = ("year-old", "years old", "jährig", "jahre alt", "ans,", "años", "anni", "anos", "лет",
       "років", "річн", "yaşında", "lat,", "عاما", "岁", "歳")

# Words that set two figures against each other: one article giving two values of a kind
# with these near is reporting a dispute over one quantity, not two quantities. DISCREPANCY
# says so outright ("a discrepancy", "gehen auseinander", "食い違い"); CONTRAST only sets two
# sources side by side ("while", "quand", "一方") and counts when another article does too.
DISCREPANCY = (
    "discrepan", "differ", "disput", "depends on whom", "puts the figure", "put the figure",
    "larger number", "higher number", "lower death toll", "higher death toll", "auseinander",
    "widersprüch", "streit um", "divergen", "un chiffre que", "no coinciden", "rebaja la cifra",
    "scontro", "em disputa", "по разным оценкам", "расход", "розбіжн", "farklılık", "تتباين",
    "食い違", "開き",
)
CONTRAST = DISCREPANCY + (
    "while", "whereas", "however", "instead", "während", "dagegen", "hingegen", "spricht von",
    "sprach", "sprechen von", "quand", "alors que", "tandis que", "ramène", "aunque", "mientras",
    "en cambio", "invece", "mentre", "parlano", "enquanto", "тогда как", "оценил", "тоді як",
    "ederken", "ise", "açıklarken", "بينما", "في حين", "而", "则", "一方", "としており",
)


# What a side wants rather than what is: a union's demand and a company's offer are two
# quantities however close their numbers sit ("demands 9% while the company offers 4.5%").
STANCES: dict[str, tuple[str, ...]] = {
    "demanded": ("demand", "call for", "calls for", "seek", "fordert", "forderung", "verlang",
                 "exige", "réclame", "pide", "exig", "reclam", "chiede", "требу", "вимага",
                 "talep", "żąda", "يطالب", "مطالب", "要求", "求め"),
    "offered": ("offer", "propos", "bietet", "angebot", "offre", "ofrec", "propon", "oferec",
                "предлага", "пропону", "teklif", "oferuj", "عرض", "提出", "提示", "ısrar",
                "insist"),
}
