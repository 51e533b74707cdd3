"""Word lists and regex building blocks the detectors share.

Every pattern here is linear: alternations of literal words, bounded repeats of
single tokens, no nested quantifiers over overlapping classes, so no input can
make a match backtrack catastrophically.
"""
from __future__ import annotations

import re

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "dozen": 12}
GROUP_WORDS = {"pair": 2, "couple": 2, "trio": 3, "quartet": 4, "dozen": 12}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
ORDINAL_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"|\d{1,3}(?:st|nd|rd|th)"
NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY = "|".join(WEEKDAYS)

MILITARY_RANKS = {"general": "General", "gen": "General", "gen.": "General", "colonel": "Colonel",
                  "col": "Colonel", "col.": "Colonel", "lieutenant": "Lieutenant", "lt": "Lieutenant",
                  "lt.": "Lieutenant", "major": "Major", "maj": "Major", "maj.": "Major", "captain": "Captain",
                  "capt": "Captain", "capt.": "Captain", "admiral": "Admiral", "adm.": "Admiral",
                  "marshal": "Marshal", "field marshal": "Field Marshal", "brigadier": "Brigadier",
                  "sergeant": "Sergeant", "sgt": "Sergeant", "commander": "Commander", "lieutenant colonel":
                  "Lieutenant Colonel", "lieutenant general": "Lieutenant General", "major general": "Major General",
                  "brigadier general": "Brigadier General"}
# Titles and posts that stand before a name ("Energy Minister Sergey Tsivilev", "CEO Irek Salikhov").
OFFICE_WORDS = ("President", "Vice President", "Vice-President", "Prime Minister", "Minister", "Secretary",
                "Secretary-General", "Secretary General", "Chancellor", "King", "Queen", "Prince", "Princess",
                "Senator", "Governor", "Mayor", "Ambassador", "Chairman", "Chairwoman", "Chair", "CEO",
                "Chief Executive", "Chief Executive Officer", "Managing Director", "Director", "Director-General",
                "Director General", "Commissioner", "Judge", "Justice", "Spokesman", "Spokeswoman", "Spokesperson",
                "Speaker", "Premier", "Emir", "Sheikh", "Pope", "Professor", "Prof.", "Dr.", "Dr", "Deputy",
                "Head", "Founder", "Chief", "Envoy", "Representative", "Rep.", "Sen.", "Gov.", "Treasurer",
                "Attorney General", "General Secretary", "Leader", "Foreign Minister", "Finance Minister",
                "Defence Minister", "Defense Minister", "Energy Minister", "Interior Minister")
TITLE_WORD = "|".join(re.escape(word) for word in sorted({*OFFICE_WORDS, *(w.title() for w in MILITARY_RANKS),
                                                        "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "Adm"},
                                                       key=len, reverse=True))
TITLE_TOKENS = frozenset(part.lower().rstrip(".") for word in (*OFFICE_WORDS, *MILITARY_RANKS)
                         for part in word.replace("-", " ").split())

SPEECH_VERBS = ("said", "says", "noted", "notes", "stated", "states", "told", "announced", "announces",
                "confirmed", "confirms", "added", "adds", "explained", "emphasized", "emphasised", "stressed",
                "insisted", "argued", "claimed", "claims", "warned", "acknowledged", "admitted", "declared",
                "reported", "indicated", "indicates", "praised", "described", "highlighted", "underlined",
                "denied", "denies", "revealed", "wrote", "writes", "tweeted", "posted", "asserted", "maintained",
                "estimated", "predicted", "promised", "pledged", "vowed", "suggested", "observed", "remarked",
                "commented", "replied", "responded", "urged", "called", "welcomed")
SPEECH_VERB = "|".join(SPEECH_VERBS)

# Country adjectives and the country they name: "Russian-backed", "a Swiss company".
DEMONYMS = {"afghan": "Afghanistan", "algerian": "Algeria", "american": "United States", "angolan": "Angola",
            "argentine": "Argentina", "australian": "Australia", "austrian": "Austria", "belgian": "Belgium",
            "beninese": "Benin", "brazilian": "Brazil", "british": "United Kingdom", "burkinabe": "Burkina Faso",
            "burkinabé": "Burkina Faso", "cameroonian": "Cameroon", "canadian": "Canada", "chadian": "Chad",
            "chilean": "Chile", "chinese": "China", "congolese": "Congo", "danish": "Denmark", "dutch":
            "Netherlands", "egyptian": "Egypt", "emirati": "United Arab Emirates", "ethiopian": "Ethiopia",
            "finnish": "Finland", "french": "France", "gabonese": "Gabon", "german": "Germany", "ghanaian":
            "Ghana", "greek": "Greece", "guinean": "Guinea", "indian": "India", "indonesian": "Indonesia",
            "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel", "italian": "Italy",
            "ivorian": "Côte d'Ivoire", "japanese": "Japan", "kenyan": "Kenya", "korean": "South Korea",
            "libyan": "Libya", "malian": "Mali", "mauritanian": "Mauritania", "mexican": "Mexico",
            "moroccan": "Morocco", "mozambican": "Mozambique", "nigerian": "Nigeria", "nigerien": "Niger",
            "norwegian": "Norway", "pakistani": "Pakistan", "polish": "Poland", "portuguese": "Portugal",
            "qatari": "Qatar", "russian": "Russia", "rwandan": "Rwanda", "saudi": "Saudi Arabia",
            "senegalese": "Senegal", "south african": "South Africa", "spanish": "Spain", "sudanese": "Sudan",
            "swedish": "Sweden", "swiss": "Switzerland", "syrian": "Syria", "tanzanian": "Tanzania",
            "togolese": "Togo", "tunisian": "Tunisia", "turkish": "Turkey", "ugandan": "Uganda",
            "ukrainian": "Ukraine", "venezuelan": "Venezuela", "vietnamese": "Vietnam", "zambian": "Zambia",
            "zimbabwean": "Zimbabwe"}
DEMONYM = "|".join(sorted((word.title() for word in DEMONYMS if " " not in word), key=len, reverse=True))

# Capitalised words that open sentences or headlines without being names.
NOT_NAMES = frozenset("""
a an the this that these those there their they them then thus this he she it its we our us you your i my
in on at by for from with without within into onto of off over under after before during since until while
as if when where which who whom whose what why how and or but nor so yet also although though because
however meanwhile moreover furthermore nevertheless nonetheless despite beyond among amid amidst together
another other others several many most more some any each every all both either neither no not none
yes read also leave required your email updated published posted share comments related advertisement
mr mrs ms dr according speaking following toward towards against about around across along above below
one two three four five six seven eight nine ten first second third last next new old former
western eastern northern southern african european asian arab latin global international national
mw gw kw kwh mwh gwh twh km kg usd eur gdp ceo
today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
""".split())

LINKING_WORDS = frozenset({"of", "de", "du", "des", "la", "le", "al", "el", "bin", "ibn", "van", "von", "der",
                           "den", "da", "dos", "do", "di", "y", "for", "and"})
