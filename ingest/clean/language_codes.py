"""Language names (English and native) -> ISO 639 code and the name the directory shows.

Code choices: ISO 639-1 where it exists, else ISO 639-3. Spoken Chinese varieties get their
own 639-3 codes because a Cantonese speaker and a Mandarin speaker cannot use each other's
service: Mandarin "cmn", Cantonese "yue", Taishanese "yue" (a Yue variety, no code of its
own), Taiwanese / Hokkien "nan"; plain "Chinese" (often meaning the written language) is
"zh". MACROLANGUAGE maps the varieties back to "zh" so a matcher can still relate them.
Filipino is "tl" (the 639-1 code of Tagalog, of which Filipino is the standard form). American Sign Language is "ase";
an unspecified "sign language" is "sgn" (the ISO 639-2 collective code).
"""

# code -> (display name, other spellings in lower case without accents)
LANGUAGES = {
    "en": ("English", "ingles", "inglés"), "es": ("Spanish", "espanol", "castellano"),
    "zh": ("Chinese", "中文", "汉语", "漢語", "华语", "華語", "chinese written"),
    "cmn": ("Mandarin", "mandarin chinese", "putonghua", "普通话", "普通話", "国语", "國語"),
    "yue": ("Cantonese", "cantonese chinese", "廣東話", "广东话", "粵語", "粤语",
            "taishanese", "toisanese", "toishanese"),
    "nan": ("Taiwanese Hokkien", "taiwanese", "hokkien", "min nan", "fukienese", "台語"),
    "tl": ("Tagalog", "filipino", "pilipino", "wikang tagalog"),
    "vi": ("Vietnamese", "tieng viet", "tiếng việt"), "ko": ("Korean", "한국어", "조선말"),
    "ru": ("Russian", "русский", "russkiy"), "ja": ("Japanese", "日本語", "nihongo"),
    "ar": ("Arabic", "العربية", "arabi"), "fa": ("Farsi", "persian", "فارسی"),
    "prs": ("Dari", "afghan persian"), "ps": ("Pashto", "pashtu", "پښتو"),
    "hi": ("Hindi", "हिन्दी", "हिंदी"), "pa": ("Punjabi", "panjabi", "ਪੰਜਾਬੀ"),
    "ur": ("Urdu", "اردو"), "bn": ("Bengali", "bangla", "বাংলা"), "gu": ("Gujarati",),
    "ta": ("Tamil", "தமிழ்"), "te": ("Telugu",), "mr": ("Marathi",), "ne": ("Nepali",),
    "km": ("Khmer", "cambodian", "ភាសាខ្មែរ"), "lo": ("Lao", "laotian"),
    "hmn": ("Hmong", "hmoob"), "ium": ("Mien", "iu mien", "yao"), "th": ("Thai", "ภาษาไทย"),
    "my": ("Burmese", "myanmar"), "kar": ("Karen",), "id": ("Indonesian", "bahasa indonesia"),
    "ms": ("Malay", "bahasa melayu"), "pt": ("Portuguese", "portugues"),
    "fr": ("French", "francais"), "ht": ("Haitian Creole", "kreyol", "kreyol ayisyen",
                                         "creole", "haitian"),
    "de": ("German", "deutsch"), "it": ("Italian", "italiano"), "pl": ("Polish", "polski"),
    "uk": ("Ukrainian", "українська"), "hy": ("Armenian", "հայերեն"), "el": ("Greek",),
    "he": ("Hebrew", "עברית"), "yi": ("Yiddish",), "ro": ("Romanian",), "tr": ("Turkish",),
    "sr": ("Serbian",), "hr": ("Croatian",), "bs": ("Bosnian",), "sq": ("Albanian",),
    "nl": ("Dutch",), "sv": ("Swedish",), "ku": ("Kurdish",), "so": ("Somali", "af soomaali"),
    "am": ("Amharic", "አማርኛ"), "ti": ("Tigrinya", "tigrigna"), "om": ("Oromo",),
    "sw": ("Swahili", "kiswahili"), "rw": ("Kinyarwanda",), "yo": ("Yoruba",), "ig": ("Igbo",),
    "to": ("Tongan", "lea faka tonga"), "sm": ("Samoan", "gagana samoa"),
    "ch": ("Chamorro",), "ilo": ("Ilocano", "ilokano", "iloko"), "ceb": ("Cebuano", "bisaya"),
    "mh": ("Marshallese",), "haw": ("Hawaiian",), "nv": ("Navajo", "dine"),
    "mix": ("Mixtec", "mixteco"), "zap": ("Zapotec", "zapoteco"), "quc": ("K'iche'", "kiche",
                                                                        "quiche"),
    "mam": ("Mam",), "kjb": ("Q'anjob'al", "qanjobal", "kanjobal"), "nah": ("Nahuatl",),
    "ase": ("American Sign Language", "asl", "ameslan"),
    "sgn": ("Sign language", "signing"), "mfs": ("Mexican Sign Language", "lsm"),
}

MACROLANGUAGE = {"cmn": "zh", "yue": "zh", "nan": "zh", "prs": "fa"}

def name_lookup():
    """Return lower-case name or code -> (code, display name)."""
    table = {}
    for code, (name, *others) in LANGUAGES.items():
        for key in (code, name.lower(), *others):
            table[key] = (code, name)
    return table
