"""The motivated decision, the letter, the teamleider's batch and the shared page design."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import resource
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from tests import pdftools
from tests.conftest import days, make_demo, run_clock, today
from werkplein.domain.dates import local_day
from werkplein.domain.roles import Role
from werkplein.errors import (
    ExportCancelled,
    ExportIntoShare,
    ExportNotWritten,
    NotAllowed,
    RuleViolation,
    ValidationFailed,
)
from werkplein.i18n import _
from werkplein.services.session import Session, User
from werkplein.store.audit import for_resident

PASSPHRASE = "correct horse battery staple"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "demo"
    make_demo(folder, residents=40, seed=3, role="teamleider")
    return folder


@pytest.fixture
def session(demo: Path) -> Iterator[Session]:
    with Session.open(demo, PASSPHRASE, clock=run_clock()) as opened:
        yield opened


# the year up to today: the demo was built over the past year, so it holds every set decision
FROM, TO = days(-365), days(0)


def as_role(session: Session, role: Role) -> Session:
    user = next(u for u in session.colleagues().values() if u["role"] == role.value)
    return Session(session.store, User(user["id"], user["name"], role))


def set_decisions(session: Session, *, deviating: bool | None = None) -> list[dict]:
    found = session.store.find("besluit", "status = 'vastgesteld'", (), "vastgesteld_op")
    if deviating is not None:
        found = [d for d in found if bool(d["afwijking_beleid"]) is deviating]
    assert found, "the demo must hold set decisions"
    return found


def exports_in_audit(session: Session, inwoner_id: str) -> list[str]:
    return [e.detail for e in for_resident(session.store.conn, inwoner_id) if e.action == "export"]


# ---------------------------------------------------------------------- the decision
def test_decision_holds_the_four_steps_costs_approval_and_accountability(
    session: Session, tmp_path: Path
) -> None:
    decision = set_decisions(session, deviating=True)[0]
    approved = session.store.require("besluit", decision["id"])
    case = session.store.require("casus", decision["casus_id"])
    resident = session.store.require("inwoner", decision["inwoner_id"])
    out = tmp_path / "besluit.pdf"
    before = exports_in_audit(session, decision["inwoner_id"])

    session.exports.decision(decision["id"], out)

    text = pdftools.text(out)
    headings = ["1. Beoogd effect", "2. Grondwaarde", "3. Afweging", "4. Juridische toets"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions), "the law closes the process: steps in order"
    assert "Gemotiveerd besluit" in text
    assert case["beoogd_effect"] in text
    assert "Kosten van de interventie" in text
    assert "Kosten van niets doen" in text
    assert "Niets doen kost de samenleving naar schatting €" in text
    for instrument in case["instrumenten"]:
        assert instrument["wet"] in text
    assert "Goedkeuring door de teamleider" in text
    approver = session.colleagues()[approved["goedgekeurd_door"]]["name"]
    assert approver in text
    assert resident["bsn"] in text
    assert f"Gemeente {resident['gemeente']}" in text
    assert "Werkplein Lindenbeek" in text
    assert "VERTROUWELIJK" in text
    setting = [
        c
        for c in session.store.history("besluit", decision["id"])
        if c.fields.get("status", (None, None))[1] == "vastgesteld"
    ]
    assert setting[-1].op_id in text, "the audit reference names the change that set it"
    pages = pdftools.page_texts(out)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in page
    after = exports_in_audit(session, decision["inwoner_id"])
    assert after[len(before) :] == [f"besluit:{decision['id']}"]


def test_decision_without_deviation_has_no_approval_section(
    session: Session, tmp_path: Path
) -> None:
    decision = set_decisions(session, deviating=False)[0]
    session.exports.decision(decision["id"], tmp_path / "b.pdf")
    text = pdftools.text(tmp_path / "b.pdf")
    assert "Goedkeuring door de teamleider" not in text
    assert "Wijkt af van beleid nee" in text


def test_the_audit_sentence_stays_with_the_accountability_it_explains(
    session: Session, tmp_path: Path
) -> None:
    """No page holds only the closing sentence: it stays with the section it explains."""
    for decision in set_decisions(session):
        out = tmp_path / f"{decision['id']}.pdf"
        session.exports.decision(decision["id"], out)
        pages = pdftools.page_texts(out)
        [page] = [p for p in pages if "De auditreferentie is de regel" in p]
        for part in ("Verantwoording", "Versie", "Vastgesteld door", "Auditreferentie"):
            assert part in page, (decision["id"], part)
        assert page is pages[-1]


def test_a_draft_is_marked_and_gets_no_letter(session: Session, tmp_path: Path) -> None:
    draft = session.store.find("besluit", "status = 'concept'")[0]
    session.exports.decision(draft["id"], tmp_path / "concept.pdf")
    assert "Concept: dit besluit is nog niet vastgesteld" in pdftools.text(tmp_path / "concept.pdf")
    with pytest.raises(RuleViolation):
        session.exports.letter(draft["id"], tmp_path / "brief.pdf")
    assert not (tmp_path / "brief.pdf").exists()


def test_set_decision_prints_the_steps_as_they_were_when_set(
    session: Session, tmp_path: Path
) -> None:
    """An archived decision does not change when the case is edited afterwards."""
    decision = set_decisions(session)[0]
    case = session.store.require("casus", decision["casus_id"])
    session.cases.reopen(case["id"])
    session.cases.update(case["id"], beoogd_effect="Een later geschreven, ander doel.")
    session.exports.decision(decision["id"], tmp_path / "b.pdf")
    text = pdftools.text(tmp_path / "b.pdf")
    assert decision["toets"]["beoogd_effect"] in text
    assert "Een later geschreven, ander doel." not in text


def test_dutch_characters_and_the_euro_sign_survive(session: Session, tmp_path: Path) -> None:
    inwoner = session.residents.create(
        bsn="999990019",
        first_names="Zoë Anaïs",
        last_name="Çelik-Brüggemann",
        birth_date="1985-03-01",
        gemeente="Lindendal",
    )
    casus = session.cases.open(inwoner, "Één fiets voor Zoë")
    session.cases.update(casus, beoogd_effect="Ik wil naar het café en de crèche: ïdee € 12,50.")
    draft = session.decisions.draft(casus, uitkomst="toegekend", motivering="Geëvalueerd.")
    session.exports.decision(draft, tmp_path / "b.pdf")
    text = pdftools.text(tmp_path / "b.pdf")
    for word in (
        "Zoë Anaïs",
        "Çelik-Brüggemann",
        "Één fiets",
        "café",
        "crèche",
        "ïdee",
        "€ 12,50",
        "Geëvalueerd",
    ):
        assert word in text


# ---------------------------------------------------------------------- the PDF itself
def test_every_font_is_embedded_and_none_is_a_standard_font(
    session: Session, tmp_path: Path
) -> None:
    decision = set_decisions(session)[0]
    session.exports.decision(decision["id"], tmp_path / "b.pdf")
    session.exports.letter(decision["id"], tmp_path / "l.pdf")
    for name in ("b.pdf", "l.pdf"):
        fonts = pdftools.fonts(tmp_path / name)
        assert fonts, "no fonts found"
        assert all(fonts.values()), fonts
        assert all("DejaVuSans" in f for f in fonts), fonts
        assert b"/Helvetica" not in (tmp_path / name).read_bytes()


def test_pdfa_2b_identification_output_intent_and_matching_metadata(
    session: Session, tmp_path: Path
) -> None:
    decision = set_decisions(session)[0]
    out = tmp_path / "b.pdf"
    session.exports.decision(decision["id"], out)
    xmp = pdftools.xmp(out)
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    reader = pdftools.reader(out)
    root = reader.trailer["/Root"].get_object()
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    assert profile.get_data()[36:40] == b"acsp"
    assert "/Filter" not in root["/Metadata"].get_object(), "XMP must be readable as is"
    info = reader.metadata
    assert info is not None
    assert info.title is not None
    assert f">{info.title}<" in xmp
    assert f"<pdf:Producer>{info.producer}</pdf:Producer>" in xmp
    assert "/Encrypt" not in reader.trailer
    assert "/ID" in reader.trailer
    created = info["/CreationDate"]  # D:YYYYMMDDHHmmSS+HH'mm'
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-]\d\d)'(\d\d)'", created)
    assert m is not None
    y, mo, d, h, mi, s, tzh, tzm = m.groups()
    assert f"<xmp:CreateDate>{y}-{mo}-{d}T{h}:{mi}:{s}{tzh}:{tzm}</xmp:CreateDate>" in xmp


def test_the_document_follows_the_language(session: Session, tmp_path: Path) -> None:
    from werkplein import i18n

    decision = set_decisions(session)[0]
    i18n.set_language("en")
    session.exports.decision(decision["id"], tmp_path / "en.pdf")
    i18n.set_language("nl")
    text = pdftools.text(tmp_path / "en.pdf")
    assert "Motivated decision" in text
    assert "CONFIDENTIAL" in text
    assert "Page 1 of" in text


# ---------------------------------------------------------------------- the letter
def _sentences(text: str) -> list[list[str]]:
    parts = re.split(r"(?<=[.?!:])\s+", text)
    return [p.split() for p in parts if p.split()]


def letter_sentences_nl() -> list[str]:
    """Every fixed sentence of the letter, as the resident reads it (Dutch)."""
    source = ROOT / "werkplein" / "export" / "letter.py"
    found = extract_from_file("python", str(source), keywords={"_": None, "N_": None})
    ids = [message for _line, message, _comments, _context in found]
    return [_(m if isinstance(m, str) else m[0]) for m in ids]


def test_letter_sentences_are_short_b1() -> None:
    sentences = [s for msg in letter_sentences_nl() for s in _sentences(msg)]
    assert len(sentences) > 40
    lengths = [len(s) for s in sentences]
    assert max(lengths) <= 15, [" ".join(s) for s in sentences if len(s) > 15]
    assert sum(lengths) / len(lengths) <= 8
    words = [w.strip(".,:?!{}()") for s in sentences for w in s]
    long_words = [w for w in words if len(w) > 13 and not w.startswith("{")]
    assert len(long_words) / len(words) < 0.03, long_words


def test_letter_content(session: Session, tmp_path: Path) -> None:
    decision = next(d for d in set_decisions(session) if d["voorwaarden"])
    resident = session.store.require("inwoner", decision["inwoner_id"])
    out = tmp_path / "brief.pdf"
    before = exports_in_audit(session, decision["inwoner_id"])
    session.exports.letter(decision["id"], out)
    text = pdftools.text(out)
    assert f"Beste {resident['first_names']}" in text
    assert resident["street"] in text
    assert resident["postcode"] in text
    assert "Wat hebben wij besloten?" in text
    assert "Wij zeggen ja tegen uw aanvraag. Daar horen wel afspraken bij." in text
    for condition in decision["voorwaarden"]:
        assert condition in text
    assert "Wanneer kijken wij opnieuw?" in text
    assert "U kunt ook bezwaar maken." in text
    assert "binnen 6 weken na de datum van deze brief" in text
    assert f"college van burgemeester en wethouders van {resident['gemeente']}" in text
    assert "VERTROUWELIJK" not in text
    assert "Met vriendelijke groet" in text
    # the short kenmerk, not the 36-character id, and how to use it on the phone
    kenmerk = decision["kenmerk"]
    assert re.fullmatch(r"WP-\d{4}-[0-9A-Z]{4}-\d+", kenmerk)
    assert f"Ons kenmerk {kenmerk}" in text
    assert f"Noem daarbij ons kenmerk: {kenmerk}." in text
    assert decision["id"] not in text
    # the legal basis, from step 4 as it stood when the decision was set
    laws = {i["wet"] for i in decision["toets"]["instrumenten"]}
    if len(laws) == 1:
        [instrument] = decision["toets"]["instrumenten"]
        sentence = (
            f"Wij nemen dit besluit op grond van artikel {instrument['artikel']} "
            f"van de {instrument['wet']}."
        )
        assert sentence in text
    else:
        assert "Wij nemen dit besluit op grond van: •" in text
        for instrument in decision["toets"]["instrumenten"]:
            assert f"artikel {instrument['artikel']} van de {instrument['wet']}" in text
    whole = [s for s in _sentences(text) if len(s) > 1]
    assert sum(map(len, whole)) / len(whole) <= 12, "the letter as printed reads at B1"
    after = exports_in_audit(session, decision["inwoner_id"])
    assert after[len(before) :] == [f"brief:{decision['id']}"]


def test_every_letter_names_the_legal_basis(session: Session, tmp_path: Path) -> None:
    for decision in set_decisions(session):
        session.exports.letter(decision["id"], tmp_path / "brief.pdf")
        text = pdftools.text(tmp_path / "brief.pdf")
        assert "Wij nemen dit besluit op grond van" in text
        for instrument in decision["toets"]["instrumenten"]:
            assert f"artikel {instrument['artikel']} van de {instrument['wet']}" in text


def test_the_legal_basis_names_articles_per_law_as_a_beschikking_does() -> None:
    from werkplein.export.letter import legal_basis

    assert legal_basis([{"wet": "Participatiewet", "artikel": "35"}]) == [
        "artikel 35 van de Participatiewet"
    ]
    assert legal_basis(
        [
            {"wet": "Participatiewet", "artikel": "art. 18", "toelichting": "maatwerk"},
            {"wet": "wgs", "artikel": "3"},  # a law's code becomes its name
            {"wet": "Participatiewet", "artikel": "35 lid 1"},
            {"wet": "Participatiewet", "artikel": "artikel 18"},  # named twice: once
            {"wet": "Jeugdwet", "artikel": ""},  # no article: not a basis
        ]
    ) == [
        "de artikelen 18 en 35 lid 1 van de Participatiewet",
        "artikel 3 van de Wet gemeentelijke schuldhulpverlening",
    ]
    assert legal_basis([]) == []


# ---------------------------------------------------------------------- the batch
def test_teamleider_batch_folder(session: Session, tmp_path: Path) -> None:
    out = tmp_path / "export"
    progress: list[tuple[int, int]] = []
    result = session.exports.decisions(FROM, TO, out, progress=lambda d, t: progress.append((d, t)))
    expected = set_decisions(session)
    assert result.decisions == len(expected)
    names = sorted(p.name for p in out.iterdir())
    pdfs = [n for n in names if n.startswith("besluit-")]
    assert len(pdfs) == len(expected)
    assert "overzicht.csv" in names
    assert "overzicht.pdf" in names
    assert len(names) == len(expected) + 2, "nothing else, no temporary files"
    rows = list(csv.DictReader(io.StringIO((out / "overzicht.csv").read_text("utf-8"))))
    # municipal scripts read these columns: new ones are only ever appended
    assert list(rows[0]) == [
        "besluit_id",
        "casus_id",
        "gemeente",
        "vastgesteld_op",
        "uitkomst",
        "afwijking_beleid",
        "versie",
        "goedgekeurd_op",
        "heroverweging_op",
        "bestand",
        "kenmerk",
    ]
    assert {r["besluit_id"] for r in rows} == {d["id"] for d in expected}
    for row in rows:
        record = session.store.require("besluit", row["besluit_id"])
        resident = session.store.require("inwoner", record["inwoner_id"])
        assert row["kenmerk"] == record["kenmerk"]
        assert row["gemeente"] == resident["gemeente"]
        assert row["uitkomst"] == record["uitkomst"]
        assert row["afwijking_beleid"] == ("true" if record["afwijking_beleid"] else "false")
        assert row["besluit_id"] in row["bestand"]
        assert (out / row["bestand"]).exists()
    overview = pdftools.text(out / "overzicht.pdf")
    deviating = sum(r["afwijking_beleid"] == "true" for r in rows)
    assert f"Vastgestelde besluiten {len(rows)}" in overview
    assert f"Afwijkend van beleid {deviating} (" in overview
    for gemeente in {r["gemeente"] for r in rows}:
        count = sum(r["gemeente"] == gemeente for r in rows)
        assert re.search(rf"{gemeente} {count} \d+%", overview)
    # headers wrap between words only; a kenmerk and an id stay whole (a break shows as a space)
    for header in ("Vastgesteld op", "Afwijkend", "Kenmerk en besluit-id"):
        assert header in overview
    for row in rows:
        assert f"{row['kenmerk']} {row['besluit_id']}" in overview
    assert progress[-1][0] == progress[-1][1]
    # no personal data in file names
    residents = [session.store.require("inwoner", d["inwoner_id"]) for d in expected]
    for resident in residents:
        assert not any(resident["last_name"] in n or resident["bsn"] in n for n in names)


def test_batch_filters_period_and_gemeente(session: Session, tmp_path: Path) -> None:
    every = set_decisions(session)
    gemeente = session.store.require("inwoner", every[0]["inwoner_id"])["gemeente"]
    result = session.exports.decisions(FROM, TO, tmp_path / "g", gemeente=gemeente.upper())
    rows = list(csv.DictReader(io.StringIO((tmp_path / "g/overzicht.csv").read_text("utf-8"))))
    assert rows
    assert {r["gemeente"] for r in rows} == {gemeente}
    assert result.decisions == len(rows)
    day = local_day(every[0]["vastgesteld_op"])  # the user's day, not the UTC one
    one_day = session.exports.decisions(day, day, tmp_path / "d")
    assert one_day.decisions == sum(local_day(d["vastgesteld_op"]) == day for d in every)
    long_ago = today().year - 10  # a year before the demo region existed
    empty = session.exports.decisions(f"{long_ago}-01-01", f"{long_ago}-12-31", tmp_path / "e")
    assert empty.decisions == 0
    assert "In deze periode zijn geen besluiten vastgesteld." in pdftools.text(
        tmp_path / "e/overzicht.pdf"
    )
    with pytest.raises(ValidationFailed):
        session.exports.decisions(FROM, TO, tmp_path / "x", gemeente="Nergens")
    with pytest.raises(ValidationFailed):
        session.exports.decisions(TO, FROM, tmp_path / "y")
    assert not (tmp_path / "x").exists()
    assert not (tmp_path / "y").exists()


def test_batch_is_for_the_teamleider(session: Session, tmp_path: Path) -> None:
    for role in (Role.KLANTMANAGER, Role.WERKCOACH, Role.BOETE_AMBTENAAR):
        with pytest.raises(NotAllowed):
            as_role(session, role).exports.decisions(FROM, TO, tmp_path / "o")
    assert not (tmp_path / "o").exists()


def test_stopping_a_batch_leaves_nothing(session: Session, tmp_path: Path) -> None:
    new = tmp_path / "new"
    calls: list[int] = []
    with pytest.raises(ExportCancelled):
        session.exports.decisions(
            FROM,
            TO,
            new,
            progress=lambda d, t: calls.append(d),
            cancelled=lambda: len(calls) >= 2,
        )
    assert calls, "the stop came during the batch"
    assert not new.exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "notes.txt").write_text("mine")
    with pytest.raises(ExportCancelled):
        session.exports.decisions(FROM, TO, existing, cancelled=lambda: True)
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]


def test_batch_audits_every_decision(session: Session, tmp_path: Path) -> None:
    decision = set_decisions(session)[0]
    before = exports_in_audit(session, decision["inwoner_id"])
    session.exports.decisions(FROM, TO, tmp_path / "a")
    after = exports_in_audit(session, decision["inwoner_id"])
    assert after[len(before) :].count(f"besluit:{decision['id']}") == 1


def test_no_document_exists_before_its_audit_entry(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill at any moment leaves a trace of what may exist: every write of a document finds
    its export entry already committed (read on a second connection)."""
    from werkplein.export import files

    write = files.write_atomic
    seen: list[tuple[str, int]] = []

    def checked(path: Path, data: bytes) -> None:
        other = session.store.reopen()
        try:
            [(count,)] = other.rows("SELECT count(*) FROM audit_log WHERE action = 'export'")
        finally:
            other.close()
        seen.append((path.name, int(count)))
        write(path, data)

    monkeypatch.setattr(files, "write_atomic", checked)
    [(before,)] = session.store.rows("SELECT count(*) FROM audit_log WHERE action = 'export'")
    decision = set_decisions(session)[0]
    session.exports.decision(decision["id"], tmp_path / "besluit.pdf")
    assert seen == [("besluit.pdf", before + 1)]
    seen.clear()
    result = session.exports.decisions(FROM, TO, tmp_path / "batch")
    pdfs = [(name, count) for name, count in seen if name.startswith("besluit-")]
    assert len(pdfs) == result.decisions
    assert {count for _name, count in pdfs} == {before + 1 + result.decisions}


# ---------------------------------------------------------------------- where files go
def test_writing_into_the_shared_folder_needs_confirmation(
    session: Session, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    (share / "devices").mkdir(parents=True)
    session.store.set_meta("sync.share_folder", str(share))
    decision = set_decisions(session)[0]
    target = share / "devices" / "besluit.pdf"
    with pytest.raises(ExportIntoShare):
        session.exports.decision(decision["id"], target)
    with pytest.raises(ExportIntoShare):
        session.exports.decisions(FROM, TO, share / "export")
    assert sorted(p.name for p in share.rglob("*")) == ["devices"]
    assert session.exports.into_share(target)
    assert not session.exports.into_share(tmp_path / "elders.pdf")
    session.exports.decision(decision["id"], target, into_share=True)
    assert target.read_bytes().startswith(b"%PDF-1.7")


def test_a_missing_folder_is_a_clear_error(session: Session, tmp_path: Path) -> None:
    decision = set_decisions(session)[0]
    with pytest.raises(ExportNotWritten) as caught:
        session.exports.decision(decision["id"], tmp_path / "nope" / "b.pdf")
    assert "de map bestaat niet" in caught.value.message()


@contextlib.contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Writes past ``limit`` bytes fail (EFBIG), as on a disk that fills up mid-write."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
    session: Session, tmp_path: Path
) -> None:
    from werkplein.export import decision as document
    from werkplein.export import files
    from werkplein.services import documents

    decision = set_decisions(session)[0]
    data = document.render(documents.decision(session, decision["id"])).data
    out = tmp_path / "b.pdf"
    out.write_bytes(b"the earlier version")
    # only the document write runs under the limit (the profile's own files are bigger)
    with file_size_limit(4096), pytest.raises(ExportNotWritten):
        files.write_atomic(out, data)
    assert out.read_bytes() == b"the earlier version"
    assert [p.name for p in tmp_path.iterdir()] == ["b.pdf"]


def test_batch_on_worker_processes_matches_one_process(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big batches render on every core; the documents are the same as rendered in-process."""
    from werkplein.export import parallel

    serial = session.exports.decisions(FROM, TO, tmp_path / "serial")
    monkeypatch.setattr(parallel, "MIN_BATCH", 1)
    assert parallel.workers_for(serial.decisions) >= 1
    calls: list[int] = []
    result = session.exports.decisions(
        FROM, TO, tmp_path / "parallel", progress=lambda d, t: calls.append(d)
    )
    assert result.files == serial.files
    for name in result.files[:3]:
        if name.endswith(".pdf"):
            assert pdftools.text(tmp_path / "parallel" / name) == pdftools.text(
                tmp_path / "serial" / name
            )
    assert calls == sorted(calls)
    stopped: list[int] = []
    with pytest.raises(ExportCancelled):
        session.exports.decisions(
            FROM,
            TO,
            tmp_path / "stopped",
            progress=lambda d, t: stopped.append(d),
            cancelled=lambda: len(stopped) >= 3,
        )
    assert len(stopped) == 3
    assert not (tmp_path / "stopped").exists()
