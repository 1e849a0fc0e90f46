"""Page-image preparation (pipeline/imaging.py) with real images and real Tesseract.

The one fixture is a clean, straight 150-dpi letter page (tests/fixtures/imaging/);
phone photos, rotations and skew are made from it here, deterministically.
"""
from __future__ import annotations

import re
from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.read import imaging
from pipeline.read.imaging import bands, colour, light, orientation, sheet, skew

from pipeline.tools import tesseract

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imaging"
PAGE_DPI = 150
# Strings printed on the fixture letter that the extraction needs exactly.
KEY_STRINGS = (
    "070/LIN-RED/VI/2025",  # letter number
    "01.690.668.5-424.000",  # NPWP
    "8120881202702",  # NIB
    "AHU-7480646.AH.01.04.Tahun 2012",
    "0853-4072-0408",
    "iklan@lenteranusantara.or.id",
)

needs_tesseract = pytest.mark.skipif(not tesseract.probe().ok, reason="Tesseract with ind+eng is not installed")
needs_osd = pytest.mark.skipif(
    not tesseract.probe().ok or "osd" not in tesseract.probe().languages, reason="Tesseract's osd model is not installed"
)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    img = cv2.imread(str(FIXTURES / "letter_150dpi.png"), cv2.IMREAD_GRAYSCALE)
    assert img is not None
    return img


def phone_photo(
    page: np.ndarray, *, seed: int = 3, table: float = 85, lamp: float = 0.55, turn: float = -3.5
) -> np.ndarray:
    """The page as a phone would photograph it: a slightly smaller, turned, keystoned sheet
    on a textured grey table, light falling off across the frame, blur, noise, JPEG."""
    return _photo(page, seed=seed, table=table, lamp=lamp, turn=turn)[0]


def _photo(page, *, seed, table, lamp, turn):
    rng = np.random.default_rng(seed)
    sheet = cv2.resize(page, None, fx=0.9, fy=0.9, interpolation=cv2.INTER_AREA).astype(np.float32)
    h, w = sheet.shape
    cw, ch = int(w * 1.3), int(h * 1.25)
    corners = np.array([[-w / 2 + 0.05 * w, -h / 2], [w / 2 - 0.05 * w, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    t = np.deg2rad(turn)
    rot = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])
    dst = (corners @ rot.T + [cw / 2 + 15, ch / 2 - 10]).astype(np.float32)
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(sheet * 0.9 + 10, m, (cw, ch))
    mask = cv2.warpPerspective(np.ones_like(sheet), m, (cw, ch))
    texture = cv2.resize(rng.normal(0, 1, (ch // 12, cw // 12)).astype(np.float32), (cw, ch))
    ground = table + 15 * texture + rng.normal(0, 6, (ch, cw))
    img = warped * mask + ground * (1 - mask)
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    img *= 1 - lamp * (0.6 * xx / cw + 0.4 * yy / ch)  # lamp on the top left
    img = cv2.GaussianBlur(img, (0, 0), 0.6) + rng.normal(0, 3, img.shape)
    ok, jpeg = cv2.imencode(".jpg", np.clip(img, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 75])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), dst


def ocr_text(image: np.ndarray, tmp_path: Path, dpi: int | None, name: str) -> str:
    path = tmp_path / f"{name}.pgm"
    cv2.imwrite(str(path), image)
    result = tesseract.ocr_page(path, dpi=dpi, timeout=60)
    return re.sub(r"\s+", " ", " ".join(line.text for line in result.lines))


def rule_angle(gray: np.ndarray) -> float:
    """Angle (degrees, counter-clockwise on screen) of the widest ink component, the
    letterhead rule: a measure of skew independent of imaging.estimate_skew."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink)
    widest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_WIDTH]))
    ys, xs = np.nonzero(labels == widest)
    vx, vy, _, _ = cv2.fitLine(np.column_stack([xs, ys]).astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01).ravel()
    return float(np.degrees(np.arctan2(-vy, vx)))


# --- pass-through -------------------------------------------------------------------


def test_clean_scan_passes_through_unchanged(page):
    prepared = imaging.prepare(page, PAGE_DPI)
    assert prepared.steps == []
    assert prepared.dpi == PAGE_DPI
    assert prepared.rotation == 0
    assert prepared.image.dtype == np.uint8
    assert np.array_equal(prepared.image, page)


@pytest.mark.parametrize("stated", [None, 0, 72, 1200])
def test_dpi_is_guessed_from_the_page_width_when_unknown_or_implausible(page, stated):
    assert imaging.prepare(page, stated).dpi == pytest.approx(PAGE_DPI, abs=5)


def test_high_dpi_scan_is_shrunk_to_300_dpi(page):
    scan600 = cv2.resize(page, None, fx=4, fy=4, interpolation=cv2.INTER_CUBIC)
    prepared = imaging.prepare(scan600, 600)
    assert prepared.steps == ["downscale:300"]
    assert prepared.dpi == 300
    assert prepared.image.shape == pytest.approx((page.shape[0] * 2, page.shape[1] * 2), abs=2)


@pytest.mark.parametrize("shape", [(1, 1), (10, 10), (250, 3000), (300, 300)])
def test_tiny_or_odd_images_do_not_break(shape):
    img = np.full(shape, 255, np.uint8)
    prepared = imaging.prepare(img, None)
    assert prepared.image.shape == shape and prepared.steps == []


def test_speckled_scan_is_despeckled_without_losing_text(page):
    rng = np.random.default_rng(1)
    noisy = page.copy()
    dots = rng.random(page.shape) < 0.004
    noisy[dots] = rng.integers(40, 120, dots.sum())
    prepared = imaging.prepare(noisy, PAGE_DPI)
    assert "despeckle" in prepared.steps
    assert light.has_speckle(page) is False
    # Ink (dark pixels) of the letters survives almost entirely (a plain 3x3 median
    # took ~17% of it at 150 dpi) ...
    ink = page < 128
    assert np.count_nonzero(prepared.image[ink] < 128) > 0.99 * np.count_nonzero(ink)
    # ... and most dots away from the text are gone.
    assert np.count_nonzero(prepared.image[dots & ~ink] < 128) < 0.3 * np.count_nonzero(dots & ~ink)


def test_big_dark_picture_on_a_clean_scan_is_left_alone(page):
    pictured = page.copy()
    pictured[900:1500, 150:1100] = 25  # a printed photo, a quarter of the page
    prepared = imaging.prepare(pictured, PAGE_DPI)
    assert prepared.steps == []
    assert np.array_equal(prepared.image, pictured)


def framed(page: np.ndarray, share: float = 0.02, rim: int = 12) -> np.ndarray:
    """The page as a photocopier gives it back: a dark toner band along every edge, inside
    the white rim a slightly shifted sheet leaves."""
    out = page.copy()
    h, w = page.shape
    band = int(w * share)
    for sl in (np.s_[:, rim:rim + band], np.s_[:, w - rim - band:w - rim], np.s_[rim:rim + band, :], np.s_[h - rim - band:h - rim, :]):
        out[sl] = np.minimum(out[sl], 45)
    return out


@needs_tesseract
def test_a_photocopy_frame_of_dark_margins_is_painted_out_and_the_page_reads(page, tmp_path):
    # closed around the sheet, the frame made Tesseract take the page for one picture
    prepared = imaging.prepare(framed(page), PAGE_DPI)
    assert prepared.steps == ["margins:left,right,top,bottom"]
    h, w = page.shape
    assert prepared.image[:, : int(0.02 * w)].min() > 200 and prepared.image[: int(0.02 * w), :].min() > 200
    text = ocr_text(prepared.image, tmp_path, prepared.dpi, "framed")
    assert all(key in text for key in KEY_STRINGS[:3])


def test_a_dark_band_printed_along_the_side_is_not_a_margin(page):
    banded = page.copy()
    banded[:, : int(0.12 * page.shape[1])] = 60  # a letterhead's coloured side band, wider than a margin
    prepared = imaging.prepare(banded, PAGE_DPI)
    assert not any(step.startswith("margins") for step in prepared.steps)
    assert np.array_equal(prepared.image[:, :40], banded[:, :40])


def test_uneven_light_on_a_scan_is_evened_out(page):
    h, w = page.shape
    shade = np.linspace(1.0, 0.55, w, dtype=np.float32)[None, :]
    shaded = (page.astype(np.float32) * shade).astype(np.uint8)
    prepared = imaging.prepare(shaded, PAGE_DPI)
    assert "flatten_light" in prepared.steps
    paper = light.background(prepared.image)
    lo, hi = np.percentile(paper, (2, 98))
    assert hi - lo < 20


def test_colour_stamp_is_dropped_but_black_print_kept():
    img = np.full((60, 60, 3), 240, np.uint8)
    img[10:20, :] = (0, 0, 0)  # black print
    img[30:40, :] = (190, 60, 40)  # blue stamp ink (BGR)
    img[45:55, :] = (40, 40, 200)  # red stamp ink
    gray = colour.to_gray(img)
    assert gray[15, 30] < 20
    assert gray[35, 30] > 230 and gray[50, 30] > 230
    assert gray[5, 5] == 240
    grey_page = np.ascontiguousarray(img[:, :, 1])
    assert np.array_equal(colour.to_gray(grey_page), grey_page)


# --- phone photos -------------------------------------------------------------------


def test_sheet_is_found_only_in_photos(page):
    assert sheet.find_sheet(page) is None
    corners = sheet.find_sheet(phone_photo(page))
    assert corners is not None and corners.shape == (4, 2)


@pytest.mark.parametrize(
    "table, lamp, turn",
    [(40, 0.2, 2.0), (85, 0.55, -3.5), (120, 0.3, 8.0), (150, 0.5, -6.0), (200, 0.4, 1.0), (230, 0.1, 0.0)],
)
def test_sheet_corners_are_accurate_or_not_claimed(page, table, lamp, turn):
    # On a light table the sheet may not be found (then nothing is warped), but corners
    # that are returned must be right: a wrong warp would cut text off.
    photo, truth = _photo(page, seed=5, table=table, lamp=lamp, turn=turn)
    corners = sheet.find_sheet(photo)
    if table <= 120:
        assert corners is not None
    if corners is not None:
        assert np.abs(corners - truth).max() < 0.02 * page.shape[1]


def test_photo_on_a_coloured_table_is_found_through_luma(page):
    photo, truth = _photo(page, seed=5, table=110, lamp=0.3, turn=-3.0)
    on_table = np.ones(photo.shape, np.uint8)
    cv2.fillConvexPoly(on_table, truth.astype(np.int32), 0)
    bgr = np.dstack([photo] * 3).astype(np.float32)
    bgr[on_table > 0] *= (0.55, 0.8, 1.25)  # a brown wooden table
    bgr = np.clip(bgr, 0, 255).astype(np.uint8)
    gray = colour.to_gray(bgr)  # lifts the brown table to paper white ...
    luma = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    assert sheet.find_sheet(gray) is None
    # ... so the sheet is found in the luminance and the colour-dropped image is warped.
    prepared = imaging.prepare(gray, None, luma=luma)
    assert prepared.steps[:1] == ["photo_warp"]
    assert abs(rule_angle(prepared.image)) < 0.5


@needs_tesseract
def test_phone_photo_on_a_light_table_still_reads(page, tmp_path):
    photo = phone_photo(page, table=200, lamp=0.5, turn=-6.0)
    prepared = imaging.prepare(photo, None)
    text = ocr_text(prepared.image, tmp_path, prepared.dpi, "light")
    assert "070/LIN-RED/VI/2025" in text and "01.690.668.5-424.000" in text


@needs_tesseract
def test_phone_photo_comes_out_flat_and_reads(page, tmp_path):
    photo = phone_photo(page)
    prepared = imaging.prepare(photo, None)
    assert prepared.steps[:2] == ["photo_warp", "flatten_light"]
    out = prepared.image
    h, w = out.shape
    # The aspect ratio comes from averaging opposite edges, so keystoning stretches it a bit.
    assert h / w == pytest.approx(page.shape[0] / page.shape[1], rel=0.08)
    # Flat: the paper is evenly white from corner to corner, the table is gone.
    paper = light.background(out)
    lo, hi = np.percentile(paper, (2, 98))
    assert hi - lo < 25 and lo > 200
    # Upright: the letterhead rule is horizontal after the warp.
    assert abs(rule_angle(out)) < 0.5

    prepared_text = ocr_text(out, tmp_path, prepared.dpi, "prepared")
    raw_text = ocr_text(photo, tmp_path, None, "raw")
    found = [s for s in KEY_STRINGS if s in prepared_text]
    found_raw = [s for s in KEY_STRINGS if s in raw_text]
    assert "070/LIN-RED/VI/2025" in found and "01.690.668.5-424.000" in found
    assert len(found) >= len(found_raw)
    assert len(found) >= len(KEY_STRINGS) - 1


# --- skew and orientation -------------------------------------------------------------


@pytest.mark.parametrize("degrees", [3.0, -3.0])
def test_skewed_page_is_deskewed(page, degrees):
    skewed = skew.rotate_small(page, degrees)
    assert rule_angle(skewed) == pytest.approx(degrees, abs=0.2)
    assert skew.estimate_skew(skewed) == pytest.approx(degrees, abs=0.3)
    prepared = imaging.prepare(skewed, PAGE_DPI)
    assert any(step.startswith("deskew:") for step in prepared.steps)
    assert abs(rule_angle(prepared.image)) < 0.5


def test_small_residual_skew_is_left_alone(page):
    slightly = skew.rotate_small(page, 0.2)
    assert not any(step.startswith("deskew") for step in imaging.prepare(slightly, PAGE_DPI).steps)


def test_quarter_turns_are_lossless_and_compose(page):
    assert np.array_equal(orientation.rotate(orientation.rotate(page, 90), 270), page)
    assert np.array_equal(orientation.rotate(page, 360), page)
    assert orientation.rotate(page, 90).shape == page.shape[::-1]


def test_sideways_page_is_turned_and_flagged(page):
    for turned in (orientation.rotate(page, 90), orientation.rotate(page, 270)):
        prepared = imaging.prepare(turned, PAGE_DPI)
        assert prepared.rotation == 90
        assert "rotate:90" in prepared.steps
        assert prepared.image.shape == page.shape
    assert orientation.looks_sideways(page) is False


@needs_osd
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_orientation_is_detected(page, tmp_path, turn):
    path = tmp_path / "turned.pgm"
    cv2.imwrite(str(path), orientation.rotate(page, turn))
    rotate, confidence = tesseract.detect_orientation(path, timeout=30)
    assert (turn + rotate) % 360 == 0
    assert confidence > 2


@needs_osd
def test_orientation_is_detected_on_the_shrunk_copy(tmp_path):
    # A 300-dpi page (the fixture upscaled) turned upside down, checked at ~150 dpi.
    big = cv2.resize(cv2.imread(str(FIXTURES / "letter_150dpi.png"), cv2.IMREAD_GRAYSCALE), None, fx=2, fy=2)
    small = orientation.for_orientation_check(orientation.rotate(big, 180), 300)
    assert small.shape[1] == pytest.approx(big.shape[1] / 2, abs=2)
    path = tmp_path / "osd.pgm"
    cv2.imwrite(str(path), small)
    assert tesseract.detect_orientation(path, timeout=30)[0] == 180
    assert orientation.for_orientation_check(big, 200) is big


@needs_osd
def test_orientation_of_blank_page_is_no_opinion(tmp_path):
    path = tmp_path / "blank.pgm"
    cv2.imwrite(str(path), np.full((400, 300), 255, np.uint8))
    assert tesseract.detect_orientation(path, timeout=30) == (0, 0.0)


def test_light_text_on_a_dark_banner_survives_flattening(page):
    h, w = page.shape
    shaded = page.copy()
    shaded[1300:1550, 100:1100] = 30  # a black banner far bigger than any glyph ...
    cv2.putText(shaded, "BANNER 2026", (150, 1470), cv2.FONT_HERSHEY_SIMPLEX, 3, 235, 8)  # ... with white text
    shade = np.linspace(1.0, 0.55, w, dtype=np.float32)[None, :]
    shaded = (shaded.astype(np.float32) * shade).astype(np.uint8)
    prepared = imaging.prepare(shaded, PAGE_DPI)
    assert "flatten_light" in prepared.steps
    out = prepared.image
    # The banner stays dark where it is plain (a max filter alone bleached it to white
    # blotches there) and its lettering stays light.
    plain = np.concatenate([out[1320:1380, 120:1080].ravel(), out[1320:1530, 850:1080].ravel()])
    assert np.percentile(plain, 95) < 150
    assert np.percentile(out[1400:1480, 150:800], 99) > 180


@needs_osd
@pytest.mark.parametrize("turn", [90, 270])
def test_sideways_page_is_upright_after_prepare_and_osd(page, tmp_path, turn):
    # The flow the reader follows: prepare() turns a sideways page a quarter, OSD then
    # says whether a half turn is still needed.
    prepared = imaging.prepare(orientation.rotate(page, turn), PAGE_DPI)
    assert prepared.rotation == 90
    path = tmp_path / "sideways.pgm"
    cv2.imwrite(str(path), orientation.for_orientation_check(prepared.image, prepared.dpi))
    rotate, _ = tesseract.detect_orientation(path, timeout=30)
    assert (turn + prepared.rotation + rotate) % 360 == 0
    assert np.array_equal(orientation.rotate(prepared.image, rotate), page)


@needs_tesseract
def test_hard_shadow_across_the_page_is_lifted(page, tmp_path):
    # A hand's or phone's shadow with a sharp edge over the lower right of the letter.
    h, w = page.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = np.clip((0.8 * xx + 0.3 * yy - 0.75 * w) / 3.0, -50, 50)
    shaded = (page * (1 - 0.55 / (1 + np.exp(-edge)))).astype(np.uint8)
    prepared = imaging.prepare(shaded, PAGE_DPI)
    assert "flatten_light" in prepared.steps
    paper = light.background(prepared.image)
    assert np.percentile(paper, 2) > 200  # the shadowed paper is white again
    text = ocr_text(prepared.image, tmp_path, prepared.dpi, "shadow")
    assert "01.690.668.5-424.000" in text and "Yuliana Rahmawati, S.H." in text


@needs_tesseract
def test_a_framed_photocopy_read_in_one_piece_is_not_refused_as_blank(tmp_path):
    # seed 13's letter 228: read whole (one core, or a long document), its toner frame made
    # Tesseract see one picture and the letter was refused as "halaman kosong"
    from pipeline.read.document import read_document
    from tests.corpus.generate import make_one

    made = make_one((227, "K8-f4-table-dual", "photocopy"), 13, tmp_path)
    doc = read_document(tmp_path / made["file"], workers=1).doc
    text = " ".join(line.text for line in doc.lines)
    assert "Lawu Rakyat" in text and "Permohonan" in text


# --- white letters on a coloured band ---------------------------------------------


def _blue_band_letter(page: np.ndarray) -> np.ndarray:
    """The fixture letter in colour, with a letterhead's blue side band printing its
    contacts in white, as modern letterheads do."""
    bgr = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    h, w = page.shape
    band = slice(int(0.28 * h), int(0.62 * h)), slice(0, int(0.2 * w))
    bgr[band] = (129, 60, 40)  # a dark blue (BGR)
    for i, text in enumerate(("KANTOR", "PROBOLINGGO", "TELP 422781")):
        cv2.putText(bgr, text, (12, int(0.33 * h) + 60 * i), cv2.FONT_HERSHEY_DUPLEX, 0.9, (255, 255, 255), 2)
    return bgr


@needs_tesseract
def test_white_letters_on_a_colour_band_are_read(page, tmp_path):
    bgr = _blue_band_letter(page)
    gray, luma = colour.to_gray(bgr), cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    # dropping colour lifts the band to near white, and its letters with it
    assert "422781" not in ocr_text(imaging.prepare(gray, PAGE_DPI).image, tmp_path, PAGE_DPI, "lost")
    prepared = imaging.prepare(gray, PAGE_DPI, luma=luma)
    assert "invert_bands" in prepared.steps
    text = ocr_text(prepared.image, tmp_path, prepared.dpi, "band")
    assert "PROBOLINGGO" in text and "422781" in text, text
    assert all(key in text for key in KEY_STRINGS[:3])  # the body reads as before


def test_a_grey_desk_a_stamp_and_black_print_are_no_colour_band(page):
    photo = cv2.cvtColor(phone_photo(page), cv2.COLOR_GRAY2BGR)  # a grey desk around the sheet
    cv2.circle(photo, (500, 900), 120, (150, 60, 40), 12)  # a blue stamp's ring
    cv2.rectangle(photo, (300, 300), (700, 420), (0, 0, 0), -1)  # a black block
    gray, luma = colour.to_gray(photo), cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    assert bands.dark_bands(gray, luma) is None
    assert "invert_bands" not in imaging.prepare(gray, None, luma=luma).steps
