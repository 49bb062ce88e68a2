"""The inzage (AVG art. 15) and the case for the casusoverleg, anonymous and in full."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf.generic import StreamObject

from tests import pdftools
from tests.conftest import today
from werkplein.demo import build_demo, demo_moment
from werkplein.domain import bsn as bsn_rules
from werkplein.domain.roles import Role
from werkplein.domain.vocab import AFWEGING
from werkplein.errors import NotAllowed, ValidationFailed
from werkplein.export import casus, inzage
from werkplein.services import documents
from werkplein.services.session import Session, User
from werkplein.store.audit import for_resident
from werkplein.store.clock import FixedClock
from werkplein.store.profile import TEST_ITERATIONS

PASSPHRASE = "correct horse battery staple"

# the resident of the casusoverleg: every identifying detail is distinctive, so a search
# for it cannot hit an unrelated word
PERSON = {
    "first_names": "Wilhelmina Fennegien",
    "prefix": "van",
    "last_name": "Zwanenburg",
    "birth_date": "1984-03-07",
    "street": "Klaproosstraat",
    "house_number": "17b",
    "postcode": "7321 KX",
    "city": "Hoeverveen",
    "gemeente": "Lindendal",
    "phone": "06-12345678",
    "email": "w.zwanenburg@voorbeeld.nl",
    "contact_preference": "telefoon",
}
PARTNER, CHILD = "Jorinde", "Thijmen"
FORBIDDEN = [
    "Wilhelmina",
    "Fennegien",
    "Zwanenburg",
    "Klaproosstraat",
    "7321 KX",
    "7321KX",
    "1984-03-07",
    "7 maart 1984",
    "07-03-1984",
    PARTNER,
    CHILD,
    "2015-09-12",
    "12 september 2015",
    "06-12345678",
    "0612345678",
    "12345678",
    "w.zwanenburg@voorbeeld.nl",
    "Hoeverveen",
    "Lindendal",
]


def valid_bsn(first_eight: str) -> str:
    for n in range(int(first_eight), int(first_eight) + 100):
        digit = bsn_rules.check_digit_for(f"{n:08d}")
        if digit is not None:
            return f"{n:08d}{digit}"
    raise AssertionError("no BSN found")


BSN = valid_bsn("99812345")


def expected_band(born: str, day: dt.date) -> str:
    """The age band the casus shows for someone born on ``born`` (ISO), counted on ``day``."""
    birth = dt.date.fromisoformat(born)
    age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    if age < 18:
        return "jonger dan 18 jaar"
    if age >= 65:
        return "65 jaar of ouder"
    low, high = next(
        (lo, hi) for lo, hi in ((18, 25), (25, 35), (35, 45), (45, 55), (55, 65)) if lo <= age < hi
    )
    return f"{low} tot {high} jaar"


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    folder = tmp_path_factory.mktemp("inzage") / "demo"
    day = today()
    build_demo(
        folder,
        PASSPHRASE,
        residents=40,
        seed=1,
        role="teamleider",
        kdf_iterations=TEST_ITERATIONS,
        today=day,
    )
    # opened at the moment the region is made as of, as a user who just built it
    with Session.open(folder, PASSPHRASE, clock=FixedClock(demo_moment(day))) as opened:
        yield opened


def as_role(session: Session, role: Role) -> Session:
    user = next(u for u in session.colleagues().values() if u["role"] == role.value)
    return Session(session.store, User(user["id"], user["name"], role))


@pytest.fixture(scope="module")
def person(session: Session) -> tuple[str, str]:
    """(inwoner id, casus id) of a resident whose own texts name them, their street and family."""
    residents, cases = session.residents, session.cases
    inwoner_id = residents.create(bsn=BSN, **PERSON)
    residents.add_household_member(inwoner_id, PARTNER, "partner", "1982-05-01")
    residents.add_household_member(inwoner_id, CHILD, "kind", "2015-09-12")
    casus_id = cases.open(inwoner_id, "Rust in huis voor Wilhelmina")
    cases.update(
        casus_id,
        beoogd_effect=(
            "Ik, Wilhelmina van Zwanenburg, wil dat Jorinde en THIJMEN rustig kunnen wonen "
            "aan de Klaproosstraat 17b."
        ),
        gevraagd_middel="Huurtoeslag voor mevrouw Zwanenburg",
    )
    cases.complete_step(casus_id, 1)
    cases.update(
        casus_id,
        wetten=["pw", "wgs"],
        grondwaarde_past="ja",
        grondwaarde_toelichting="Zwanenburg wil meedoen; bel haar op 06 1234 5678.",
    )
    cases.complete_step(casus_id, 2)
    afweging = dict.fromkeys(AFWEGING, "Besproken met Wilhelmina en Jorinde.")
    afweging["huishouden"] = (
        "Thijmen (geboren 12 september 2015) gaat in 7321KX naar school; mevrouw is geboren "
        "op 07-03-1984 (1984-03-07) en woont in Hoeverveen, gemeente Lindendal."
    )
    afweging["financieel"] = (
        f"BSN {BSN[:4]}.{BSN[4:6]}.{BSN[6:]} gecontroleerd; mail via w.zwanenburg@voorbeeld.nl."
    )
    cases.update(
        casus_id,
        afweging=afweging,
        kosten_interventie=[{"code": "fiets", "aantal": 1}],
        kosten_niets_doen=[{"code": "huisuitzetting", "aantal": 1}],
    )
    cases.complete_step(casus_id, 3)
    cases.update(
        casus_id,
        instrumenten=[{"wet": "Participatiewet", "artikel": "35", "toelichting": "voor Jorinde"}],
        rechtmatig=True,
        afwijking_beleid=True,
        motivering_afwijking="Zonder hulp raakt de familie van Zwanenburg de woning kwijt.",
    )
    cases.complete_step(casus_id, 4)
    session.decisions.draft(
        casus_id,
        uitkomst="toegekend_voorwaarden",
        voorwaarden=["Wilhelmina meldt zich bij schuldhulp"],
        motivering="Het gezin Zwanenburg blijft in de Klaproosstraat wonen.",
    )
    plan_id = session.plans.create(inwoner_id, "Over een jaar wil ik, Wilhelmina, werk hebben.")
    session.plans.set_row(
        plan_id, "gezin", nu="Thijmen slaapt slecht", afspraken="Wijkteam", over_een_jaar="Rust"
    )
    return inwoner_id, casus_id


def decoded_streams(data: bytes) -> bytes:
    """The stored file plus every stream decoded by pypdf (Flate, ASCII85: what zlib alone
    would miss), each page's content stream included. Embedded font programs are left out:
    they hold glyph outlines and a character map that counts through every code in order, so
    any run of digits or letters "occurs" in them as UTF-16 without being document text."""
    reader = pdftools.reader(data)
    parts = [data]
    for page in reader.pages:
        contents = page.get_contents()
        assert contents is not None
        parts.append(contents.get_data())
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if isinstance(obj, StreamObject) and "/Length1" not in obj:
            parts.append(obj.get_data())
    return b"\n".join(parts)


def encodings(term: str) -> list[bytes]:
    out = [term.encode("utf-8"), term.encode("utf-16-be")]
    with contextlib.suppress(UnicodeEncodeError):
        out.append(term.encode("latin-1"))
    return out


def only_file(folder: Path, name: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == [name]


def exports(session: Session, inwoner_id: str, detail: str) -> int:
    return sum(
        1
        for e in for_resident(session.store.conn, inwoner_id)
        if e.action == "export" and e.detail == detail
    )


# ---------------------------------------------------------------------- inzage
def resident_with_everything(session: Session, werkcoach_id: str) -> str:
    """A demo resident with notes, a decision and a fine, never touched by the werkcoach."""
    for resident in session.store.find("inwoner"):
        rid = resident["id"]
        if not (
            session.store.find("besluit", "inwoner_id = ?", (rid,))
            and session.store.find("boete", "inwoner_id = ?", (rid,))
        ):
            continue
        if any(e.user_id == werkcoach_id for e in for_resident(session.store.conn, rid)):
            continue
        if any(
            n["author_id"] == werkcoach_id
            for n in session.store.find("notitie", "inwoner_id = ?", (rid,))
        ):
            continue
        return str(rid)
    raise AssertionError("the demo has no such resident")


def audit_part(text: str) -> str:
    head = "Wie uw gegevens heeft bekeken of veranderd"
    assert head in text
    return text[text.rindex(head) :]


def test_inzage_holds_everything_and_the_audit_log(session: Session) -> None:
    werkcoach = as_role(session, Role.WERKCOACH)
    inwoner_id = resident_with_everything(session, werkcoach.user.id)
    resident = session.store.require("inwoner", inwoner_id)
    before = pdftools.text(inzage.render(documents.inzage(session, inwoner_id)).data)
    assert werkcoach.user.name not in audit_part(before)

    werkcoach.residents.dossier(inwoner_id)  # a colleague opens the dossier
    rendered = inzage.render(documents.inzage(session, inwoner_id))
    assert rendered.inwoner_id == inwoner_id
    assert rendered.detail == "inzage"
    text = pdftools.text(rendered.data)

    assert "Overzicht van uw gegevens" in text
    assert "U vroeg welke gegevens wij over u bewaren" in text
    assert "Autoriteit Persoonsgegevens" in text
    assert f"{session.policy.retention_years()} jaar" in text
    assert resident["last_name"] in text
    assert resident["first_names"] in text
    assert resident["bsn"] in text
    assert resident["phone"] in text
    note = session.store.find("notitie", "inwoner_id = ?", (inwoner_id,))[0]
    assert " ".join(note["text"].split()) in text
    decision = session.store.find("besluit", "inwoner_id = ?", (inwoner_id,))[0]
    case = session.store.require("casus", decision["casus_id"])
    assert f"Besluit over “{case['title']}”, versie {decision['versie']}" in text
    assert " ".join(decision["motivering"].split()) in text
    fine = session.store.find("boete", "inwoner_id = ?", (inwoner_id,))[0]
    assert fine["overtreding"] in text
    for reconsideration in session.store.find("boete_notitie", "boete_id = ?", (fine["id"],)):
        assert " ".join(reconsideration["text"].split()) in text

    log = audit_part(text)
    assert f"{werkcoach.user.name} werkcoach Het dossier bekeken" in log
    assert "…" + session.store.device_id[-6:] in log
    entries = for_resident(session.store.conn, inwoner_id)
    assert f"{len(entries)} regels" in log


def test_inzage_with_hundreds_of_audit_entries(session: Session) -> None:
    inwoner_id = session.store.find("inwoner")[-1]["id"]
    boete = as_role(session, Role.BOETE_AMBTENAAR)
    for _n in range(300):
        boete.residents.get(inwoner_id)
    data = inzage.render(documents.inzage(session, inwoner_id)).data
    pages = pdftools.page_texts(data)
    text = " ".join(pages)
    assert text.count("Uw persoonsgegevens bekeken") >= 300
    audit_pages = [p for p in pages if "Uw persoonsgegevens bekeken" in p]
    assert len(audit_pages) >= 6
    # the header row repeats on every page of the table
    assert all("Wanneer Wie Wat Laptop" in p for p in audit_pages)
    assert all(pdftools.fonts(data).values())


def test_a_werkcoach_cannot_make_an_inzage(session: Session, tmp_path: Path) -> None:
    werkcoach = as_role(session, Role.WERKCOACH)
    resident = session.store.find("inwoner")[0]
    out = tmp_path / "inzage.pdf"
    with pytest.raises(NotAllowed):
        werkcoach.exports.inzage(resident["bsn"], out)
    with pytest.raises(NotAllowed):
        documents.inzage(werkcoach, resident["id"])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bsn", ["123456789", "12345678X", "99"])
def test_a_malformed_bsn_writes_nothing(session: Session, tmp_path: Path, bsn: str) -> None:
    assert not bsn_rules.is_valid(bsn)
    with pytest.raises(ValidationFailed):
        session.exports.inzage(bsn, tmp_path / "inzage.pdf")
    assert list(tmp_path.iterdir()) == []


def test_inzage_export_is_written_and_audited(
    session: Session, person: tuple[str, str], tmp_path: Path
) -> None:
    inwoner_id, _casus_id = person
    before = exports(session, inwoner_id, "inzage")
    out = tmp_path / "inzage.pdf"
    session.exports.inzage(BSN.replace("", " ").strip(), out)  # spaces are allowed
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    only_file(tmp_path, "inzage.pdf")
    assert exports(session, inwoner_id, "inzage") == before + 1
    text = pdftools.text(data)
    assert "Zwanenburg" in text
    assert BSN in text
    assert PARTNER in text
    assert all(pdftools.fonts(data).values())


# ---------------------------------------------------------------------- casusoverleg
def test_the_anonymous_casus_names_nobody(
    session: Session, person: tuple[str, str], tmp_path: Path
) -> None:
    inwoner_id, casus_id = person
    before = exports(session, inwoner_id, f"casus-anoniem:{casus_id}")
    out = tmp_path / "casus.pdf"
    session.exports.casus(casus_id, out, anonymous=True)
    only_file(tmp_path, "casus.pdf")
    assert exports(session, inwoner_id, f"casus-anoniem:{casus_id}") == before + 1

    data = out.read_bytes()
    text = pdftools.text(data)
    folded = text.casefold()
    for term in [*FORBIDDEN, BSN, f"{BSN[:4]}.{BSN[4:6]}.{BSN[6:]}"]:
        assert term.casefold() not in folded, term
    everything = decoded_streams(data)
    for term in [*FORBIDDEN, BSN]:
        for encoded in encodings(term):
            assert encoded not in everything, term
    assert b"Casus voor het casusoverleg" in everything  # the decoding sees metadata

    assert "Geanonimiseerd voor het casusoverleg" in text
    assert expected_band(PERSON["birth_date"], session.today()) in text
    assert "met partner en 1 kind" in text
    # the free text is still there, with placeholders instead of who and where
    assert (
        "Ik, [inwoner], wil dat [gezinslid] en [gezinslid] rustig kunnen wonen aan de [adres]"
        in text
    )
    assert "[geboortedatum]" in text
    assert "[postcode]" in text
    assert "[BSN]" in text
    assert "[telefoon]" in text
    assert "[e-mail]" in text
    assert "[woonplaats]" in text
    assert "Huurtoeslag voor mevrouw [inwoner]" in text
    assert "Wijkteam" in text
    assert "[gezinslid] slaapt slecht" in text
    assert "Sanne Verbeek" not in text
    assert session.user.name not in text
    assert all(pdftools.fonts(data).values())


def test_the_full_casus_shows_the_resident(
    session: Session, person: tuple[str, str], tmp_path: Path
) -> None:
    inwoner_id, casus_id = person
    before = exports(session, inwoner_id, f"casus:{casus_id}")
    out = tmp_path / "casus-vol.pdf"
    session.exports.casus(casus_id, out, anonymous=False)
    only_file(tmp_path, "casus-vol.pdf")
    assert exports(session, inwoner_id, f"casus:{casus_id}") == before + 1
    data = out.read_bytes()
    text = pdftools.text(data)
    assert "Wilhelmina Fennegien van Zwanenburg" in text
    assert BSN in text
    assert "Klaproosstraat 17b, 7321 KX Hoeverveen" in text
    assert PARTNER in text
    assert "7 maart 1984" in text
    assert "Ik, Wilhelmina van Zwanenburg, wil dat Jorinde" in text
    assert "Gemeente Lindendal" in text
    assert "Geanonimiseerd" not in text
    assert all(pdftools.fonts(data).values())


def test_a_casus_render_names_its_detail(session: Session, person: tuple[str, str]) -> None:
    inwoner_id, casus_id = person
    anonymous = casus.render(documents.casus(session, casus_id), anonymous=True)
    full = casus.render(documents.casus(session, casus_id), anonymous=False)
    assert (anonymous.inwoner_id, anonymous.detail) == (inwoner_id, f"casus-anoniem:{casus_id}")
    assert (full.inwoner_id, full.detail) == (inwoner_id, f"casus:{casus_id}")


# ---------------------------------------------------------------------- the pieces
def test_scrubbing_replaces_whole_words_only() -> None:
    scrub = casus.Scrubber.for_resident(
        {"first_names": "Jan", "last_name": "Bos", "street": "Dorpsstraat", "house_number": "12"},
        [{"name": "Eva", "relation": "kind"}],
    )
    assert scrub("jan Bos en Eva, Dorpsstraat 12; Janssen in januari, 12 maanden, bosbes") == (
        "[inwoner] en [gezinslid], [adres]; Janssen in januari, 12 maanden, bosbes"
    )
    assert scrub(None) is None


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([], "alleenstaand, geen gezinsleden"),
        ([{"relation": "kind"}], "met 1 kind"),
        (
            [{"relation": "partner"}, {"relation": "kind"}, {"relation": "kind"}],
            "met partner en 2 kinderen",
        ),
        ([{"relation": "ouder"}, {"relation": "oom"}], "met 1 ouder en 1 ander gezinslid"),
    ],
)
def test_household_makeup(members: list[dict[str, str]], expected: str) -> None:
    assert casus.household_makeup(members) == expected


@pytest.mark.parametrize(
    ("born", "band"),
    [
        ("2010-01-01", "jonger dan 18 jaar"),
        ("2001-11-24", "18 tot 25 jaar"),
        ("1984-03-07", "35 tot 45 jaar"),
        ("1961-11-23", "65 jaar of ouder"),
    ],
)
def test_age_band(born: str, band: str) -> None:
    # a known-answer vector: the birth dates sit on the band edges around this fixed day
    assert casus.age_band(born, dt.date(2026, 11, 23)) == band


def test_audit_details_in_words() -> None:
    assert inzage.audit_action("view", "dossier") == "Het dossier bekeken"
    assert inzage.audit_action("view", "casus:0190") == "Een casus bekeken"
    assert inzage.audit_action("update", "besluit:0190") == "Een besluit gewijzigd"
    assert (
        inzage.audit_action("create", "gezinslid,inwoner,notitie")
        == "Uw persoonsgegevens, een gezinslid en een notitie toegevoegd"
    )
    assert inzage.audit_action("export", "casus-anoniem:0190") == (
        "Document gemaakt van een casus, zonder uw naam en andere gegevens"
    )
    assert re.fullmatch(r"…[0-9a-f]{6}", inzage.device("019aaff1-0681-7000-b5b1-65224a58b791"))
