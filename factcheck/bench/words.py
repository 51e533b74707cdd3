"""Words the synthetic corpus is made of: names of people, places, companies, outlets and facilities.

Every name is built from these pools by a seeded generator, and each folded spelling is
used once, so the registry never has two entities claiming one spelling.
"""
from __future__ import annotations

import random

from ..text import fold

FIRST_NAMES = ("Amadou", "Aïssata", "Boubacar", "Fatoumata", "Moussa", "Mariam", "Sergey", "Irina", "Oumar",
               "Kadiatou", "Ibrahim", "Awa", "Dmitri", "Olga", "Souleymane", "Hawa", "Modibo", "Djénéba",
               "Mikhail", "Tatiana", "Cheick", "Assétou", "Bakary", "Rokia", "Yacouba", "Nathalie", "Alexei",
               "Salif", "Oumou", "Seydou", "Ekaterina", "Mamadou", "Coumba", "Issa", "Adama", "Vladimir",
               "Lassana", "Kanté", "Abdoulaye", "Natalia", "Tiémoko", "Fanta", "Pavel", "Bintou", "Youssouf",
               "Anna", "Ousmane", "Nana", "Yuri", "Ramata")
LAST_NAMES = ("Traoré", "Keïta", "Diarra", "Coulibaly", "Koné", "Cissé", "Touré", "Sidibé", "Sangaré",
              "Dembélé", "Maïga", "Diallo", "Konaté", "Camara", "Sacko", "Doumbia", "Bagayoko", "Haïdara",
              "Ivanov", "Petrov", "Smirnov", "Volkov", "Kuznetsov", "Sokolov", "Lebedev", "Kozlov",
              "Novikov", "Morozov", "Salikhov", "Tsivilev", "Fofana", "Ballo", "Samaké", "Tangara",
              "Dicko", "Goïta", "Kané", "Bathily", "Niaré", "Djiré", "Guindo", "Tembely", "Dolo",
              "Ouologuem", "Togo", "Kassogué", "Sissoko", "Diakité", "Simpara", "Yattara")
SYLLABLES = ("ba", "ma", "ko", "se", "nou", "ka", "la", "di", "ga", "sou", "ti", "ya", "do", "ni", "fa",
             "ké", "ro", "mi", "wa", "zo", "bé", "na", "to", "sa", "ri", "go", "lo", "ha", "dja", "bou")
COMPANY_WORDS = ("Sahel", "Niger", "Atlas", "Baobab", "Meridian", "Aurum", "Volga", "Ural", "Savanna",
                 "Delta", "Kora", "Horizon", "Granite", "Falcon", "Nordic", "Orion", "Siberia", "Djoliba",
                 "Karst", "Lithos", "Copperline", "Sunbelt", "Tamarind", "Harmattan", "Ironwood")
COMPANY_SUFFIXES = ("Mining", "Resources", "Gold", "Energy", "Holdings", "Group", "Minerals", "Metals",
                    "Power", "Lithium")
FACILITY_FLAVOURS = (("gold refinery", "annual-capacity"), ("gold mine", "annual-capacity"),
                     ("lithium mine", "annual-capacity"), ("solar plant", "power-capacity"),
                     ("power station", "power-capacity"))
OUTLET_WORDS = ("Daily", "Weekly", "Courier", "Observer", "Tribune", "Herald", "Monitor", "Gazette",
                "Review", "Post", "Journal", "Dispatch", "Mining Weekly", "Wire", "Echo", "Times")
COUNTRIES = ("Mali", "Russia", "Burkina Faso", "Niger", "Guinea", "Senegal", "Côte d'Ivoire", "Ghana",
             "Mauritania", "Algeria", "Morocco", "Nigeria", "Chad", "Cameroon", "China", "France", "Turkey",
             "India", "South Africa", "Tanzania", "Zimbabwe", "Namibia", "Egypt", "Ethiopia", "Kenya",
             "Benin", "Togo", "Liberia", "Sierra Leone", "Gambia", "Brazil", "Canada", "Australia",
             "Kazakhstan", "Uzbekistan", "United Arab Emirates", "Switzerland", "Peru", "Chile", "Sudan")
COMMODITIES = ("gold", "lithium", "uranium", "bauxite", "iron ore", "manganese", "phosphate", "cotton",
               "copper", "diamonds", "oil", "natural gas")
TITLES = ("General", "Colonel", "Lieutenant Colonel", "Major", "Captain", "Brigadier General",
          "Major General", "Lieutenant General", "Commander", "Admiral")
OFFICE_ROLES = ("Minister of Mines", "Minister of Finance", "Minister of Energy", "Minister of Defence",
                "Prime Minister", "President", "Chief Executive", "Chairman", "Governor", "Ambassador",
                "Director General", "Minister of Foreign Affairs", "Deputy Minister of Industry")
STATUSES = ("under construction", "operational", "planned", "suspended", "in feasibility study")
COMPANY_TYPES = ("joint venture", "state-owned company", "private company", "publicly listed company",
                 "subsidiary")
PURPOSES = ("refine gold mined in the country", "supply electricity to the national grid",
            "export lithium concentrate", "train local engineers", "process ore on site")
RANKING_AMONG = ("gold producers", "lithium exporters", "uranium producers", "cotton exporters",
                 "mining destinations")
RANKING_SCOPES = ("Africa", "West Africa", "the world", "the Sahel")
VERBS = ("said", "told reporters", "announced", "confirmed", "stated", "reported", "noted", "added",
         "according to", "wrote")
FILLERS = ("in a statement", "on the sidelines of the forum", "during a press conference",
           "in an interview", "at the ceremony", "in the annual report", "in a televised address",
           "to the national assembly", "in remarks to investors", "during the visit")


class Spellings:
    """Hands out names whose folded spelling has not been used yet."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def take(self, make) -> str:
        for attempt in range(200):
            name = make(attempt)
            if fold(name) not in self.used:
                self.used.add(fold(name))
                return name
        return self.unique(make(0))   # a crowded pool: number the name instead

    def claim(self, name: str) -> bool:
        """Reserve a fixed spelling (a country, a title); False if it is taken."""
        if fold(name) in self.used:
            return False
        self.used.add(fold(name))
        return True

    def person(self) -> str:
        rng = self.rng

        def make(attempt: int) -> str:
            middle = f" {rng.choice('ABCDEFGHIJKLMNOPRSTVY')}." if attempt > 2 else ""
            extra = f" {rng.choice(LAST_NAMES)}" if attempt > 20 else ""
            return f"{rng.choice(FIRST_NAMES)}{middle} {rng.choice(LAST_NAMES)}{extra}"
        return self.take(make)

    def place(self) -> str:
        rng = self.rng

        def make(attempt: int) -> str:
            count = 2 + (attempt > 5) + (attempt > 50)
            return "".join(rng.choice(SYLLABLES) for _ in range(count)).capitalize()
        return self.take(make)

    def company(self) -> str:
        rng = self.rng

        def make(attempt: int) -> str:
            extra = f" {rng.choice(COMPANY_WORDS)}" if attempt > 10 else ""
            return f"{rng.choice(COMPANY_WORDS)}{extra} {rng.choice(COMPANY_SUFFIXES)}"
        return self.take(make)

    def outlet(self) -> str:
        rng = self.rng
        return self.take(lambda attempt: f"{self.place()} {rng.choice(OUTLET_WORDS)}")

    def unique(self, text: str) -> str:
        """`text`, or `text` with a roman numeral, so that it is a new spelling."""
        number = 1
        name = text
        while fold(name) in self.used:
            number += 1
            name = f"{text} {_roman(number)}"
        self.used.add(fold(name))
        return name


def _roman(number: int) -> str:
    digits = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
              (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in digits:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def slug(text: str) -> str:
    """An id from a name: folded, letters and digits joined by '-'."""
    out = []
    for char in fold(text):
        out.append(char if char.isalnum() and char.isascii() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)
