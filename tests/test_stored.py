"""Pictures converted for the press, and pictures found good, are kept on disk (typeset/stored.py):
a later build reads them instead of converting or decoding again, gets the same bytes, and takes
nothing from a record that is damaged, for other bytes, or when the store is turned off."""
import os
from pathlib import Path

import pytest
from PIL import Image

from typeset import images, stored
from typeset.errors import SourceError

ROOT = Path(__file__).resolve().parent.parent
COVER = ROOT / "issue" / "images" / "cover.png"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """An empty store, and a process that has converted and checked nothing yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TYPESET_NO_CACHE", raising=False)
    images.clear_cache()
    images._valid.clear()
    yield tmp_path / "cache" / "typeset"
    images.clear_cache()
    images._valid.clear()


def conversions(monkeypatch) -> list:
    made: list = []
    convert = images._convert
    monkeypatch.setattr(images, "_convert", lambda *a: made.append(a[1]) or convert(*a))
    return made


def test_a_converted_picture_is_read_back_with_the_same_bytes(store, monkeypatch):
    made = conversions(monkeypatch)
    first = images.prepare(COVER).pixels
    assert made == [COVER] and len(list((store / "pictures").iterdir())) == 1
    images.clear_cache()
    again = images.prepare(COVER).pixels  # (a new build: from the store)
    assert made == [COVER]
    assert (again.mode, again.size, again.flate) == (first.mode, first.size, first.flate)
    images.clear_cache()
    images.prefetch([(COVER, None, None)])  # (a second process reads it from the store)
    got = images.prepare(COVER).pixels
    assert (got.mode, got.size, got.flate) == (first.mode, first.size, first.flate) and made == [COVER]


def test_a_damaged_record_is_converted_again(store, monkeypatch):
    made = conversions(monkeypatch)
    first = images.prepare(COVER).pixels
    record = next((store / "pictures").iterdir())
    data = bytearray(record.read_bytes())
    data[len(data) // 2] ^= 0xFF
    record.write_bytes(bytes(data))
    images.clear_cache()
    assert images.prepare(COVER).pixels.flate == first.flate and made == [COVER, COVER]
    record.write_bytes(record.read_bytes()[:100])  # cut short
    images.clear_cache()
    assert images.prepare(COVER).pixels.flate == first.flate and len(made) == 3


def test_other_bytes_under_the_same_name_are_not_taken_for_the_picture_stored(store, tmp_path):
    pic = tmp_path / "pic.png"
    Image.new("RGB", (60, 40), (200, 30, 30)).save(pic)
    red = images.prepare(pic).pixels
    assert images.validate(pic) == (60, 40)
    Image.new("RGB", (50, 40), (30, 30, 200)).save(pic)
    os.utime(pic, ns=(1, 1))
    images.clear_cache()
    images._valid.clear()
    blue = images.prepare(pic).pixels
    assert blue.size == (50, 40) and blue.flate != red.flate
    assert images.validate(pic) == (50, 40)
    pic.write_bytes(pic.read_bytes()[:60])  # damaged: the check runs again and fails
    images._valid.clear()
    with pytest.raises(SourceError):
        images.validate(pic)


def test_a_picture_found_good_is_not_decoded_again(store, monkeypatch):
    assert images.validate(COVER) == Image.open(COVER).size
    assert len(list((store / "checked-pictures").iterdir())) == 1
    images._valid.clear()
    monkeypatch.setattr(images, "_open", lambda *a, **k: pytest.fail("decoded again"))
    assert images.validate(COVER) == Image.open(COVER).size


def test_no_store_when_turned_off(store, monkeypatch):
    monkeypatch.setenv("TYPESET_NO_CACHE", "1")
    images.prepare(COVER)
    images.validate(COVER)
    assert not store.exists() or not any(store.rglob("*"))


def test_the_store_keeps_the_most_recently_used(store):
    for k in range(5):
        stored.put("things", f"k{k}", bytes([k]) * 10, keep=3)
        os.utime(store / "things" / f"k{k}", (1000 + k, 1000 + k))
    assert stored.get("things", "k2") == bytes([2]) * 10  # (used: now the most recent)
    stored.put("things", "k5", b"five", keep=3)
    assert sorted(p.name for p in (store / "things").iterdir()) == ["k2", "k4", "k5"]
    assert stored.get("things", "k0") is None


def test_font_subsets_are_read_back_for_the_same_glyphs(store, tmp_path, monkeypatch):
    """A second build of the same issue takes each face's subset program from the store (ReportLab's
    makeSubset is not called) and writes the same bytes; a damaged record is made again."""
    import typeset
    from reportlab.pdfbase.ttfonts import TTFontFace

    issue = ROOT / "tests" / "issue2"
    first = typeset.build(issue, tmp_path / "a", ("pdf",)).written[0].read_bytes()
    records = sorted((store / "font-subsets").iterdir())
    assert records
    made = []
    make = TTFontFace.makeSubset
    monkeypatch.setattr(TTFontFace, "makeSubset", lambda self, codes: made.append(codes) or make(self, codes))
    assert typeset.build(issue, tmp_path / "b", ("pdf",)).written[0].read_bytes() == first
    assert made == []
    records[0].write_bytes(records[0].read_bytes()[:-50])
    assert typeset.build(issue, tmp_path / "c", ("pdf",)).written[0].read_bytes() == first
    assert len(made) == 1


def test_a_turned_photo_found_good_is_still_turned_for_the_docx(store, tmp_path):
    """The DOCX takes a picture found good without decoding it, but a phone photo's EXIF rotation,
    kept with the check, still makes it an upright copy, not the original bytes."""
    photo = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # taken turned: rotate 90° clockwise to show
    Image.new("RGB", (80, 40), (10, 120, 200)).save(photo, exif=exif)
    fresh = images.office_image(photo)
    assert fresh != photo.read_bytes()
    images.validate(photo)  # (decoded, found good: stored with its orientation)
    assert next((store / "checked-pictures").iterdir()).read_bytes()[-1] == 6
    images._valid.clear()
    again = images.office_image(photo)
    assert again == fresh and Image.open(__import__("io").BytesIO(again)).size == (40, 80)
    plain = tmp_path / "plain.png"
    Image.new("RGB", (30, 20), (1, 2, 3)).save(plain)
    images.validate(plain)
    assert images.office_image(plain) == plain.read_bytes()


def test_a_font_program_read_without_fault_is_not_read_again(store, tmp_path, monkeypatch):
    """The preflight opens an embedded font program with fontTools once per program: the same bytes
    in a later PDF are known good; a program it has not read is read (a damaged one still fails:
    tests/test_hostile_pdf.py)."""
    import fontTools.ttLib

    import typeset
    from typeset.preflight import preflight

    pdf = typeset.build(ROOT / "tests" / "issue2", tmp_path / "a", ("pdf",)).written[0]
    first = preflight(pdf)
    assert first.passed and len(list((store / "checked-fonts").iterdir())) == len(first.fonts)
    monkeypatch.setattr(fontTools.ttLib, "TTFont", lambda *a, **k: pytest.fail("read again"))
    again = preflight(pdf)
    assert again == first
