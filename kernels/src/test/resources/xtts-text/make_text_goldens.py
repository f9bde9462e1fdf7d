#!/usr/bin/python3
"""Writes text-goldens.tsv: (language, input, expected) rows for the XTTS text front end.

The expected text is what Coqui's XTTS v2 tokenizer (TTS/tts/layers/xtts/tokenizer.py,
`multilingual_cleaners`) makes of the input before BPE, re-implemented here from a reading of
that file, with num2words doing the numbers exactly as Coqui calls it: `num2words(int)`,
`num2words(int, ordinal=True)`, `num2words(float)` for decimals and
`num2words(float, to="currency", currency=...)` inside a try that swallows every error of the
three currency passes. Czech goes to num2words as "cz", as Coqui's release did (the Debian
num2words 0.5.10 has no "cs"). Korean rows stop before hangul_romanize (the Java test checks
the normalised Hangul; romanisation is ICU's there, see README).

Hungarian and Hindi: num2words 0.5.10 has neither, so rows of theirs that hold digits are
dropped (listed on stderr) rather than given an expectation nobody computed.

Chinese and Japanese go through pypinyin / cutlet in Coqui, which Debian does not package.
Their expectations are written here by hand, each from a named source (see ZH and JA below).

Run: /usr/bin/python3 make_text_goldens.py  (from this directory; rewrites text-goldens.tsv)
Needs python3-num2words (Debian 0.5.10-2); no network.
"""
import re
import sys

from num2words import num2words

# ---------------------------------------------------------------------------------------------
# Coqui's cleaners, step by step (own code, written from a reading of tokenizer.py).

ABBREVIATIONS = {
    "en": {"mrs": "misess", "mr": "mister", "dr": "doctor", "st": "saint", "co": "company",
           "jr": "junior", "maj": "major", "gen": "general", "drs": "doctors",
           "rev": "reverend", "lt": "lieutenant", "hon": "honorable", "sgt": "sergeant",
           "capt": "captain", "esq": "esquire", "ltd": "limited", "col": "colonel",
           "ft": "fort"},
    "es": {"sra": "señora", "sr": "señor", "dr": "doctor", "dra": "doctora", "st": "santo",
           "co": "compañía", "jr": "junior", "ltd": "limitada"},
    "fr": {"mme": "madame", "mr": "monsieur", "dr": "docteur", "st": "saint",
           "co": "compagnie", "jr": "junior", "ltd": "limitée"},
    "de": {"fr": "frau", "dr": "doktor", "st": "sankt", "co": "firma", "jr": "junior"},
    "pt": {"sra": "senhora", "sr": "senhor", "dr": "doutor", "dra": "doutora", "st": "santo",
           "co": "companhia", "jr": "júnior", "ltd": "limitada"},
    "it": {"sig": "signore", "dr": "dottore", "st": "santo", "co": "compagnia",
           "jr": "junior", "ltd": "limitata"},
    "pl": {"p": "pani", "m": "pan", "dr": "doktor", "sw": "święty", "jr": "junior"},
    "ar": {},
    "cs": {"dr": "doktor", "ing": "inženýr", "p": "pan"},
    "nl": {"dhr": "de heer", "mevr": "mevrouw", "dr": "dokter", "jhr": "jonkheer"},
    "tr": {"b": "bay", "byk": "büyük", "dr": "doktor"},
    "hu": {"dr": "doktor", "b": "bácsi", "nőv": "nővér"},
    "ko": {},
    "hi": {},
}
# Russian abbreviations are matched between word boundaries, with no dot.
RU_ABBREVIATIONS = {"г-жа": "госпожа", "г-н": "господин", "д-р": "доктор"}

# Symbol words per language, in Coqui's order & @ % # $ £ °.
SYMBOLS = {
    "en": ["and", "at", "percent", "hash", "dollar", "pound", "degree"],
    "es": ["y", "arroba", "por ciento", "numeral", "dolar", "libra", "grados"],
    "fr": ["et", "arobase", "pour cent", "dièse", "dollar", "livre", "degrés"],
    "de": ["und", "at", "prozent", "raute", "dollar", "pfund", "grad"],
    "pt": ["e", "arroba", "por cento", "cardinal", "dólar", "libra", "graus"],
    "it": ["e", "chiocciola", "per cento", "cancelletto", "dollaro", "sterlina", "gradi"],
    "pl": ["i", "małpa", "procent", "krzyżyk", "dolar", "funt", "stopnie"],
    "ar": ["و", "على", "في المئة", "رقم", "دولار", "جنيه", "درجة"],
    "cs": ["a", "na", "procento", "křížek", "dolar", "libra", "stupně"],
    "ru": ["и", "собака", "процентов", "номер", "доллар", "фунт", "градус"],
    "nl": ["en", "bij", "procent", "hekje", "dollar", "pond", "graden"],
    "tr": ["ve", "at", "yüzde", "diyez", "dolar", "sterlin", "derece"],
    "hu": ["és", "kukac", "százalék", "kettőskereszt", "dollár", "font", "fok"],
    "ko": ["그리고", "에", "퍼센트", "번호", "달러", "파운드", "도"],
    "hi": ["और", "ऐट दी रेट", "प्रतिशत", "हैश", "डॉलर", "पाउंड", "डिग्री"],
}

ORDINAL = {
    "en": r"([0-9]+)(st|nd|rd|th)",
    "es": r"([0-9]+)(º|ª|er|o|a|os|as)",
    "fr": r"([0-9]+)(º|ª|er|re|e|ème)",
    "de": r"([0-9]+)(st|nd|rd|th|º|ª|\.(?=\s|$))",
    "pt": r"([0-9]+)(º|ª|o|a|os|as)",
    "it": r"([0-9]+)(º|°|ª|o|a|i|e)",
    "pl": r"([0-9]+)(º|ª|st|nd|rd|th)",
    "ar": r"([0-9]+)(ون|ين|ث|ر|ى)",
    "cs": r"([0-9]+)\.(?=\s|$)",
    "ru": r"([0-9]+)(-й|-я|-е|-ое|-ье|-го)",
    "nl": r"([0-9]+)(de|ste|e)",
    "tr": r"([0-9]+)(\.|inci|nci|uncu|üncü)",
    "hu": r"([0-9]+)(\.|adik|edik|odik|ödik|ödike|ik)",
    "ko": r"([0-9]+)(번째|번|차|째)",
    "hi": r"([0-9]+)(st|nd|rd|th)",
}

# The word that joins units and cents in num2words' currency output, per language.
CURRENCY_AND = {"es": " con ", "fr": " et ", "de": " und ", "pt": " e ", "it": " e "}


def n2w_lang(lang):
    return "cz" if lang == "cs" else lang


def currency_words(text, lang, code):
    amount = float(re.sub(r"[^\d.]", "", text.replace(",", ".")))
    words = num2words(amount, to="currency", currency=code, lang=n2w_lang(lang))
    if amount.is_integer():
        cut = words.rfind(CURRENCY_AND.get(lang, ", "))
        if cut != -1:
            words = words[:cut]
    return words


def expand_numbers(text, lang):
    if lang in ("en", "ru"):
        text = re.sub(r"\b\d{1,3}(,\d{3})*(\.\d+)?\b", lambda m: m.group(0).replace(",", ""),
                      text)
    else:
        # The unescaped '.' is Coqui's: any character may sit between the digit groups.
        text = re.sub(r"\b\d{1,3}(.\d{3})*(\,\d+)?\b", lambda m: m.group(0).replace(".", ""),
                      text)
    currencies = [("GBP", r"£[0-9.,]*[0-9]+|[0-9.,]*[0-9]+£"),
                  ("USD", r"\$[0-9.,]*[0-9]+|[0-9.,]*[0-9]+\$"),
                  ("EUR", r"[0-9.,]*[0-9]+€|€[0-9.,]*[0-9]+")]
    try:
        for code, pattern in currencies:
            text = re.sub(pattern, lambda m: currency_words(m.group(0), lang, code), text)
    except Exception:  # Coqui's bare except: one failing currency skips the ones after it
        pass
    if lang != "tr":
        text = re.sub(r"[0-9]+[.,][0-9]+",
                      lambda m: num2words(float(m.group(0).replace(",", ".")),
                                          lang=n2w_lang(lang)), text)
    text = re.sub(ORDINAL[lang],
                  lambda m: num2words(int(m.group(1)), ordinal=True, lang=n2w_lang(lang)), text)
    return re.sub(r"[0-9]+", lambda m: num2words(int(m.group(0)), lang=n2w_lang(lang)), text)


def expand_abbreviations(text, lang):
    if lang == "ru":
        for short, full in RU_ABBREVIATIONS.items():
            text = re.sub(r"\b%s\b" % short, full, text, flags=re.IGNORECASE)
        return text
    for short, full in ABBREVIATIONS[lang].items():
        text = re.sub(r"\b%s\." % short, full, text, flags=re.IGNORECASE)
    return text


def expand_symbols(text, lang):
    for symbol, word in zip("&@%#$£°", SYMBOLS[lang]):
        text = text.replace(symbol, " %s " % word)
        text = text.replace("  ", " ")
    return text.strip()


def cleaners(text, lang):
    text = text.replace('"', "")
    if lang == "tr":
        text = text.replace("İ", "i").replace("Ö", "ö").replace("Ü", "ü")
    text = text.lower()
    text = expand_numbers(text, lang)
    text = expand_abbreviations(text, lang)
    text = expand_symbols(text, lang)
    return re.sub(r"\s+", " ", text)


# ---------------------------------------------------------------------------------------------
# Inputs. Each language covers cardinals, ordinals, decimals, currencies, percentages,
# abbreviations, symbols and times (as Coqui reads them: "10:30" is two numbers).

SENTENCES = {
    "en": ["In 2024 we moved.", "There were 50 soldiers.", "This is the 1st test.",
           "She came 2nd and he came 23rd.", "It took 12.5 seconds.", "That's 100,000.5 units.",
           "That will be $20, sir.", "That will be 20.15€ sir.", "I owe you £3.50.",
           "Pay $1,000 now.", "I have 14% battery.", "It is 7° outside.", "Tom & Jerry",
           "Mail me @ home.", "Press # twice.", "Mr. Smith met Dr. Jones.",
           "Mrs. Brown lives on St. James street.", "Capt. Hook and Lt. Dan", "Meet at 10:30.",
           "The train leaves at 7:05.", "Call 911 now!", "He said \"Hello\" to me.",
           "Chapter 101 has 1001 pages.", "It costs 0.5 dollars.", "Pi is 3.14."],
    "es": ["En 2024 nos mudamos.", "Había 50 soldados.", "Este es el 1º intento.",
           "Llegó la 2ª vez.", "Tardó 12,5 segundos.", "Son 100.000 personas.",
           "Eso cuesta $20 señor.", "Eso cuesta 20,15€ señor.", "Te debo £3.",
           "Tengo 14% de batería.", "Hace 7° fuera.", "Juan & María", "Te veo @ la fiesta.",
           "Pulsa # dos veces.", "La Sra. García y el Sr. López", "La Dra. Martínez llegó.",
           "Nos vemos a las 10:30.", "El tren sale a las 7:05.", "Llama al 112.",
           "Dijo \"hola\" y se fue.", "Hay 1001 noches.", "Cuesta 0,5 euros.",
           "Te debo £3 y $5.", "Pi es 3,14."],
    "fr": ["En 2024 nous avons déménagé.", "Il y avait 50 soldats.", "C'est le 1er essai.",
           "Elle est arrivée 2e.", "En 12,5 secondes.", "Ce sera 100.000,5.",
           "Cela fera $20 monsieur.", "Cela fera 20,15€ monsieur.", "Je te dois £3.",
           "J'ai 14% de batterie.", "Il fait 7° dehors.", "Tom & Jerry",
           "Écris-moi @ la maison.", "Appuie sur # deux fois.", "Mme. Moreau et Mr. Dupont",
           "Le Dr. Martin est là.", "Rendez-vous à 10:30.", "Le train part à 7:05.",
           "Appelle le 112.", "Il a dit \"bonjour\".", "Il y a 1001 nuits.", "Ça coûte 0,5 euro."],
    "de": ["Im Jahr 2024 zogen wir um.", "Es gab 50 Soldaten.", "Das ist der 1. Versuch",
           "Er wurde 3. im Rennen", "In 12,5 Sekunden.", "Das sind 100.000 Leute.",
           "Das macht $20 Herr.", "Das macht 20,15€ Herr.", "Ich schulde dir £3.",
           "Ich habe 14% Akku.", "Es sind 7° draußen.", "Max & Moritz",
           "Schreib mir @ zuhause.", "Drück zweimal #.", "Fr. Müller und Dr. Schmidt",
           "Wir wohnen in St. Pauli.", "Treffen um 10:30.", "Der Zug fährt um 7:05.",
           "Ruf 112 an!", "Er sagte \"Hallo\".", "Es gibt 1001 Nächte.", "Es kostet 0,5 Euro.", "Pi ist 3,14."],
    "pt": ["Em 2024 mudámos de casa.", "Havia 50 soldados.", "Este é o 1º teste.",
           "Ficou em 2ª posição.", "Em 12,5 segundos.", "São 100.000 pessoas.",
           "Isso custa $20 senhor.", "Isso custa 20,15€ senhor.", "Devo-te £3.",
           "Tenho 14% de bateria.", "Estão 7° lá fora.", "Ana & João",
           "O meu email é ana@gmail.com", "Carrega no # duas vezes.", "A Sra. Silva e o Sr. Costa",
           "A Dra. Costa chegou.", "Encontramo-nos às 10:30.", "O comboio parte às 7:05.",
           "Liga para o 112.", "Ele disse \"olá\".", "Há 1001 noites.", "Custa 0,5 euros.",
           "Custa $21."],
    "it": ["Nel 2024 ci siamo trasferiti.", "C'erano 50 soldati.", "Questo è il 1º tentativo.",
           "È arrivata 2ª.", "In 12,5 secondi.", "Sono 100.000 persone.",
           "Ti costerà $20 signore.", "Ti costerà 20,15€ signore.", "Ti devo £3.",
           "Ho il 14% di batteria.", "Fuori ci sono 7°.", "Gianni & Pinotto",
           "Scrivimi @ casa.", "Premi # due volte.", "Buongiorno, Sig. Rossi.",
           "Il Dr. Bianchi è qui.", "Ci vediamo alle 10:30.", "Il treno parte alle 7:05.",
           "Chiama il 112.", "Ha detto \"ciao\".", "Ci sono 1001 notti.", "Costa 0,5 euro."],
    "pl": ["W 2024 się przeprowadziliśmy.", "Było 50 żołnierzy.", "To 1st próba.",
           "W 12,5 sekundy.", "To 100.000 ludzi.", "To będzie kosztować 20€ panie.",
           "To będzie kosztować 20,15€ panie.", "Jestem ci winien £3.", "Mam 14% baterii.",
           "Na dworze jest 7°.", "Bolek & Lolek", "Napisz do mnie @ dom.",
           "Naciśnij # dwa razy.", "Dzień dobry, P. Kowalski.", "M. Nowak i Dr. Zieliński",
           "Spotkajmy się o 10:30.", "Pociąg odjeżdża o 7:05.", "Zadzwoń pod 112.",
           "Powiedział \"cześć\".", "Jest 1001 nocy.", "Kosztuje 0,5 euro.", "Mam 3 koty.",
           "Pi to 3,14.", "To 0,05 procent."],
    "ar": ["في عام 2024 انتقلنا.", "كان هناك 50 جنديًا.", "في الـ 12,5 ثانية.",
           "هناك 100.000 شخص.", "لدي 14% في البطارية.", "الحرارة 7° في الخارج.",
           "أحمد & علي", "راسلني @ البيت.", "اضغط # مرتين.", "لديه 3 أطفال.",
           "اتصل بـ 112 الآن.", "اللقاء في 10:30.", "القطار يغادر في 7:05.",
           "قال \"مرحبا\" ثم ذهب.", "هناك 1001 ليلة.", "الكتاب فيه 250 صفحة.",
           "عمري 21 سنة.", "اشتريت 99 قلمًا.", "هذا هو الاختبار.", "مرحبا بالعالم!",
           "كم الساعة؟"],
    "cs": ["V roce 2024 jsme se stěhovali.", "Bylo tam 50 vojáků.", "To je 1. pokus",
           "Za 12,5 vteřiny.", "Je tam 100.000 lidí.", "To bude stát 20€ pane.",
           "To bude 20,15€ pane.", "Dlužím ti £3.", "Mám 14% baterie.", "Venku je 7°.",
           "Pat & Mat", "Těším se na tebe @ party.", "Stiskni # dvakrát.", "P. Novák",
           "Dr. Vojtěch a Ing. Svoboda", "Sejdeme se v 10:30.", "Vlak jede v 7:05.",
           "Volej 112.", "Řekl \"ahoj\".", "Je 1001 nocí.", "Stojí to 0,5 eura.",
           "Volej 112 hned!", "Sejdeme se v 10:30 u vchodu.", "Mám 3 kočky.", "Dlužím ti £3 a $5.",
           "Je mi 21 let.", "Přišlo 250 lidí.", "Pí je 3,14."],
    "ru": ["В 2024 мы переехали.", "Там было 50 солдат.", "Это 1-й раз.",
           "Через 12.5 секунды.", "Там 100,000 человек.", "Это будет 20.15€ сэр.",
           "Это будет стоить 20€ господин.", "Я должен тебе £3.", "У меня 14% заряда.",
           "На улице 7°.", "Том & Джерри", "Я буду @ дома.", "Нажми # дважды.",
           "Здравствуйте Г-н Иванов.", "Д-р Смирнов здесь.", "Встретимся в 10:30.",
           "Поезд уходит в 7:05.", "Звони 112.", "Он сказал \"привет\".", "Есть 1001 ночь.",
           "Это стоит 0.5 евро.", "Число пи 3.14.", "Это £3 и $5."],
    "nl": ["In 2024 zijn we verhuisd.", "Er waren 50 soldaten.", "Dit is de 1ste poging.",
           "Hij werd 2de.", "In 12,5 seconden.", "Er zijn 100.000 mensen.",
           "Dat wordt dan $20 meneer.", "Dat wordt dan 20,15€ meneer.", "Ik ben je £3 schuldig.",
           "Ik heb 14% batterij.", "Het is 7° buiten.", "Jan & Piet", "Ik zie je @ het feest.",
           "Druk twee keer op #.", "Dhr. Jansen en Mevr. de Vries", "Dr. Bakker is er.",
           "Tot 10:30.", "De trein vertrekt om 7:05.", "Bel 112.", "Hij zei \"hallo\".",
           "Er zijn 1001 nachten.", "Het kost 0,5 euro."],
    "tr": ["2024 yılında taşındık.", "50 asker vardı.", "Bu 1. test", "12,5 saniye içinde.",
           "Orada 100.000 kişi var.", "Bu $20 tutar.", "Bu 20€ tutar.", "Pilim %14 dolu.",
           "Dışarıda 7° var.", "Ali & Veli", "Bana @ evde yaz.", "# tuşuna iki kez bas.",
           "Merhaba B. Yılmaz.", "Dr. Ayşe burada.", "İstanbul'da Ömer ve Ülkü",
           "10:30'da buluşalım.", "Tren 7:05'te kalkıyor.", "112'yi ara.",
           "\"Merhaba\" dedi.", "1001 gece var.", "Bugün 3 kitap okudum.", "Saat 9 oldu."],
    "hu": ["Dr. Szabó itt van.", "B. Kovács és Nőv. Anna", "Tom & Jerry", "Írj nekem @ otthon.",
           "Nyomd meg kétszer a # gombot.", "Kint hideg van, pár ° csak.",
           "A \"helló\" szót mondta.", "Ez az első teszt.", "Jó napot kívánok!",
           "Hogy vagy?", "Szeretem a zenét & a táncot.", "A fizetés £-ban történik.",
           "Az ár $-ban van megadva.", "A kamat % alapon számol.", "Dr. Nagy és Dr. Kiss",
           "Köszönöm szépen.", "Budapest gyönyörű város.", "Holnap találkozunk.",
           "A vonat késik.", "ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP", "50 katona volt.", "12,5 másodperc alatt."],
    "ko": ["2024년에 이사했다.", "50 명의 병사가 있었다.", "이것은 1 번째 테스트입니다",
           "12.5 초 안에.", "100,000 명이 있다.", "배터리 잔량이 14%입니다.", "밖은 7°이다.",
           "철수 & 영희", "나는 @ 집에 있다.", "# 버튼을 두 번 눌러라.", "10:30에 만나자.",
           "기차는 7:05에 떠난다.", "112에 전화해.", "그는 \"안녕\"이라고 말했다.",
           "1001 밤이 있다.", "사과 3 개를 샀다.", "오늘은 좋은 날이다.", "안녕하세요!",
           "감사합니다.", "0.5 킬로그램이다.", "21 살이다.", "$20 입니다."],
    "hi": ["नमस्ते दुनिया!", "राम & श्याम", "मुझे @ घर पर लिखो।", "# बटन दो बार दबाओ।",
           "बाहर बहुत ° ठंड है।", "उसने \"नमस्ते\" कहा।", "यह पहला परीक्षण है।",
           "आप कैसे हैं?", "मैं ठीक हूँ।", "धन्यवाद।", "कीमत $ में है।", "भुगतान £ में होगा।",
           "ब्याज % में है।", "मुझे संगीत पसंद है।", "कल मिलते हैं।", "ट्रेन देर से है।",
           "भारत एक बड़ा देश है।", "Dr. Sharma आ गए।", "यह किताब अच्छी है।",
           "हम Mr. & Mrs. Gupta से मिले।", "50 सैनिक थे।", "12.5 सेकंड में।"],
}

# Chinese, as Coqui's zh path would give it: zh_num2words turns digits into characters
# (cardinals, "点" decimals, "百分之" first for percentages), then pypinyin's TONE3 style with
# neutral_tone_with_five: one syllable per character, no spaces, tone 5 for the neutral tone,
# "v" for ü, everything that is not Han kept as it is. Readings are the standard Putonghua ones
# of the Xiandai Hanyu Cidian (the dictionary pypinyin's data follows), taken without tone
# sandhi as pypinyin gives them. The sentences avoid characters whose reading depends on the
# word (polyphones) and numbers where zh_num2words picks 两 over 二.
ZH = [
    ("你好", "ni3hao3"),
    ("你好，世界", "ni3hao3，shi4jie4"),
    ("我是学生。", "wo3shi4xue2sheng1。"),
    ("今天天气很好。", "jin1tian1tian1qi4hen3hao3。"),
    ("谢谢你！", "xie4xie4ni3！"),
    ("有50名士兵", "you3wu3shi2ming2shi4bing1"),
    ("在12.5秒内", "zai4shi2er4dian3wu3miao3nei4"),
    ("我有3本书。", "wo3you3san1ben3shu1。"),
    ("电量为14%", "dian4liang4wei2bai3fen1zhi1shi2si4"),
    ("他吃了5个苹果。", "ta1chi1le5wu3ge4ping2guo3。"),
    ("我们明天见。", "wo3men5ming2tian1jian4。"),
    ("女儿在学校。", "nv3er2zai4xue2xiao4。"),
    ("这是我的朋友。", "zhe4shi4wo3de5peng2you5。"),
    ("我爱中国。", "wo3ai4zhong1guo2。"),
    ("请喝茶。", "qing3he1cha2。"),
    ("他们在学习汉语。", "ta1men5zai4xue2xi2han4yu3。"),
    ("妈妈做饭。", "ma1ma5zuo4fan4。"),
    ("我有99块钱。", "wo3you3jiu3shi2jiu3kuai4qian2。"),
    ("书在桌子上。", "shu1zai4zhuo1zi5shang4。"),
    ("天很蓝。", "tian1hen3lan2。"),
    ("小猫很可爱。", "xiao3mao1hen3ke3ai4。"),
]

# Japanese, as Coqui's ja path gives it: cutlet's romaji, then lower-cased. cutlet reads each
# word's kana from the dictionary and maps it kana by kana in its "hepburn" table: vowels are
# written as the kana are ("benkyou", "gakkou": no long-vowel marks or collapsing), the particles
# は and へ read "wa" and "e", を stays "wo", こんにちは is the word's own kana ("konnichiha"),
# a few whole words have customary spellings ("tokyo"), words are separated by spaces except
# that auxiliaries join the verb before them ("ikimasu", but "desu" stands apart) and
# conjunctive particles join the word before ("futte"); 。 and ？ become "." and "?". The
# readings are the standard dictionary ones (IPADIC and UniDic agree on all of these). The
# sentences avoid katakana loanwords (cutlet swaps in their English spelling) and digits.
JA = [
    ("こんにちは", "konnichiha"),
    ("ありがとう", "arigatou"),
    ("私は学生です。", "watashi wa gakusei desu."),
    ("東京に行きます。", "tokyo ni ikimasu."),
    ("日本語を勉強します。", "nihongo wo benkyou shimasu."),
    ("今日は天気がいいです。", "kyou wa tenki ga ii desu."),
    ("猫が好きです。", "neko ga suki desu."),
    ("山に登りました。", "yama ni noborimashita."),
    ("水を飲みます。", "mizu wo nomimasu."),
    ("本を読みます。", "hon wo yomimasu."),
    ("先生が来ました。", "sensei ga kimashita."),
    ("駅はどこですか？", "eki wa doko desu ka?"),
    ("友達と話します。", "tomodachi to hanashimasu."),
    ("花が咲きました。", "hana ga sakimashita."),
    ("雨が降っています。", "ame ga futte imasu."),
    ("学校へ行きます。", "gakkou e ikimasu."),
    ("新しい車を買いました。", "atarashii kuruma wo kaimashita."),
    ("時間がありません。", "jikan ga arimasen."),
    ("魚を食べました。", "sakana wo tabemashita."),
    ("海は青いです。", "umi wa aoi desu."),
    ("明日会いましょう。", "ashita aimashou."),
]


def main():
    rows = []
    for lang, sentences in SENTENCES.items():
        for text in sentences:
            try:
                rows.append((lang, text, cleaners(text, lang)))
            except NotImplementedError:
                print("no num2words reference for %s: %s" % (lang, text), file=sys.stderr)
    rows += [("zh", text, expected) for text, expected in ZH]
    rows += [("ja", text, expected) for text, expected in JA]
    with open("text-goldens.tsv", "w", encoding="utf-8") as out:
        out.write("# language\tinput\texpected  (written by make_text_goldens.py)\n")
        for lang, text, expected in rows:
            for field in (text, expected):
                assert "\t" not in field and "\n" not in field, field
            out.write("%s\t%s\t%s\n" % (lang, text, expected))
    counts = {}
    for lang, _, _ in rows:
        counts[lang] = counts.get(lang, 0) + 1
    print(" ".join("%s=%d" % kv for kv in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
