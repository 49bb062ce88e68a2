"""The documents of the daily work: the huisbezoek report, the warme overdracht summary and the
boete-ambtenaar's preparation sheet for the confrontatiegesprek."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import pdftools
from tests.conftest import make_demo, run_clock
from werkplein import i18n
from werkplein.domain.roles import Role
from werkplein.errors import NotAllowed
from werkplein.services.session import Session, User
from werkplein.store.audit import for_resident
from werkplein.store.store import Record

PASSPHRASE = "correct horse battery staple"
OBSERVATION = "Rugklachten; fysio <2x> per week & wacht op de huisarts. Café één keer per week."
QUICK_NOTE = "Inwoner wil hulp bij het invullen van formulieren."
FINE_BREACH = "Vakantiegeld niet gemeld (alleen voor de boete-ambtenaar)"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """One demo region (owner: the teamleider, so every kind of record exists), with a joint
    visit that has a ticked checklist item, an extra observation and a quick note, and a fine
    for a resident who also has a handover."""
    previous = i18n.language()
    i18n.set_language("nl")
    folder = tmp_path_factory.mktemp("work-documents") / "demo"
    make_demo(folder, residents=40, seed=1, role="teamleider")
    session = Session.open(folder, PASSPHRASE, clock=run_clock())
    # a joint visit still planned: recorded during the visit, then completed (after that it
    # is locked; a quick note then is an addendum)
    planned = session.store.find("huisbezoek", "status = 'gepland'", (), "gepland_op")
    visit = next(v for v in planned if len(v.get("medewerkers") or []) > 1)
    session.visits.tick(visit["id"], visit["checklist"][0]["item"], True)
    session.visits.observe(visit["id"], "wonen", "Ruime woning; de kamers zijn netjes.")
    session.visits.observe(visit["id"], "financien", "De huur wordt op tijd betaald.")
    session.visits.observe(visit["id"], "gezondheid", OBSERVATION)
    session.visits.quick_note(visit["id"], "Afspraak gemaakt voor vervolggesprek.", "werk")
    session.visits.quick_note(visit["id"], QUICK_NOTE, "financien")
    session.visits.complete(visit["id"])
    session.store.set_meta(JOINT, visit["id"])
    handover = session.store.find("overdracht", "", (), "verzonden_op")[0]
    session.fines.open(
        handover["inwoner_id"], FINE_BREACH, benadelingsbedrag_cent=123_456, verwijtbaarheid="opzet"
    )
    try:
        yield session
    finally:
        session.close()
        i18n.set_language(previous)


# ---------------------------------------------------------------------- helpers
JOINT = "test.joint_visit"  # meta: the joint visit the fixture carried out


def joint_visit(session: Session) -> Record:
    """The joint visit the fixture recorded and completed."""
    visit_id = session.store.meta(JOINT)
    assert visit_id, "the demo must hold a joint visit still planned"
    return session.store.require("huisbezoek", visit_id)


def as_role(session: Session, role: Role) -> Session:
    user = next(u for u in session.colleagues().values() if u["role"] == role.value)
    return Session(session.store, User(user["id"], user["name"], role))


def exports_of(session: Session, inwoner_id: str) -> list[str]:
    return [e.detail for e in for_resident(session.store.conn, inwoner_id) if e.action == "export"]


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Every font on any page -> does its descriptor hold an embedded TrueType program?"""
    out: dict[str, bool] = {}
    for page in pdftools.reader(path).pages:
        resources: Any = page["/Resources"]
        fonts: Any = resources.get_object().get("/Font")
        for ref in (fonts.get_object() if fonts is not None else {}).values():
            font = ref.get_object()
            if "/DescendantFonts" in font:  # a composite font: the program is one level down
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            out[str(font.get("/BaseFont"))] = "/FontFile2" in descriptor
    return out


def dutch_money(cents: int) -> str:
    """``€ 1.234,56`` written out by hand (not through the code under test)."""
    euros, rest = divmod(cents, 100)
    return f"€ {euros:,}".replace(",", ".") + f",{rest:02d}"


def check_document(session: Session, folder: Path, out: Path, inwoner_id: str, detail: str) -> str:
    """What every document must be: alone in its folder, fonts embedded, "Pagina x van N" on
    every page, one export in the audit log (ids only). Returns the text."""
    assert out.is_file()
    assert list(folder.iterdir()) == [out], "no temporary file may be left behind"
    fonts = embedded_fonts(out)
    assert fonts, "the document must use fonts"
    assert all(fonts.values()), f"fonts not embedded: {fonts}"
    pages = pdftools.page_texts(out)
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in page
    assert exports_of(session, inwoner_id)[-1] == detail
    return pdftools.text(out)


def squash(value: str) -> str:
    return re.sub(r"\s+", " ", value)


# ---------------------------------------------------------------------- huisbezoek
def test_visit_report_holds_observations_checklist_and_notes(demo: Session, tmp_path: Path) -> None:
    visit = demo.store.require("huisbezoek", joint_visit(demo)["id"])
    out = tmp_path / "huisbezoek.pdf"
    before = len(exports_of(demo, visit["inwoner_id"]))

    demo.exports.visit(visit["id"], out)

    text = check_document(demo, tmp_path, out, visit["inwoner_id"], f"huisbezoek:{visit['id']}")
    assert len(exports_of(demo, visit["inwoner_id"])) == before + 1
    resident = demo.store.require("inwoner", visit["inwoner_id"])
    assert "Verslag huisbezoek" in text
    assert resident["bsn"] in text
    assert resident["last_name"] in text
    assert squash(OBSERVATION) in text  # escaped markup characters print as typed
    assert squash(visit["obs_wonen"]) in text
    # observations in the order of the leefgebieden: Wonen before Financiën before Gezondheid
    order = [text.index(squash(visit[f])) for f in ("obs_wonen", "obs_financien")]
    order.append(text.index(squash(OBSERVATION)))
    assert order == sorted(order)
    # the checklist reads without colour: done and not done in words
    first, second = visit["checklist"][0]["item"], visit["checklist"][1]["item"]
    assert f"{first} ☑ gedaan" in text
    assert f"{second} ☐ niet gedaan" in text
    assert "1 van de 8 onderdelen gedaan." in text
    assert QUICK_NOTE in text
    assert "Afspraak gemaakt voor vervolggesprek." in text
    assert "Intern" not in text


def test_joint_visit_names_both_colleagues(demo: Session, tmp_path: Path) -> None:
    visit = joint_visit(demo)
    out = tmp_path / "huisbezoek.pdf"

    demo.exports.visit(visit["id"], out)

    text = pdftools.text(out)
    colleagues = demo.colleagues()
    assert len(visit["medewerkers"]) == 2
    for user_id in visit["medewerkers"]:
        assert colleagues[user_id]["name"] in text
    assert "klantmanager" in text
    assert "werkcoach" in text
    assert "Gezamenlijk bezoek ja, 2 medewerkers" in text


def test_planned_visit_says_no_observations_were_recorded(demo: Session, tmp_path: Path) -> None:
    visit = demo.store.find("huisbezoek", "status = 'gepland'", (), "gepland_op")[0]
    out = tmp_path / "gepland.pdf"

    demo.exports.visit(visit["id"], out)

    text = check_document(demo, tmp_path, out, visit["inwoner_id"], f"huisbezoek:{visit['id']}")
    assert "Bij dit bezoek zijn geen waarnemingen vastgelegd." in text
    assert "nog niet uitgevoerd" in text
    assert "Tijdens dit bezoek zijn geen notities gemaakt." in text


# ---------------------------------------------------------------------- warme overdracht
def test_handover_summary_holds_the_story_and_the_context(demo: Session, tmp_path: Path) -> None:
    handover = demo.store.find("overdracht", "status = 'geaccepteerd'", (), "verzonden_op")[0]
    out = tmp_path / "overdracht.pdf"
    before = len(exports_of(demo, handover["inwoner_id"]))

    demo.exports.handover(handover["id"], out)

    text = check_document(
        demo, tmp_path, out, handover["inwoner_id"], f"overdracht:{handover['id']}"
    )
    assert len(exports_of(demo, handover["inwoner_id"])) == before + 1
    colleagues = demo.colleagues()
    resident = demo.store.require("inwoner", handover["inwoner_id"])
    assert "Warme overdracht" in text
    assert squash(handover["situatie"]) in text
    assert squash(handover["wens_inwoner"]) in text
    assert f"{colleagues[handover['van_id']]['name']} (klantmanager)" in text
    assert f"{colleagues[handover['naar_id']]['name']} (werkcoach)" in text
    assert "geaccepteerd" in text
    assert "Gezamenlijke intake" in text
    assert resident["phone"] in text
    assert "Lopende casussen" in text


def test_returned_handover_shows_the_comment(demo: Session, tmp_path: Path) -> None:
    handover = demo.store.find("overdracht", "status = 'teruggestuurd'", (), "verzonden_op")[0]
    out = tmp_path / "overdracht.pdf"

    demo.exports.handover(handover["id"], out)

    text = pdftools.text(out)
    assert "Waarom de overdracht is teruggestuurd" in text
    assert squash(handover["reactie"]) in text


def test_a_werkcoach_exports_a_handover_without_any_fine(demo: Session, tmp_path: Path) -> None:
    handover = demo.store.find("overdracht", "", (), "verzonden_op")[0]
    assert demo.fines.for_resident(handover["inwoner_id"]), "the fixture gave them a fine"
    werkcoach = as_role(demo, Role.WERKCOACH)
    out = tmp_path / "overdracht.pdf"

    werkcoach.exports.handover(handover["id"], out)

    text = check_document(
        demo, tmp_path, out, handover["inwoner_id"], f"overdracht:{handover['id']}"
    )
    assert squash(handover["situatie"]) in text
    assert FINE_BREACH not in text
    assert "boete" not in text.lower()
    assert "€" not in text


# ---------------------------------------------------------------------- confrontatiegesprek
def planned_fine(session: Session) -> Record:
    fines = session.store.find("boete", "status = 'gesprek_gepland'", (), "gesprek_op")
    chosen = [
        f for f in fines if not f["afzien"] and (f["voorgesteld_bedrag_cent"] or 0) >= 100_000
    ]
    assert chosen, "the demo must hold a planned fine of at least a thousand euro"
    return chosen[0]


def test_fine_sheet_computes_the_fine_in_the_open(demo: Session, tmp_path: Path) -> None:
    fine = planned_fine(demo)
    voorstel = demo.fines.proposal(fine)
    out = tmp_path / "confrontatiegesprek.pdf"
    before = len(exports_of(demo, fine["inwoner_id"]))

    demo.exports.fine_talk(fine["id"], out)

    text = check_document(demo, tmp_path, out, fine["inwoner_id"], f"boete:{fine['id']}")
    assert len(exports_of(demo, fine["inwoner_id"])) == before + 1
    assert "Voorbereiding confrontatiegesprek" in text
    assert "Intern: niet voor de inwoner" in text
    assert squash(fine["overtreding"]) in text
    assert voorstel.bedrag_cent == fine["voorgesteld_bedrag_cent"]
    proposed = dutch_money(voorstel.bedrag_cent)
    assert re.fullmatch(r"€ \d{1,3}(\.\d{3})+,\d{2}", proposed)
    assert f"Voorgestelde boete {proposed}" in text
    assert f"{dutch_money(voorstel.basis_cent)} x {voorstel.percentage}%" in text
    assert dutch_money(fine["benadelingsbedrag_cent"]) in text
    per_month = voorstel.aflossing_per_maand_cent
    assert per_month is not None
    assert f"= {dutch_money(per_month)} per maand" in text
    assert "Boetebeleid van het team" in text
    assert "10% van de draagkracht" in text
    behandelaar = demo.colleagues()[fine["behandelaar_id"]]["name"]
    assert f"{behandelaar} (boete-ambtenaar)" in text
    assert "de klantmanager van de inwoner" in text  # the demo's fines have no case


def test_fine_sheet_numbers_the_agenda_with_room_for_notes(demo: Session, tmp_path: Path) -> None:
    fine = planned_fine(demo)
    out = tmp_path / "confrontatiegesprek.pdf"

    demo.exports.fine_talk(fine["id"], out)

    text = pdftools.text(out)
    agenda = fine["gesprek_agenda"]
    assert len(agenda) >= 3
    positions = [text.index(f"{n}. {squash(item)}") for n, item in enumerate(agenda, start=1)]
    assert positions == sorted(positions)
    assert len(note_boxes(out)) == len(agenda), "one box to write in under every point"


def note_boxes(path: Path) -> list[tuple[float, float]]:
    """The stroked rectangles taller than a line of text on every page (width, height)."""
    boxes = []
    for page in pdftools.reader(path).pages:
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
        for match in re.finditer(rb"(-?[\d.]+) (-?[\d.]+) re S", data):
            width, height = float(match.group(1)), float(match.group(2))
            if height > 40:  # the confidential marking in the header is one line high
                boxes.append((width, height))
    return boxes


def test_waived_fine_shows_the_urgent_reasons_and_the_notes(demo: Session, tmp_path: Path) -> None:
    fine = demo.store.find("boete", "afzien = 1", (), "overtreding_op")[0]
    notes = demo.fines.reconsiderations(fine["id"])
    assert notes
    out = tmp_path / "confrontatiegesprek.pdf"

    demo.exports.fine_talk(fine["id"], out)

    text = pdftools.text(out)
    assert "Afgezien wegens dringende redenen" in text
    assert "Voorgestelde boete € 0,00" in text
    assert squash(fine["dringende_redenen"]) in text
    assert squash(notes[0]["text"]) in text


def test_completed_fine_shows_the_outcome(demo: Session, tmp_path: Path) -> None:
    fine = demo.store.find("boete", "status = 'afgerond'", (), "overtreding_op")[0]
    out = tmp_path / "confrontatiegesprek.pdf"

    demo.exports.fine_talk(fine["id"], out)

    text = pdftools.text(out)
    assert squash(fine["gesprek_uitkomst"]) in text
    assert f"Vastgestelde boete {dutch_money(fine['vastgesteld_bedrag_cent'])}" in text


def test_a_werkcoach_may_not_export_the_fine_sheet(demo: Session, tmp_path: Path) -> None:
    fine = planned_fine(demo)
    werkcoach = as_role(demo, Role.WERKCOACH)
    before = exports_of(demo, fine["inwoner_id"])

    with pytest.raises(NotAllowed):
        werkcoach.exports.fine_talk(fine["id"], tmp_path / "confrontatiegesprek.pdf")

    assert list(tmp_path.iterdir()) == []
    assert exports_of(demo, fine["inwoner_id"]) == before
