"""The words of the demo region: names, and the texts of notes, visits, handovers, plans,
toets steps, decisions and fines, in pools per situation.

Every text comes with the situation it needs, as space-separated *tags* that must all hold for
the resident (``werkplein.demo`` computes them from age, household, work and money, over the
whole demo year): a text about "de kinderen" needs ``kind``, one about the AOW ``ouder63``. A
text with no tags fits anyone. Placeholders in braces are filled from the same resident:

- ``{mv}`` mevrouw/meneer, ``{zij}`` zij/hij, ``{haar}`` haar/zijn, ``{hem}`` haar/hem (each
  also capitalized: ``{Mv}``, ``{Zij}``, ``{Haar}``); ``{plaats}``, ``{gemeente}``;
- ``{partner}`` (tag ``partner``); ``{kind}`` the youngest child, ``{kinderen}`` "de kinderen"
  or the one child's name (tag ``kind``); ``{k03}``, ``{k411}``, ``{k1217}``, ``{k18}``,
  ``{k417}``: a child of that age (tags ``kind_0_3`` ...), with ``{z1217}`` zoon/dochter etc.;
  ``{ex}`` the children's other parent (tag ``eenouder``); ``{fietskinderen}`` the children
  of 6 to 15 (tags ``fiets_een`` / ``fiets_meer``);
- ``{werkveld}``, ``{beroep}``, ``{werkgever}``, ``{uren}``: the work a resident does or looks
  for; ``{bedrijf}`` (``w_ondernemer``); ``{vrijwilligerswerk}``; ``{klacht}`` (``h_...``);
- ``{coach}``: de werkcoach, or de klantmanager for a resident without one;
- ``{bedrag}``, ``{schuldeisers}``, ``{termijn}`` (``schulden``); ``{relatie}``, ``{erfenis}``,
  ``{ontvangen}`` (the inheritance case); ``{kosten}``, ``{maanden}`` of a case.

All of it is made up: names are common first and last names put together at random.
"""

from __future__ import annotations

# ---------------------------------------------------------------------- names
# (name, gender v/m, origin, born from, born until): a first name fits a resident whose
# origin and year of birth it matches
FIRST_NAMES: tuple[tuple[str, str, str, int, int], ...] = (
    ("Anna Maria", "v", "nl", 1955, 1975),
    ("Sanne", "v", "nl", 1978, 2007),
    ("Fatima", "v", "ma", 1955, 2000),
    ("Noor", "v", "nl", 1995, 2007),
    ("Emma", "v", "nl", 1995, 2007),
    ("Lotte", "v", "nl", 1980, 2007),
    ("Ingrid", "v", "nl", 1955, 1975),
    ("Marieke", "v", "nl", 1960, 1985),
    ("Joyce", "v", "nl", 1970, 1992),
    ("Priscilla", "v", "other", 1965, 1995),
    ("Sevda", "v", "tr", 1965, 1995),
    ("Zeynep", "v", "tr", 1975, 2007),
    ("Chantal", "v", "nl", 1968, 1990),
    ("Tamara", "v", "nl", 1970, 1995),
    ("Iris", "v", "nl", 1980, 2007),
    ("Esther", "v", "nl", 1960, 1985),
    ("Zoë", "v", "nl", 1995, 2007),
    ("Chloë", "v", "nl", 1995, 2007),
    ("Anaïs", "v", "other", 1990, 2007),
    ("Désirée", "v", "nl", 1965, 1990),
    ("Wilma", "v", "nl", 1955, 1972),
    ("Gülşen", "v", "tr", 1955, 1985),
    ("Femke", "v", "nl", 1980, 2007),
    ("Samira", "v", "ma", 1975, 2007),
    ("Dewi", "v", "other", 1970, 2000),
    ("Ayaan", "v", "other", 1985, 2007),
    ("Julia", "v", "nl", 1990, 2007),
    ("Mohammed", "m", "ma", 1955, 2007),
    ("Daan", "m", "nl", 1990, 2007),
    ("Sem", "m", "nl", 1995, 2007),
    ("Lucas", "m", "nl", 1992, 2007),
    ("Kees", "m", "nl", 1955, 1972),
    ("Gerrit Jan", "m", "nl", 1955, 1975),
    ("Henk", "m", "nl", 1955, 1972),
    ("Youssef", "m", "ma", 1975, 2007),
    ("Ahmet", "m", "tr", 1955, 1990),
    ("Jan", "m", "nl", 1955, 1980),
    ("Pieter", "m", "nl", 1955, 1985),
    ("Ruud", "m", "nl", 1955, 1980),
    ("Bas", "m", "nl", 1970, 1995),
    ("Kevin", "m", "nl", 1975, 2000),
    ("Romano", "m", "other", 1965, 2000),
    ("Hüseyin", "m", "tr", 1955, 1990),
    ("Noël", "m", "other", 1970, 2000),
    ("Thijs", "m", "nl", 1980, 2007),
    ("Bram", "m", "nl", 1980, 2007),
    ("Rachid", "m", "ma", 1960, 1995),
    ("Milan", "m", "nl", 1990, 2007),
    ("Emre", "m", "tr", 1985, 2007),
    ("Mustafa", "m", "tr", 1955, 1985),
    ("Karim", "m", "ma", 1965, 2000),
    ("Nadia", "v", "ma", 1970, 2000),
    ("Dennis", "m", "nl", 1965, 1990),
    ("Wendy", "v", "nl", 1965, 1990),
    ("Linh", "v", "other", 1975, 2005),
    ("Tomasz", "m", "other", 1970, 2000),
    ("Marco", "m", "other", 1965, 1995),
    ("Agnieszka", "v", "other", 1970, 2000),
)
# children's names (born after 2000), by origin and gender
CHILD_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "v": ("Emma", "Julia", "Sophie", "Tess", "Mila", "Fenna", "Lieke", "Evi", "Saar", "Isa"),
        "m": ("Daan", "Sem", "Lucas", "Finn", "Levi", "Luuk", "Jesse", "Stijn", "Ties", "Mees"),
    },
    "tr": {
        "v": ("Elif", "Ecrin", "Defne", "Azra", "Nehir"),
        "m": ("Emir", "Yusuf", "Kerem", "Mert", "Eymen"),
    },
    "ma": {
        "v": ("Yasmina", "Aya", "Nour", "Lina", "Imane", "Hiba"),
        "m": ("Adam", "Ayoub", "Ilyas", "Amine", "Rayan", "Zakaria"),
    },
    "other": {
        "v": ("Maya", "Lisa", "Nina", "Ava", "Hanna"),
        "m": ("Noah", "Liam", "Leon", "David", "Elias"),
    },
}
# (prefix, last name, origin)
LAST_NAMES: tuple[tuple[str, str, str], ...] = (
    ("", "Bakker", "nl"),
    ("de", "Vries", "nl"),
    ("", "Janssen", "nl"),
    ("", "Visser", "nl"),
    ("", "Smit", "nl"),
    ("", "Meijer", "nl"),
    ("de", "Boer", "nl"),
    ("", "Mulder", "nl"),
    ("de", "Groot", "nl"),
    ("", "Bos", "nl"),
    ("", "Vos", "nl"),
    ("", "Peters", "nl"),
    ("", "Hendriks", "nl"),
    ("van", "Leeuwen", "nl"),
    ("", "Dekker", "nl"),
    ("", "Brouwer", "nl"),
    ("de", "Wit", "nl"),
    ("", "Dijkstra", "nl"),
    ("de", "Graaf", "nl"),
    ("van der", "Meer", "nl"),
    ("van der", "Linden", "nl"),
    ("", "Kok", "nl"),
    ("", "Jacobs", "nl"),
    ("de", "Haan", "nl"),
    ("", "Vermeulen", "nl"),
    ("van den", "Berg", "nl"),
    ("van", "Dijk", "nl"),
    ("", "Kaya", "tr"),
    ("", "Demir", "tr"),
    ("", "Şahin", "tr"),
    ("", "Çelik", "tr"),
    ("", "Öztürk", "tr"),
    ("", "Bouzid", "ma"),
    ("", "Haddou", "ma"),
    ("", "El Amrani", "ma"),
    ("", "Nguyen", "other"),
    ("", "Pereira", "other"),
    ("", "Kowalski", "other"),
    ("", "Hoekstra", "nl"),
    ("", "Postma", "nl"),
    ("", "Zijlstra", "nl"),
    ("", "Hendrickx", "nl"),
)

# ---------------------------------------------------------------------- a resident's world
# sector -> (werkveld, beroep, werkgever)
SECTORS: dict[str, tuple[str, str, str]] = {
    "zorg": ("de zorg", "zorghulp", "een thuiszorgorganisatie"),
    "schoonmaak": ("de schoonmaak", "schoonmaker", "een schoonmaakbedrijf"),
    "logistiek": ("de logistiek", "orderpicker", "een distributiecentrum"),
    "horeca": ("de horeca", "medewerker bediening", "een hotel in de regio"),
    "detailhandel": ("de detailhandel", "vakkenvuller", "de supermarkt in het dorp"),
    "techniek": ("de techniek", "monteur", "een installatiebedrijf"),
    "groen": ("het groen", "hovenier", "een hoveniersbedrijf"),
    "administratie": ("de administratie", "administratief medewerker", "een accountantskantoor"),
    "bouw": ("de bouw", "bouwplaatsmedewerker", "een bouwbedrijf"),
    "productie": ("de productie", "productiemedewerker", "een voedingsmiddelenfabriek"),
}
BEDRIJVEN = (
    "een eigen schoonmaakbedrijf",
    "een foodtruck",
    "een kapsalon aan huis",
    "een klussenbedrijf",
    "een webwinkel in tweedehands kleding",
    "een naaiatelier",
    "een fietsreparatie aan huis",
)
VRIJWILLIGERSWERK = (
    "de voedselbank",
    "het buurthuis",
    "de kringloopwinkel",
    "een zorgboerderij",
    "de sportvereniging",
)
KLACHTEN = {
    "h_rug": ("rugklachten", "knieklachten na een val"),
    "h_psych": ("somberheidsklachten", "angstklachten", "burn-outklachten"),
    "h_chronisch": ("reuma", "astma", "hartklachten"),
}
ERFLATERS = ("moeder", "vader", "tante", "oom")

# ---------------------------------------------------------------------- notes
# leefgebied -> threads: (tags, texts). A thread's texts are notes in time order (a short
# story: a debt found, then schuldhulp, then a regeling); threads of one resident interleave.
Thread = tuple[str, tuple[str, ...]]
NOTES: dict[str, tuple[Thread, ...]] = {
    "wonen": (
        (
            "schulden corporatie",
            (
                "Huurachterstand van twee maanden; de woningcorporatie heeft een aanmaning "
                "gestuurd.",
                "Met de woningcorporatie gebeld: betalingsregeling van {termijn} euro per maand "
                "naast de huur afgesproken.",
                "Woningcorporatie bevestigt dat de regeling wordt nagekomen; ontruiming is niet "
                "meer aan de orde.",
            ),
        ),
        (
            "eenouder corporatie",
            ("Woont met {kinderen} in een huurwoning in {plaats}. Woning is netjes, wel krap.",),
        ),
        (
            "partner kind",
            ("Woont met {partner} en {kinderen} in een rijtjeshuis in {plaats}; huis is op orde.",),
        ),
        (
            "partner geenkind",
            (
                "Woont met {partner} in een huurappartement in {plaats}; beiden staan op het "
                "huurcontract.",
            ),
        ),
        (
            "kamer",
            (
                "Huurt een kamer bij een particuliere verhuurder; het contract is tijdelijk en "
                "loopt over een paar maanden af.",
                "Ingeschreven als woningzoekende bij de corporatie; de inschrijfduur is nog kort.",
                "Heeft via een kennis een andere kamer gevonden; nieuw huurcontract ingeleverd.",
            ),
        ),
        (
            "alleen midden",
            ("Woont alleen in een flat in {plaats}. Woning is schoon en opgeruimd.",),
        ),
        (
            "alleen ouder55",
            (
                "Woont al jaren alleen in een benedenwoning in {plaats} en wil daar graag blijven "
                "wonen.",
            ),
        ),
        (
            "ouders",
            (
                "Woont bij {haar} ouders in {plaats} en heeft een eigen kamer op zolder.",
                "Spanningen thuis; {zij} wil zo snel mogelijk op zichzelf wonen.",
            ),
        ),
        (
            "corporatie",
            (
                "Vocht en schimmel in de badkamer; woningcorporatie is ingeschakeld.",
                "Woningcorporatie heeft de ventilatie in de badkamer vervangen; de schimmel "
                "is weg.",
            ),
        ),
        (
            "!ouders",
            ("Energierekening fors omhoog; gewezen op het energiefonds van de gemeente.",),
        ),
        (
            "kinderen corporatie",
            ("De kinderen delen een slaapkamer; {mv} staat ingeschreven voor een grotere woning.",),
        ),
        (
            "ouder55",
            (
                "De trap naar de slaapkamer wordt zwaar; {mv} heeft een Wmo-melding gedaan voor "
                "een trapleuning.",
                "Trapleuning is geplaatst via de Wmo; {mv} is er blij mee.",
            ),
        ),
    ),
    "inkomen": (
        (
            "w_parttime",
            (
                "Werkt {uren} uur per week als {beroep} bij {werkgever}; inkomsten wisselen per "
                "maand, loonstroken opgevraagd.",
                "Loonstroken van de afgelopen drie maanden ontvangen en verrekend met de "
                "uitkering.",
                "Vakantiegeld van de werkgever meegenomen in de verrekening; {mv} is geïnformeerd.",
            ),
        ),
        (
            "",
            ("Uitkering loopt. Vakantietoeslag en zorgtoeslag nagekeken, geen bijzonderheden.",),
        ),
        (
            "ouders",
            (
                "Kostendelersnorm uitgelegd: {zij} woont bij de ouders, daardoor valt de "
                "uitkering lager uit.",
            ),
        ),
        (
            "partner",
            (
                "Inkomsten van {partner} opgevraagd; de uitkering is voor het huishouden samen "
                "berekend.",
            ),
        ),
        (
            "minderjarig",
            ("Kindgebonden budget en kinderbijslag nagekeken; alles wordt uitbetaald.",),
        ),
        (
            "ouder63",
            (
                "Vraagt wat er gebeurt als de AOW ingaat; uitgelegd dat de bijstand dan stopt en "
                "de SVB de AOW betaalt.",
                "Aanvraag AOW samen doorgenomen; aanvullende inkomensvoorziening ouderen (AIO) "
                "besproken.",
            ),
        ),
        (
            "ouder60",
            (
                "Heeft een klein pensioen opgebouwd bij een vroegere werkgever; dat gaat pas in "
                "op de AOW-leeftijd.",
            ),
        ),
        (
            "w_opleiding",
            (
                "Volgt een mbo-opleiding; uitgezocht of studiefinanciering voorgaat op de "
                "bijstand.",
                "Studiefinanciering is aangevraagd; de uitkering stopt zodra die is toegekend.",
            ),
        ),
        (
            "w_ondernemer",
            (
                "Heeft een plan voor {bedrijf}; gevraagd wat de eerste inkomsten doen met de "
                "uitkering.",
                "Uitgelegd dat inkomsten uit het bedrijf elke maand worden verrekend; {mv} gaat "
                "een urenregistratie bijhouden.",
            ),
        ),
        (
            "geen_schulden",
            ("Heeft een kleine spaarrekening; het vermogen blijft ruim onder de grens.",),
        ),
        (
            "",
            (
                "Wijziging doorgegeven via het formulier; verwerkt, geen gevolgen voor de hoogte "
                "van de uitkering.",
            ),
        ),
        (
            "w_werkzoekend",
            (
                "Wil graag werken zodat de uitkering kan stoppen; vraagt wat {zij} overhoudt bij "
                "parttime werk.",
                "Proefberekening gemaakt: bij {uren} uur werken houdt {zij} ongeveer 150 euro per "
                "maand meer over.",
            ),
        ),
    ),
    "financien": (
        (
            "schulden",
            (
                "Schulden bij de zorgverzekeraar en een webwinkel, samen ongeveer {bedrag} euro.",
                "Aangemeld bij schuldhulp; het intakegesprek is over twee weken.",
                "Schuldhulp heeft alle schuldeisers aangeschreven: {schuldeisers} schuldeisers "
                "in beeld.",
                "Betalingsregeling met de energieleverancier afgesproken; eerste termijn is "
                "betaald.",
            ),
        ),
        (
            "schulden",
            (
                "Deurwaarder heeft beslag gelegd op de toeslagen; beslagvrije voet laten "
                "herberekenen.",
                "Beslagvrije voet is aangepast; er blijft weer genoeg over voor boodschappen.",
            ),
        ),
        (
            "schulden",
            (
                "Budgetbeheer loopt sinds vorige maand; vaste lasten gaan automatisch van de "
                "rekening.",
                "Budgetbeheerder meldt dat alle vaste lasten deze maand op tijd zijn betaald.",
            ),
        ),
        (
            "geen_schulden",
            ("Geen schulden bekend; houdt de uitgaven bij in een huishoudboekje.",),
        ),
        (
            "geen_schulden",
            (
                "Onverwachte rekening van de tandarts; bijzondere bijstand aangevraagd voor het "
                "deel dat de verzekering niet vergoedt.",
                "Bijzondere bijstand voor de tandarts toegekend en uitbetaald.",
            ),
        ),
        (
            "",
            (
                "Wasmachine is kapot; aanvraag bij het noodfonds ingediend.",
                "Noodfonds heeft een tweedehands wasmachine geregeld.",
            ),
        ),
        (
            "kind_4_17",
            (
                "Vraagt naar het jeugdfonds voor sport en cultuur; aanvraag voor zwemles van "
                "{k417} gedaan.",
            ),
        ),
        (
            "w_ondernemer",
            (
                "Vraagt of de aanschaf van gereedschap voor het bedrijf kan; verwezen naar het "
                "Bbz-loket.",
            ),
        ),
    ),
    "werk": (
        (
            "w_werkzoekend",
            (
                "Heeft gesolliciteerd als {beroep} bij {werkgever}; wacht op antwoord.",
                "Sollicitatiegesprek gehad; de werkgever wil eerst een proefplaatsing van twee "
                "weken.",
                "Proefplaatsing loopt goed volgens de werkgever; een contract voor {uren} uur is "
                "in de maak.",
            ),
        ),
        (
            "w_werkzoekend",
            (
                "Gestart met een werkfit-traject: twee ochtenden per week training en hulp bij "
                "solliciteren.",
                "Cv bijgewerkt met {coach}; {mv} zoekt werk in {werkveld}.",
            ),
        ),
        (
            "w_vrijwilliger",
            (
                "Doet twee ochtenden per week vrijwilligerswerk bij {vrijwilligerswerk}.",
                "Coördinator van {vrijwilligerswerk} is positief; {mv} gaat ook nieuwe "
                "vrijwilligers inwerken.",
            ),
        ),
        (
            "w_parttime",
            (
                "Werkgever biedt meer uren aan; {mv} twijfelt vanwege de reistijd.",
                "Besloten twee uur per week meer te gaan werken; de uitkering wordt aangepast.",
            ),
        ),
        (
            "w_opleiding",
            (
                "Volgt een mbo-opleiding tot {beroep}; de stage begint na de zomer.",
                "Stageplek gevonden bij {werkgever}; {zij} is enthousiast.",
            ),
        ),
        (
            "w_beperkt !h_psych",
            (
                "Kan door {klacht} geen zwaar werk doen; {coach} zoekt aangepast werk voor "
                "een paar uur per week.",
                "Arbeidsdeskundige gesproken: hooguit twintig uur per week, niet zwaar tillen.",
            ),
        ),
        (
            "w_beperkt h_psych",
            (
                "Door de {klacht} lukt werken nu niet; {coach} zoekt een rustige plek om klein "
                "te beginnen.",
                "Arbeidsdeskundige gesproken: opbouwen vanaf acht uur per week, in een rustige "
                "omgeving.",
            ),
        ),
        (
            "w_ondernemer",
            (
                "Wil {bedrijf} starten; het ondernemingsplan is in concept klaar.",
                "Ondernemingsplan besproken met de adviseur van het Bbz-loket; "
                "haalbaarheidsonderzoek loopt.",
                "Bbz-adviseur vindt het plan haalbaar; {mv} heeft al toezeggingen van de eerste "
                "klanten.",
            ),
        ),
        (
            "eenouder kind_0_3 !w_ondernemer",
            (
                "Wil werken zodra er opvang is voor {k03}; aanvraag kinderopvangtoeslag samen "
                "ingevuld.",
            ),
        ),
        (
            "eenouder kind_4_11 geen_k03 !w_ondernemer",
            ("Zoekt werk onder schooltijd; {coach} kijkt naar banen tussen 9 en 14 uur.",),
        ),
        (
            "midden w_werkzoekend",
            ("Wil zich omscholen tot {beroep}; {coach} kijkt naar een leerwerkplek.",),
        ),
        (
            "ouder55 w_werkzoekend",
            (
                "Vindt het lastig om op {haar} leeftijd nog werk te vinden; {coach} zoekt "
                "mee bij werkgevers in de regio.",
                "Proefplaatsing bij de groenvoorziening van de gemeente afgesproken voor drie "
                "maanden.",
            ),
        ),
    ),
    "gezondheid": (
        (
            "h_rug",
            (
                "Heeft {klacht}, onder behandeling bij de fysiotherapeut.",
                "Fysiotherapie helpt; kan weer een halfuur achter elkaar wandelen.",
            ),
        ),
        (
            "h_psych",
            (
                "Slaapt slecht door zorgen over geld; de huisarts is op de hoogte.",
                "Praktijkondersteuner van de huisarts ziet {hem} elke twee weken voor de {klacht}.",
                "Voelt zich rustiger dan een paar maanden geleden; de gesprekken helpen.",
            ),
        ),
        (
            "h_chronisch",
            ("Heeft {klacht}; de controles in het ziekenhuis lopen goed.",),
        ),
        (
            "",
            (
                "Zorgverzekering nagekeken: {mv} is verzekerd via de collectieve verzekering "
                "van de gemeente.",
            ),
        ),
        (
            "",
            ("Eigen risico is dit jaar al op; gespreid betalen met de zorgverzekeraar geregeld.",),
        ),
        (
            "jong gezond",
            ("Sport drie keer per week; zegt dat het helpt om de dag door te komen.",),
        ),
        (
            "partner",
            (
                "{Mv} zorgt veel voor {partner}, die vaak ziek is; contact gelegd met het "
                "steunpunt mantelzorg.",
            ),
        ),
        (
            "ouder55 gezond",
            ("Voelt zich fit; wandelt elke dag een uur met de buurman.",),
        ),
    ),
    "gezin": (
        (
            "kinderen kind_4_11",
            ("De kinderen gaan op dinsdag en donderdag naar de BSO.",),
        ),
        (
            "een_kind kind_4_11",
            ("{k411} gaat op dinsdag en donderdag naar de BSO.",),
        ),
        (
            "kind_4_11",
            (
                "{Z411} {k411} zit op de basisschool in {plaats}; {mv} brengt en haalt zelf.",
                "Gesprek met de juf van {k411}: het gaat goed in de klas.",
            ),
        ),
        (
            "kind_12_17",
            (
                "{Z1217} {k1217} gaat naar de middelbare school in de stad en fietst liever dan "
                "met de bus te gaan.",
            ),
        ),
        (
            "kind_12_17",
            (
                "Zorgen over {k1217}: spijbelt af en toe; de mentor op school is ingeschakeld.",
                "Gesprek op school gehad; {k1217} gaat weer elke dag.",
            ),
        ),
        (
            "minderjarig",
            (
                "Wijkteam ondersteunt bij de opvoeding; gesprek over structuur thuis.",
                "Wijkteam meldt dat de vaste dagindeling thuis goed werkt.",
            ),
        ),
        (
            "kind_0_3",
            ("{k03} gaat twee ochtenden per week naar de peuteropvang.",),
        ),
        (
            "kind_18",
            ("{Z18} {k18} woont nog thuis en werkt parttime naast de opleiding.",),
        ),
        (
            "partner",
            ("Relatie met {partner} is goed; ze kwamen samen naar het gesprek.",),
        ),
        (
            "partner minderjarig",
            (
                "{partner} werkt in ploegendienst; de zorg voor {kinderen} komt vaak bij {mv} "
                "terecht.",
            ),
        ),
        (
            "ouders",
            (
                "De ouders willen dat {zij} een eigen plek zoekt; gesprek met {hem} en de ouders "
                "samen gehad.",
            ),
        ),
        (
            "eenouder",
            (
                "Omgangsregeling met {ex} loopt via een mediator; de alimentatie komt niet altijd "
                "op tijd.",
                "Het LBIO int nu de alimentatie; die komt sindsdien elke maand binnen.",
            ),
        ),
    ),
    "netwerk": (
        (
            "fam_zus minderjarig",
            ("Zus woont in de buurt en helpt met {kinderen}.",),
        ),
        (
            "fam_zus",
            ("Zus woont in de buurt; ze zien elkaar elke week.",),
        ),
        (
            "fam_weinig",
            ("Weinig contact met familie; de buurvrouw is een belangrijke steun.",),
        ),
        (
            "",
            ("Gaat naar de inloop in het buurthuis en heeft daar vrienden gemaakt.",),
        ),
        (
            "alleen",
            (
                "Voelt zich soms eenzaam; aangemeld bij een maatjesproject.",
                "Het maatje komt elke week langs; ze gaan samen wandelen.",
            ),
        ),
        (
            "jong",
            (
                "Vrienden van vroeger zijn verhuisd voor werk of studie; zoekt aansluiting via "
                "de sportclub.",
            ),
        ),
        (
            "fam_broer",
            ("Broer helpt met de administratie; {mv} wil dat graag zo houden.",),
        ),
        (
            "partner",
            ("Familie van {partner} woont in de buurt en springt bij als het nodig is.",),
        ),
    ),
}
# how a note begins now and then: the channel it came through
NOTE_OPENINGS = ("", "", "", "", "", "Telefonisch: ", "Op het spreekuur: ")

# the note a klantmanager writes when a case is opened, per case template
CASE_NOTES: dict[int, tuple[tuple[str, str], ...]] = {
    0: (
        (
            "fiets_meer",
            "{Mv} vraagt een vergoeding voor de bus voor {fietskinderen}; besproken wat {zij} "
            "wil bereiken: dat ze zelf en op tijd op school komen.",
        ),
        (
            "fiets_een",
            "{Mv} vraagt een vergoeding voor de bus voor {fietskinderen}; besproken wat {zij} "
            "wil bereiken: dat {fietskinderen} zelf en op tijd op school komt.",
        ),
    ),
    1: (
        (
            "",
            "{Mv} kan als {beroep} beginnen bij {werkgever}, maar de deurwaarder zou beslag "
            "leggen op het loon. Casus geopend.",
        ),
    ),
    2: (
        (
            "",
            "{Mv} wil starten met {bedrijf} en vraagt een uitstroompremie; eerst besproken wat "
            "{zij} nodig heeft om de eerste maand door te komen.",
        ),
    ),
    3: (
        (
            "",
            "Rekeningen stapelen zich op en {mv} overziet het niet meer; besproken wat {zij} nu "
            "het meest nodig heeft. Casus geopend.",
        ),
    ),
    4: (
        (
            "",
            "{Mv} meldt uit zichzelf een erfenis van {haar} {relatie}, ongeveer {erfenis} euro, "
            "ontvangen op {ontvangen}. Casus geopend.",
        ),
    ),
}

# ---------------------------------------------------------------------- huisbezoek
VISIT_OBSERVATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "wonen": (
        ("", "Woning is netjes en schoon; er zijn genoeg meubels en de koelkast is gevuld."),
        ("corporatie", "Vocht op de slaapkamermuur; foto gemaakt voor de woningcorporatie."),
        ("minderjarig", "Woning is netjes; de kinderkamer is klein maar gezellig ingericht."),
        (
            "alleen",
            "Eenpersoonshuishouden: één bed, spullen van één persoon; niets wijst op samenwonen.",
        ),
        ("partner", "Woont samen met {partner}; spullen van beiden in huis, klopt met de opgave."),
        ("ouders", "Eigen kamer in het huis van de ouders; keuken en woonkamer worden gedeeld."),
        (
            "ouder55",
            "Benedenwoning, goed bereikbaar; wel losse kleden waarover je kunt struikelen.",
        ),
    ),
    "financien": (
        (
            "schulden",
            "Brieven van {schuldeisers} schuldeisers gezien; samen een overzicht gemaakt voor "
            "schuldhulp.",
        ),
        (
            "schulden",
            "Afschriften bekeken: de vaste lasten gaan voor, maar aan het eind van de maand is er "
            "niets over.",
        ),
        (
            "geen_schulden",
            "Afschriften van drie maanden bekeken; geen bijzonderheden, geen onverklaarde "
            "bijschrijvingen.",
        ),
        ("geen_schulden", "Administratie zit in een map per onderwerp; {mv} heeft het op orde."),
        (
            "schulden",
            "Samen de post van de laatste weken geopend; twee nieuwe aanmaningen gevonden.",
        ),
    ),
    "werk": (
        ("w_werkzoekend", "Wil graag aan de slag in {werkveld}; heeft al ervaring als {beroep}."),
        ("w_parttime", "Werkt {uren} uur als {beroep}; het rooster hangt op de koelkast."),
        (
            "w_vrijwilliger",
            "Vertelt enthousiast over het vrijwilligerswerk bij {vrijwilligerswerk}.",
        ),
        ("w_beperkt", "Door {klacht} zijn alleen korte werkdagen haalbaar; wil wel graag."),
        ("w_opleiding", "Laat het rooster van de opleiding zien; de stage is de komende stap."),
        (
            "w_ondernemer",
            "Werkplaats ingericht in de schuur; de eerste klanten komen uit de buurt.",
        ),
    ),
    "gezin": (
        ("kind_4_11", "{k411} was thuis en liet trots de tekeningen van de BSO zien."),
        ("kind_12_17", "{k1217} was na school thuis; rustige sfeer in huis."),
        ("kind_0_3", "{k03} sliep tijdens het bezoek; de babyspullen zijn op orde."),
        ("partner geenkind", "{partner} was bij het gesprek en vulde aan waar nodig."),
        ("ouders", "Moeder was kort bij het gesprek; de verhouding thuis lijkt gespannen."),
    ),
    "netwerk": (
        ("fam_weinig", "Buurvrouw kwam even binnen; ze helpt met boodschappen als dat nodig is."),
        ("fam_zus", "Noemt de zus als belangrijkste steun; zij woont op tien minuten afstand."),
        ("fam_broer", "Broer was bij het gesprek; hij helpt met de post en de formulieren."),
        (
            "alleen",
            "Weinig mensen om zich heen; open voor een maatje of de inloop in het buurthuis.",
        ),
    ),
}
# the purpose of a visit and what is looked at
VISIT_PURPOSES = {
    "heronderzoek": ("Heronderzoek", ("wonen", "financien", "gezin")),
    "plan": ("Toekomstplan bespreken", ("wonen", "financien", "werk", "netwerk")),
    "samen": ("Kennismaking met de werkcoach en toekomstplan", ("wonen", "financien", "werk")),
}
VISIT_NOTE = "Afspraak gemaakt voor vervolggesprek."
# what else the quick note says: (tags, text, leefgebied of the note)
VISIT_NOTE_MORE: tuple[tuple[str, str, str], ...] = (
    ("", "", "werk"),
    ("", " {Mv} neemt dan de afschriften van de bank mee.", "financien"),
    ("schulden", " Dan ook de brieven van de schuldeisers meenemen.", "financien"),
    ("w_parttime", " {Mv} brengt dan de loonstroken van de laatste twee maanden mee.", "inkomen"),
    ("kind_4_17", " Liefst onder schooltijd.", "gezin"),
)

# ---------------------------------------------------------------------- warme overdracht
HANDOVER_SITUATION: tuple[tuple[str, str], ...] = (
    ("w_werkzoekend", "{Mv} zoekt werk in {werkveld} en heeft ervaring als {beroep}."),
    ("w_parttime", "{Mv} werkt {uren} uur als {beroep} en wil meer uren of een vaste baan."),
    ("w_vrijwilliger", "{Mv} doet vrijwilligerswerk bij {vrijwilligerswerk} en wil betaald werk."),
    ("w_beperkt", "{Mv} heeft {klacht} en kan beperkt werken; een aangepaste plek is nodig."),
    ("w_opleiding", "{Mv} volgt een mbo-opleiding en zoekt een leerwerkplek als {beroep}."),
    ("w_ondernemer", "{Mv} start {bedrijf} en zoekt hulp bij het vinden van opdrachtgevers."),
)
HANDOVER_HOUSEHOLD: tuple[tuple[str, str], ...] = (
    ("", ""),
    ("eenouder kind_0_3", " Alleenstaande ouder van een jong kind; eerst moet er opvang zijn."),
    ("eenouder kind_4_11 geen_k03", " Alleenstaande ouder; werken kan onder schooltijd."),
    ("schulden", " Er zijn schulden; schuldhulp is betrokken."),
    ("ouders", " Woont bij de ouders en wil graag op zichzelf."),
)
HANDOVER_WISH: tuple[tuple[str, str], ...] = (
    ("w_werkzoekend", "Ik wil weer aan het werk, het liefst in {werkveld}."),
    ("w_werkzoekend", "Een vaste baan, zodat ik niet elke maand hoef te rekenen."),
    ("w_parttime", "Meer uren werken, zodat ik de uitkering niet meer nodig heb."),
    ("w_vrijwilliger", "Betaald werk dat lijkt op wat ik nu bij {vrijwilligerswerk} doe."),
    ("w_beperkt", "Werk dat ik met mijn {klacht} aankan, een paar uur per dag."),
    ("w_opleiding", "Mijn diploma halen en dan aan de slag als {beroep}."),
    ("w_ondernemer", "Mijn bedrijf laten groeien, zodat ik ervan kan leven."),
    ("eenouder kinderen kind_4_11 geen_k03", "Werken terwijl de kinderen op school zitten."),
    ("eenouder een_kind kind_4_11 geen_k03", "Werken terwijl {k411} op school zit."),
)
HANDOVER_AGREEMENTS: tuple[tuple[str, str], ...] = (
    ("", "Eerste gesprek bij de werkcoach binnen twee weken; {mv} neemt het cv mee."),
    (
        "",
        "{Mv} meldt zich voor het werkfit-traject; de klantmanager blijft aanspreekpunt voor de "
        "uitkering.",
    ),
)
HANDOVER_RISKS: tuple[tuple[str, str], ...] = (
    ("schulden", "Schulden kunnen oplopen als het werk niet doorgaat."),
    ("eenouder kind_0_3", "Zonder opvang voor {k03} valt werken weg."),
    ("w_beperkt", "Te snel te veel uren kan de {klacht} verergeren."),
    ("", "De motivatie zakt als het te lang duurt voordat er iets gebeurt."),
)
# the first that fits is the werkcoach's answer
HANDOVER_RETURNED: tuple[tuple[str, str], ...] = (
    ("t1", "Eerst de schulden regelen, daarna starten we samen."),
    (
        "w_ondernemer",
        "{Mv} wil ondernemen; de adviseur van het Bbz-loket is daarvoor de juiste ingang, niet "
        "een werktraject.",
    ),
    ("kind_0_3", "Eerst de opvang voor {k03} regelen; daarna plannen we een intake."),
    ("w_beperkt", "Eerst het advies van de arbeidsdeskundige; dan weten we wat haalbaar is."),
    ("schulden", "Eerst de schulden regelen, daarna starten we samen."),
    ("", "Eerst de lopende aanvraag afronden; daarna starten we samen."),
)

# ---------------------------------------------------------------------- toekomstplan
PLAN_WORDS: tuple[tuple[str, str], ...] = (
    ("schulden", "Over een jaar wil ik werk hebben en geen schulden meer."),
    ("minderjarig geen_schulden", "Over een jaar wil ik werken en tijd houden voor {kinderen}."),
    ("w_ondernemer", "Over een jaar wil ik van mijn eigen bedrijf kunnen leven."),
    ("w_beperkt", "Over een jaar wil ik me beter voelen en een paar uur per week werken."),
    ("w_opleiding", "Over een jaar wil ik mijn diploma hebben en op mezelf wonen."),
    ("geen_schulden", "Over een jaar wil ik een vaste baan en meer rust in mijn hoofd."),
)
# leefgebied -> (tags, (nu, afspraken, over een jaar))
PLAN_ROWS: dict[str, tuple[tuple[str, tuple[str, str, str]], ...]] = {
    "financien": (
        (
            "schulden",
            (
                "Schulden bij {schuldeisers} schuldeisers, samen ongeveer {bedrag} euro",
                "Aanmelden bij schuldhulp; vaste lasten via budgetbeheer",
                "Schuldhulptraject loopt, geen nieuwe schulden",
            ),
        ),
    ),
    "werk": (
        (
            "w_werkzoekend",
            (
                "Geen werk, wel ervaring als {beroep}",
                "{Coach} zoekt een proefplaatsing in {werkveld}",
                "Aan het werk in {werkveld}",
            ),
        ),
        (
            "w_parttime",
            (
                "Werkt {uren} uur per week als {beroep}",
                "Met de werkgever praten over meer uren",
                "Genoeg uren om zonder uitkering rond te komen",
            ),
        ),
        (
            "w_vrijwilliger",
            (
                "Vrijwilligerswerk bij {vrijwilligerswerk}",
                "{Coach} zoekt een leerwerkplek die erop aansluit",
                "Betaald werk, een paar dagen per week",
            ),
        ),
        (
            "w_beperkt",
            (
                "Door {klacht} nu geen werk",
                "Advies arbeidsdeskundige; rustig opbouwen met werken",
                "Een paar uur per week aangepast werk",
            ),
        ),
        (
            "w_opleiding",
            (
                "Volgt een mbo-opleiding tot {beroep}",
                "Stageplek zoeken bij {werkgever}",
                "Diploma gehaald en aan het werk",
            ),
        ),
        (
            "w_ondernemer",
            (
                "Start {bedrijf}",
                "Ondernemingsplan afmaken met de Bbz-adviseur",
                "Genoeg klanten om van te leven",
            ),
        ),
    ),
    "gezin": (
        (
            "kind_4_11",
            (
                "{k411} gaat naar de BSO op dinsdag en donderdag",
                "BSO-uren afstemmen op de werktijden",
                "Werk en zorg voor {kinderen} gaan samen",
            ),
        ),
        (
            "kind_0_3",
            (
                "Nog geen opvang voor {k03}",
                "Kinderopvangtoeslag aanvragen en een plek zoeken",
                "{k03} naar de opvang, {mv} aan het werk",
            ),
        ),
    ),
    "gezondheid": (
        (
            "h_rug",
            (
                "{Klacht}, fysiotherapie loopt",
                "Oefeningen thuis volhouden",
                "Kan weer een halve dag werken",
            ),
        ),
        (
            "h_psych",
            (
                "{Klacht}, gesprekken bij de praktijkondersteuner",
                "Vaste dagindeling, gesprekken afmaken",
                "Meer rust en energie",
            ),
        ),
    ),
    "wonen": (
        (
            "ouders",
            (
                "Woont bij de ouders",
                "Inschrijven als woningzoekende",
                "Eigen kamer of studio",
            ),
        ),
    ),
}

# ---------------------------------------------------------------------- de toets, per case
# Each case template: pools for the step texts, as (tags, text). Step 3 has a pool for every
# item of the effects checklist (werkplein.domain.vocab.AFWEGING).
Pool = tuple[tuple[str, str], ...]
TOETS: dict[int, dict[str, Pool]] = {
    0: {
        "effect": (
            (
                "fiets_meer",
                "Ik wil dat {fietskinderen} zelf naar school kunnen, ook als het regent.",
            ),
            ("fiets_een", "Ik wil dat {fietskinderen} zelf naar school kan, ook als het regent."),
            (
                "fiets_meer",
                "De kinderen moeten op tijd op school zijn, zonder dat ik elke ochtend mee moet.",
            ),
        ),
        "middel": (
            ("", "Een vergoeding voor de bus"),
            ("", "Een busabonnement"),
        ),
        "grondwaarde": (
            (
                "",
                "Naar school gaan en zelfstandig meedoen is waar de wet voor is; de bus is een "
                "middel, geen doel.",
            ),
            (
                "",
                "Het effect past bij meedoen naar vermogen en bij de Jeugdwet: kinderen die "
                "zonder hulp naar school kunnen.",
            ),
        ),
        "kort_inwoner": (
            (
                "",
                "{Mv} hoeft niet meer elke ochtend mee en kan de ochtenden gebruiken voor "
                "{haar} eigen afspraken.",
            ),
            ("", "Direct minder stress in de ochtend: geen wachten op de bus, niet te laat komen."),
        ),
        "lang_inwoner": (
            (
                "",
                "Met de ochtenden vrij kan {mv} meer uren werken; dat vergroot de kans op "
                "uitstroom.",
            ),
            ("", "Een fiets gaat jaren mee; er hoeft niet elk schooljaar een nieuwe aanvraag."),
        ),
        "huishouden": (
            ("fiets_meer", "{Fietskinderen} worden zelfstandiger en komen op tijd op school."),
            ("fiets_een", "{Fietskinderen} wordt zelfstandiger en komt op tijd op school."),
            ("partner", "{partner} en {mv} hoeven niet meer te schuiven met werktijden."),
        ),
        "omgeving": (
            ("", "School meldt nu vaak te laat komen; dat houdt op. Geen leerlingenvervoer nodig."),
            ("", "De fietsenmaker in {plaats} levert en onderhoudt de fietsen."),
        ),
        "vermogens": (
            ("fiets_meer", "{Fietskinderen} kunnen goed fietsen; de route is samen gefietst."),
            ("fiets_een", "{Fietskinderen} kan goed fietsen; de route is samen gefietst."),
        ),
        "financieel": (
            (
                "",
                "Eenmalig {kosten} euro, tegenover een busvergoeding van ongeveer 60 euro per "
                "kind per maand.",
            ),
            ("", "{kosten} euro eenmalig; binnen een schooljaar goedkoper dan de bus."),
        ),
        "beleid": (
            (
                "",
                "Het beleid kent een vervoersregeling, geen fiets; we kiezen het middel dat het "
                "doel het best dient.",
            ),
            ("", "Past bij ons werkprincipe 'eenvoudig waar het kan': één keer iets regelen."),
        ),
        "niets_doen": (
            ("", "Te laat komen gaat door en de leerplichtambtenaar wordt ingeschakeld."),
            ("", "{Mv} blijft elke dag heen en weer rijden; de ochtenden blijven vol."),
        ),
        "eigen_stoel": (
            ("", "Ja: als ouder zou ik ook willen dat mijn kind zelf naar school kan."),
            ("", "Ja, dit is een gewone, redelijke oplossing."),
        ),
        "motivering": (
            (
                "fiets_meer",
                "Met een fiets komen {fietskinderen} zelf en op tijd op school; dat is goedkoper "
                "en eenvoudiger dan een busvergoeding.",
            ),
            (
                "fiets_een",
                "Met een fiets komt {fietskinderen} zelf en op tijd op school; dat is goedkoper "
                "en eenvoudiger dan een busvergoeding.",
            ),
            (
                "",
                "De fiets bereikt wat {mv} wil: zelfstandig naar school. Eén verstrekking in "
                "plaats van een maandelijkse regeling.",
            ),
        ),
    },
    1: {
        "effect": (
            ("", "Ik wil die baan als {beroep} aannemen zonder dat de deurwaarder mijn loon pakt."),
            ("", "Ik wil gaan werken bij {werkgever} en niet meteen weer in de problemen komen."),
            ("", "Ik wil van mijn schulden af, zodat werken weer zin heeft."),
        ),
        "middel": (
            ("", "Een lening"),
            ("", "Een voorschot op mijn loon"),
        ),
        "grondwaarde": (
            (
                "",
                "Werk als weg uit de bijstand is de kern van de Participatiewet; schuldhulp moet "
                "werk juist mogelijk maken.",
            ),
            (
                "",
                "Duurzaam werk zonder beslag past bij beide wetten: zelfstandig meedoen op een "
                "stabiele basis.",
            ),
        ),
        "kort_inwoner": (
            ("", "Het beslag vervalt; {mv} kan de baan over twee weken aannemen."),
            ("", "De {schuldeisers} schuldeisers worden in één keer betaald; er komt rust."),
        ),
        "lang_inwoner": (
            ("", "Met een contract voor {uren} uur kan de uitkering binnen een jaar stoppen."),
            ("", "Zonder schulden is de kans klein dat {mv} terugvalt in de bijstand."),
        ),
        "huishouden": (
            ("kind", "Er komt een vast inkomen voor {mv} en {kinderen}."),
            ("partner", "{partner} hoeft de vaste lasten niet langer alleen te dragen."),
            ("alleen", "{Mv} woont alleen; geen gevolgen voor anderen in huis."),
            ("ouders", "De ouders hoeven niet langer bij te springen met geld."),
        ),
        "omgeving": (
            ("", "{Werkgever} houdt de plek vrij tot de schulden geregeld zijn."),
            ("", "De schuldeisers stemmen in met een eenmalige betaling van de hoofdsom."),
        ),
        "vermogens": (
            ("", "{Mv} heeft ervaring als {beroep}; de werkgever is positief na de proefdag."),
            ("", "Gemotiveerd en betrouwbaar volgens {coach}; houdt afspraken goed na."),
        ),
        "financieel": (
            (
                "",
                "Eenmalig ongeveer {bedrag} euro, tegenover twaalf maanden bijstand en het risico "
                "op huisuitzetting.",
            ),
            ("", "{kosten} euro nu, tegenover ruim 15.000 euro bijstand per jaar als niets lukt."),
        ),
        "beleid": (
            (
                "",
                "De beleidsregel staat aflossen uit bijzondere bijstand niet toe; hier wijken we "
                "af omdat het werk de uitkering beëindigt.",
            ),
            ("", "Afwijking van beleid; voorgelegd aan de teamleider zoals ons werkproces vraagt."),
        ),
        "niets_doen": (
            (
                "",
                "{Mv} zegt de baan af of werkt met beslag; uitval binnen drie maanden is "
                "waarschijnlijk.",
            ),
            ("", "De schulden groeien door incassokosten en de uitkering loopt door."),
        ),
        "eigen_stoel": (
            ("", "Ja: werken terwijl de deurwaarder alles pakt, zou ik ook niet volhouden."),
            ("", "Ja. Ik zou ook willen dat werken iets oplevert."),
        ),
        "motivering_afwijking": (
            (
                "",
                "De beleidsregel sluit aflossen van schulden uit. Hier houdt die regel {mv} in "
                "de bijstand; met eenmalig ongeveer {bedrag} euro kan {zij} aan het werk bij "
                "{werkgever}.",
            ),
            (
                "",
                "Afwijken is nodig: zonder aflossing gaat de baan als {beroep} niet door en "
                "blijven de kosten voor de gemeente hoger.",
            ),
        ),
        "motivering": (
            (
                "",
                "Het besluit maakt het mogelijk dat {mv} de baan als {beroep} aanneemt; de kosten "
                "zijn lager dan een jaar bijstand.",
            ),
            (
                "",
                "Met de aflossing van de kleine schulden vervalt het beslag en kan {mv} aan het "
                "werk; zo stopt de uitkering.",
            ),
        ),
    },
    2: {
        "effect": (
            ("", "Ik wil van de uitkering af en {bedrijf} opbouwen."),
            (
                "",
                "Ik wil de eerste maand van mijn bedrijf doorkomen zonder weer bijstand te vragen.",
            ),
        ),
        "middel": (
            ("", "Een uitstroompremie"),
            ("", "Een startkrediet"),
        ),
        "grondwaarde": (
            (
                "",
                "In het eigen levensonderhoud voorzien is wat de Participatiewet beoogt; een "
                "eigen bedrijf is daar een weg naar.",
            ),
            (
                "",
                "Uitstroom naar eigen inkomen is het doel van de wet; het middel, een maand "
                "overbrugging, is daar ondergeschikt aan.",
            ),
        ),
        "kort_inwoner": (
            (
                "",
                "De eerste maand zonder inkomsten wordt overbrugd; {mv} kan de eerste "
                "opdrachten afmaken.",
            ),
            ("", "{Mv} kan starten zonder meteen geld te lenen."),
        ),
        "lang_inwoner": (
            ("", "Als het bedrijf loopt, is {mv} blijvend uit de bijstand."),
            ("", "Eigen baas zijn past bij {hem}; de motivatie is groot."),
        ),
        "huishouden": (
            ("kind", "Het inkomen van het gezin wordt minder afhankelijk van de uitkering."),
            ("partner", "{partner} steunt het plan en helpt met de administratie."),
            ("alleen", "{Mv} woont alleen; de gevolgen blijven bij {hem}."),
            ("ouders", "De ouders steunen het plan; {mv} blijft voorlopig thuis wonen."),
        ),
        "omgeving": (
            ("", "Eerste klanten in {plaats} hebben al toegezegd."),
            ("", "Het bedrijf vult een gat in de buurt; er is vraag naar."),
        ),
        "vermogens": (
            (
                "",
                "{Mv} heeft vakkennis en een ondernemingsplan dat de Bbz-adviseur haalbaar vindt.",
            ),
            ("", "Ervaring in het vak en een goed netwerk; de administratie is nog een leerpunt."),
        ),
        "financieel": (
            (
                "",
                "Eén maand bijstand ({kosten} euro) tegenover naar schatting twee jaar uitkering "
                "als het bedrijf niet van de grond komt.",
            ),
            (
                "",
                "{kosten} euro, terug te betalen bij terugkeer binnen een jaar; twee jaar "
                "bijstand kost ruim 30.000 euro.",
            ),
        ),
        "beleid": (
            (
                "",
                "Het beleid kent geen overbruggingsuitkering; maatwerk, terug te betalen als "
                "{mv} binnen een jaar terugkomt.",
            ),
            (
                "",
                "Past bij ons werkprincipe: wie zelf de stap naar werk zet, helpen we over de "
                "drempel. Afwijking van de regel, daarom voorgelegd.",
            ),
        ),
        "niets_doen": (
            ("", "{Mv} stopt met het plan en blijft in de bijstand."),
            ("", "{Mv} leent bij vrienden en begint met een schuld."),
        ),
        "eigen_stoel": (
            ("", "Ja; met de voorwaarde van terugbetalen is het eerlijk voor iedereen."),
            ("", "Ja: ik zou ook de kans willen om mijn eigen bedrijf te beginnen."),
        ),
        "motivering_afwijking": (
            (
                "",
                "Geen regeling voorziet in een overbruggingsmaand; één maand bijstand is veel "
                "goedkoper dan de uitkering die blijft als het bedrijf niet start.",
            ),
            (
                "",
                "We wijken af van beleid omdat {bedrijf} de beste kans is op blijvend werk; de "
                "terugbetaalplicht houdt het eerlijk.",
            ),
        ),
        "motivering": (
            (
                "",
                "Eén maand overbrugging maakt de start van {bedrijf} mogelijk; terug te betalen "
                "als {mv} binnen een jaar weer bijstand nodig heeft.",
            ),
            (
                "",
                "Met een maand overbrugging kan {mv} starten met {bedrijf}; dat is goedkoper "
                "dan de uitkering die anders doorloopt.",
            ),
        ),
    },
    3: {
        "effect": (
            ("!ouders", "Ik wil rust in mijn hoofd en mijn huis houden."),
            ("", "Ik wil dat de vaste lasten betaald worden, zodat ik niet meer wakker lig."),
            ("kind", "Ik wil met {kinderen} in ons huis blijven wonen."),
        ),
        "middel": (
            ("", "Een uitkering"),
            ("", "Hulp bij mijn geldzaken"),
        ),
        "grondwaarde": (
            (
                "",
                "Bestaanszekerheid en een dak boven het hoofd zijn de basis van de Participatiewet "
                "en de Wmo.",
            ),
            ("", "Het effect past: eerst stabiliteit, dan kan {mv} weer verder kijken."),
        ),
        "kort_inwoner": (
            (
                "!ouders",
                "De huur en de energie worden weer op tijd betaald; de aanmaningen stoppen.",
            ),
            ("", "{Mv} hoeft niet meer elke rekening zelf te overzien; dat geeft lucht."),
        ),
        "lang_inwoner": (
            ("", "Met budgetbeheer leert {mv} weer overzicht te houden."),
            ("", "Na {maanden} maanden kijken we of {mv} het zelf weer kan."),
        ),
        "huishouden": (
            ("kinderen kind_4_17", "De kinderen houden hun vertrouwde huis en school."),
            (
                "een_kind kind_4_17",
                "{Kinderen} houdt het vertrouwde huis en blijft op dezelfde school.",
            ),
            ("kind_18", "{k18} kan thuis blijven wonen en de opleiding afmaken."),
            ("kind", "Het gezin kan in het vertrouwde huis blijven."),
            ("partner", "{partner} is betrokken bij het budgetplan."),
            ("alleen", "Geen huisgenoten; {mv} regelt het met de budgetbeheerder."),
            ("ouders", "De ouders worden niet meer aangesproken op de rekeningen."),
        ),
        "omgeving": (
            (
                "corporatie",
                "De woningcorporatie stopt de ontruimingsprocedure zolang de huur betaald wordt.",
            ),
            ("", "Schuldhulp en het wijkteam werken samen met de budgetbeheerder."),
        ),
        "vermogens": (
            ("h_psych", "Door de {klacht} lukt plannen nu niet; met steun gaat het beter."),
            ("", "{Mv} is bereid mee te werken en komt afspraken na."),
        ),
        "financieel": (
            (
                "!ouders",
                "{kosten} euro voor budgetbeheer en uitkering, tegenover opvang bij "
                "huisuitzetting.",
            ),
            (
                "",
                "Budgetbeheer en {maanden} maanden uitkering kosten {kosten} euro; "
                "maatschappelijke opvang kost een veelvoud.",
            ),
        ),
        "beleid": (
            ("", "Past binnen het beleid: bijstand onder voorwaarden (art. 55 Participatiewet)."),
            ("", "Past bij ons werkprincipe 'eerst rust, dan verder'; geen afwijking van beleid."),
        ),
        "niets_doen": (
            ("!ouders", "Huisuitzetting dreigt binnen enkele maanden; dan volgt opvang."),
            ("", "De schulden groeien verder en {mv} raakt het overzicht helemaal kwijt."),
        ),
        "eigen_stoel": (
            ("", "Ja; ik zou ook hulp willen als het me boven het hoofd groeit."),
            ("", "Ja; zonder deze hulp zou ik ook niet weten waar ik moest beginnen."),
        ),
        "motivering": (
            (
                "!ouders",
                "Bijstand voor {maanden} maanden met budgetbeheer geeft rust en voorkomt "
                "huisuitzetting; de voorwaarden zijn met {mv} besproken.",
            ),
            (
                "",
                "Bijstand voor {maanden} maanden met budgetbeheer brengt rust in de "
                "geldzaken; de voorwaarden zijn met {mv} besproken.",
            ),
            (
                "!ouders",
                "Het besluit houdt {mv} in huis en de lasten betaald; over {maanden} maanden "
                "bekijken we of budgetbeheer nog nodig is.",
            ),
        ),
    },
    4: {
        "effect": (
            (
                "",
                "Ik wil eerlijk opgeven wat ik van mijn {relatie} kreeg, zonder alles ineens terug "
                "te betalen.",
            ),
            ("", "Ik wil de erfenis van mijn {relatie} goed regelen en niet in de schulden raken."),
        ),
        "middel": (
            ("", "Geen terugvordering"),
            ("", "De erfenis niet meetellen"),
        ),
        "grondwaarde": (
            (
                "",
                "Bijstand is er voor wie niet genoeg heeft; de erfenis telt mee vanaf het moment "
                "dat {mv} erover kon beschikken.",
            ),
            (
                "",
                "Het effect, eerlijk meetellen zonder nieuwe schuld, past bij de bedoeling van "
                "de wet: bijstand als vangnet, niet als straf.",
            ),
        ),
        "kort_inwoner": (
            (
                "",
                "Geen terugvordering over de maanden voor {ontvangen}; {mv} hoeft niets te lenen.",
            ),
            ("", "Duidelijkheid: de erfenis telt mee vanaf {ontvangen}."),
        ),
        "lang_inwoner": (
            ("", "{Mv} leeft van de erfenis tot die op is en vraagt dan opnieuw bijstand."),
            ("", "Geen nieuwe schuld bij de gemeente die jaren blijft hangen."),
        ),
        "huishouden": (
            ("kind", "Voor {kinderen} verandert er niets; er komt geen terugvordering."),
            ("partner", "{partner} is op de hoogte en steunt de melding."),
            ("alleen", "{Mv} woont alleen; de gevolgen blijven bij {hem}."),
        ),
        "omgeving": (
            ("", "De notaris bevestigt de datum waarop het geld werd uitgekeerd."),
            ("", "Geen gevolgen voor anderen; de overige erfgenamen zijn al uitbetaald."),
        ),
        "vermogens": (
            ("", "{Mv} meldde de erfenis zelf en meteen; dat getuigt van goede wil."),
            ("", "{Mv} houdt de administratie zelf bij en heeft alle stukken van de notaris."),
        ),
        "financieel": (
            (
                "",
                "Ongeveer {erfenis} euro telt mee vanaf {ontvangen}; een terugvordering over "
                "eerdere maanden zou een schuld maken die de gemeente niet terugziet.",
            ),
            (
                "",
                "De erfenis van {erfenis} euro telt vanaf {ontvangen}; er is geen bedrag dat "
                "de gemeente moet voorschieten.",
            ),
        ),
        "beleid": (
            (
                "",
                "De beleidsregel rekent vanaf de datum van overlijden; de wet kijkt naar wat "
                "iemand werkelijk kan gebruiken.",
            ),
            (
                "",
                "Afwijking van de beleidsregel over de ingangsdatum; daarom voorgelegd aan de "
                "teamleider.",
            ),
        ),
        "niets_doen": (
            (
                "",
                "Een terugvordering vanaf de overlijdensdatum maakt een schuld; schuldhulp volgt.",
            ),
            ("", "Terugvorderen over maanden zonder geld maakt een schuld die jaren blijft."),
        ),
        "eigen_stoel": (
            ("", "Ja: ik kan geen geld uitgeven dat ik nog niet heb."),
            ("", "Ja; wie eerlijk meldt, moet niet gestraft worden voor de trage afwikkeling."),
        ),
        "motivering_afwijking": (
            (
                "",
                "De beleidsregel telt de erfenis vanaf de overlijdensdatum; {mv} kon er pas op "
                "{ontvangen} over beschikken. Vanaf dan meetellen doet recht aan art. 31 en 34 "
                "Participatiewet.",
            ),
            (
                "",
                "Afwijken voorkomt een schuld die {mv} niet kan betalen: de erfenis was er pas "
                "op {ontvangen}.",
            ),
        ),
        "motivering": (
            (
                "",
                "De erfenis van ongeveer {erfenis} euro telt mee vanaf {ontvangen}, de dag "
                "waarop {mv} erover kon beschikken; er is geen terugvordering daarvoor.",
            ),
            (
                "",
                "Het besluit telt de erfenis mee vanaf {ontvangen}, toen {mv} het geld kreeg; "
                "zo ontstaat geen schuld die niet te betalen is.",
            ),
        ),
    },
}
TOETS_CONDITIONS: dict[int, tuple[str, ...]] = {
    1: (
        "Meewerken aan schuldhulpverlening",
        "Wijzigingen in het loon meteen doorgeven",
    ),
    2: (
        "Terugbetalen als u binnen een jaar weer bijstand aanvraagt",
        "Elk kwartaal de cijfers van het bedrijf laten zien",
    ),
    3: (
        "Meewerken aan budgetbeheer",
        "Elke maand een gesprek met de klantmanager",
    ),
}
APPROVAL_COMMENTS = (
    "Akkoord, goed gemotiveerd.",
    "Akkoord; de kostenvergelijking overtuigt.",
    "Akkoord. Graag over drie maanden een korte terugkoppeling.",
    "Akkoord, mooi voorbeeld van maatwerk; neem ik mee naar het beleidsoverleg.",
)

# ---------------------------------------------------------------------- boete
FINE_BREACHES: tuple[tuple[str, str], ...] = (
    ("w_parttime", "Inkomsten uit werk niet op tijd doorgegeven"),
    ("partner", "Inkomsten van de partner niet doorgegeven"),
    ("w_ondernemer", "Inkomsten uit de eigen onderneming niet doorgegeven"),
    ("eenouder minderjarig", "Ontvangen kinderalimentatie niet doorgegeven"),
    ("", "Spaargeld op een tweede rekening niet opgegeven"),
    ("", "Verblijf in het buitenland langer dan vier weken niet gemeld"),
    ("", "Inkomsten uit verkoop via internet niet doorgegeven"),
)
# (tags, dringende redenen, heroverwegingsnotitie)
FINE_WAIVERS: tuple[tuple[str, str, str], ...] = (
    (
        "w_werkzoekend",
        "Lopend werktraject met uitzicht op uitstroom.",
        "Inwoner zit in een werktraject; boete zou dat doorkruisen.",
    ),
    (
        "w_parttime",
        "Lopend werktraject met uitzicht op uitstroom.",
        "Werkgever biedt meer uren aan; een boete zou die stap doorkruisen.",
    ),
    (
        "schulden",
        "Een boete zou het lopende schuldhulptraject laten mislukken.",
        "Schuldhulpverlener meldt dat het minnelijk traject stopt bij een nieuwe schuld.",
    ),
    (
        "eenouder",
        "Alleenstaande ouder; de boete brengt de vaste lasten van het gezin in gevaar.",
        "Gesprek met het wijkteam: het gezin heeft geen ruimte voor een extra betaling.",
    ),
    (
        "w_beperkt",
        "Ernstige gezondheidsklachten; de boete staat het herstel in de weg.",
        "Huisarts bevestigt de klachten in de periode van de overtreding.",
    ),
    (
        "",
        "Inwoner meldde de fout zelf en heeft het bedrag al terugbetaald.",
        "Terugbetaling van het benadelingsbedrag is ontvangen; inwoner meldde het zelf.",
    ),
)
FINE_OUTCOMES = (
    "Inwoner erkent de fout; boete volgens voorstel.",
    "Inwoner erkent de fout en begrijpt de meldplicht; boete volgens voorstel, in termijnen.",
)
FINE_OUTCOME_WAIVED = (
    "Afgezien van een boete wegens dringende redenen; meldplicht nog eens uitgelegd."
)
