"""Sound keys of names in any script, so "Hovland", "Ховланн", "ホブラン", "霍夫兰", "هوفلاند" meet.

A key keeps the consonant classes of a name (vowels dropped, similar sounds merged: b/p/f/v/w,
k/g/q, t/d, s/z/c/j/sh/ch, l/r, m/n), which is what survives transliteration between Latin,
Cyrillic, kana, Han phonetic characters and Arabic. It is only compared between names of one
story, where few people speak, so a coarse key is enough and a near match decides.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_CYRILLIC = dict(zip(
    "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "g", "d", "e", "e", "ie", "zh", "z", "i", "i", "i", "i", "k", "l", "m",
     "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
     "iu", "ia"], strict=True))
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω",
                  ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "ks", "o", "p",
                   "r", "s", "s", "t", "i", "f", "kh", "ps", "o"], strict=True))
# Katakana (hiragana is folded onto it): the consonant of each mora is what matters.
_KANA_ROWS = {
    "": "アイウエオァィゥェォ", "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サスセソ", "sh": "シ",
    "z": "ザズゼゾ", "j": "ジヂ", "t": "タテト", "ch": "チ", "ts": "ツ", "d": "ダデドヅ",
    "n": "ナニヌネノン", "h": "ハヒヘホ", "f": "フ", "b": "バビブベボヴ", "p": "パピプペポ",
    "m": "マミムメモ", "y": "ヤユヨャュョ", "r": "ラリルレロ", "w": "ワヲヮ",
}
_KANA = {k: v for v, ks in _KANA_ROWS.items() for k in ks}
# Han characters of the standard transliteration tables for foreign names (and common
# surnames), with their pinyin; enough to key a name, not to read a text.
_HAN_PINYIN = """
a阿 ai埃艾爱 an安 ang昂 ao奥澳 ba巴 bai拜白柏 ban班 bang邦 bao鲍保宝 bei贝 ben本 bi比彼碧毕
bian边 bin宾滨 bo波伯博勃泊 bu布卜 ca擦 cai蔡 can灿 cao曹 ce策 ci茨 cui崔 cha查察 chang昌
chao乔 che彻 chen陈 cheng成程 chi赤 chu楚丘 cong聪 da达 dai戴代 dan丹 dao道 de德 deng登邓
di迪蒂狄 dian典 ding丁 dong东 du杜都 dui堆 dun顿敦 duo多 e厄俄 en恩 er尔 fa法 fan范凡梵
fei菲费斐 fen芬 feng丰冯 fu弗福夫富 ga加嘎 gai盖 gan甘 gang冈 gao高 ge戈格哥 gen根 geng耿
gong贡 gu古谷 gua瓜 guan关 gui圭 guo郭 ha哈 hai海亥 han汉韩罕 hang杭 hao豪 he赫何和 hei黑
heng亨 hong洪 hu胡 hua华 huai怀 huang黄 hui惠辉 huo霍 ji吉基季济 jia加贾佳 jian简剑 jiang江姜
jie杰捷 jin金津 jing京 jiu久 ju居 ka卡 kai凯 kan坎 kang康 ke柯科克可 ken肯 kong孔 ku库
kua夸 kuan宽 kui奎 kun昆 kuo阔 la拉 lai莱赖 lan兰 lang朗 lao劳 le勒乐 lei雷蕾 leng冷 li里利莉丽
李黎 lian连莲 liang梁 lie列 lin林琳 ling灵 liu刘留 long隆龙 lou娄 lu卢鲁路陆 luo罗洛 lü吕 lun伦
ma马玛 mai迈麦 man曼 mang芒 mao毛茅 mei梅美 men门 meng蒙孟 mi米密 min敏 ming明 mo莫默摩
mu姆穆木 na纳娜 nai奈 nan南 nao瑙 nei内 ni尼妮倪 ning宁 niu纽 nu努 nuo诺 ou欧 pa帕 pai派
pan潘 pang庞 pei佩裴 peng彭 pi皮 ping平 po珀 pu普浦 qi奇齐琦 qian钱 qiao乔巧 qie切 qin钦秦
qiong琼 qiu丘秋 ran冉 rang让 re热 ren任 rong荣 ru茹儒 rui瑞 ruo若 sa萨 sai塞赛 san桑 sang桑
se瑟 sen森 sha沙莎 shan山珊 shang尚 she舍 shen申沈 sheng圣 shi施史士什 shu舒 si斯思 song松宋
su苏 sui隋 sun孙 suo索 ta塔 tai泰太 tan坦谭 tang汤唐 te特 teng滕腾 ti提 tian田 ting廷婷 tong通
tu图 tuo托 wa瓦 wai外 wan万 wang王旺 wei威韦维卫魏 wen温文 weng翁 wo沃 wu乌伍吴武 xi西希锡席
xia夏 xian先 xiang香 xiao肖萧 xie谢 xin辛欣 xing兴 xiong雄 xiu休修 xu许徐 xuan宣 ya亚雅 yan延严
yang扬杨 yao姚耀 ye耶叶 yi伊依易 yin因茵 ying英 yong永 you尤 yu于尤宇 yue约岳 yun云 za扎 zan赞
zang藏 ze泽 zeng曾 zha扎 zhan詹 zhang张章 zhao赵 zhe哲 zhen珍 zheng郑 zhi治芝志 zhong钟 zhou周
zhu朱祝 zhuo卓 zi兹 zong宗 zou邹 zuo佐左
"""
_PINYIN_INITIALS = (("zh", "j"), ("x", "s"), ("q", "ch"), ("c", "ts"))


def _pinyin_latin(syllable: str) -> str:
    for initial, latin in _PINYIN_INITIALS:
        if syllable.startswith(initial):
            return latin + syllable[len(initial):]
    return syllable


_HAN = {ch: _pinyin_latin(m[1]) for m in re.finditer(r"([a-zü]+)(\S+)", _HAN_PINYIN)
        for ch in m[2]}
_ARABIC = dict(zip("بپتثجچحخدذرزسشصضطظعغفقكگلمنهويىةءأإآؤئ",
                   ["b", "p", "t", "s", "j", "ch", "h", "kh", "d", "z", "r", "z", "s", "sh", "s",
                    "d", "t", "z", "", "g", "f", "k", "k", "g", "l", "m", "n", "h", "w", "y", "a",
                    "a", "", "a", "i", "a", "u", "i"], strict=True))
# Latin digraphs first, then letters, to one class each: P K T S L N H (vowels are dropped).
_DIGRAPHS = (("tsch", "S"), ("sch", "S"), ("shch", "S"), ("tch", "S"), ("dzh", "S"),
             ("ch", "S"), ("sh", "S"), ("zh", "S"), ("ts", "S"), ("tz", "S"), ("dh", "T"),
             ("th", "T"), ("kh", "H"), ("gh", "K"), ("ph", "P"), ("ck", "K"), ("qu", "K"),
             ("x", "KS"))
_CLASSES = {**dict.fromkeys("bpfvw", "P"), **dict.fromkeys("kgcq", "K"), **dict.fromkeys("td", "T"),
            **dict.fromkeys("szj", "S"), **dict.fromkeys("lr", "L"), **dict.fromkeys("mn", "N"),
            "h": "H"}
KEY_MATCH = 0.8  # similarity of two sound keys that name one person across scripts


def romanize(word: str) -> str:
    """A rough Latin spelling of a name written in any script ("ホブラン" -> "hoburan")."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", word.casefold()):
        if "\u3041" <= char <= "\u3096":
            char = chr(ord(char) + 0x60)  # hiragana -> katakana
        if char in "وي" and out:  # inside an Arabic word these mostly write long vowels
            out.append("u" if char == "و" else "i")
        elif char in "ィェォ" and out and out[-1] == "a":  # ウェ, ウィ: a "w" sound
            out[-1] = "wa"
        elif char in _KANA:
            out.append(_KANA[char] + "a")
        elif char == "ッ" or char == "ー":
            continue
        else:
            out.append(_CYRILLIC.get(char) or _GREEK.get(char) or _HAN.get(char)
                       or _ARABIC.get(char, char))
    return "".join(out)


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """The consonant classes of a name word, for matching across scripts ("Hovland" -> "HPLNT")."""
    if word.startswith(("ال", "al-", "el-")):  # the Arabic article is no part of the name
        word = word[2:] if word.startswith("ال") else word[3:]
    latin = unicodedata.normalize("NFKD", romanize(word)).encode("ascii", "ignore").decode()
    latin = re.sub(r"[^a-z]", "", latin.lower())
    latin = re.sub(r"c(?=[eiy])", "s", latin)  # Pryce, Vincent: a soft c
    for digraph, cls in _DIGRAPHS:
        latin = latin.replace(digraph, cls)
    key = "".join(_CLASSES.get(c, c if c.isupper() else "") for c in latin)
    return re.sub(r"(.)\1+", r"\1", key)


def keys_match(a: str, b: str) -> bool:
    """Whether two sound keys are close enough to be one name transliterated."""
    if not a or not b:
        return False
    if a == b:
        return len(a) >= 2
    return min(len(a), len(b)) >= 3 and SequenceMatcher(None, a, b).ratio() >= KEY_MATCH
