"""One letter end to end (truth -> PDF -> degradation -> files), and the schedule spreading
N letters over layout families x degradations (about a third born-digital)."""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from random import Random

from tests.corpus import degrade, marks, output
from tests.corpus.families import FAMILIES, plan, render_pdf
from tests.corpus.truth import clerk_truth, make_letter

DEG_CYCLE = ("none", "clean_scan", "bilevel", "none", "noisy_gray", "photocopy", "none", "phone_photo",
             "clean_scan", "none", "photocopy", "phone_photo", "none", "bilevel", "noisy_gray")


def schedule(n: int, families: list[str] | None = None) -> list[tuple[int, str, str]]:
    fams = families or list(FAMILIES)
    return [(i, fams[i % len(fams)], DEG_CYCLE[(i // len(fams) + 4 * (i % len(fams))) % len(DEG_CYCLE)]) for i in range(n)]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:28]


def evidence(f: dict, t: dict) -> dict:
    printed = {"tanggal_surat": f["printed_date"], "npwp": f["npwp_printed"], "jenis_media": f["kind_phrase"],
               "bentuk_badan_usaha": f["name"]}
    return {k: printed.get(k, v) for k, v in t.items() if v is not None and not isinstance(v, bool)}


def make_one(job: tuple[int, str, str], seed: int, out: Path) -> dict:
    i, family, kind = job
    rng = Random(f"{seed}:{i}:{family}:{kind}")
    f = make_letter(rng)
    spec = plan(family, f, rng)
    tmp = Path(tempfile.mkdtemp(prefix="corpus-"))
    try:
        pdf = tmp / "letter.pdf"
        pages = render_pdf(str(pdf), f, spec, rng)
        if kind == "phone_photo" and pages > 1:
            kind = "photocopy"  # a phone photo is one page; multi-page letters are copied instead
        stem = f"c{i + 1:03d}_{family.split('-')[0]}_{kind}_{slug(f['brand'])}"
        if kind == "none":
            target = out / f"{stem}.pdf"
            shutil.copyfile(pdf, target)
            fmt, deg = "pdf_text_layer", {"kind": "none"}
        else:
            target, fmt, deg = _raster(pdf, f, kind, rng, out, stem)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    truth = clerk_truth(f)
    record = dict(truth, format=fmt, pages=pages, degradation=deg, layout=family, font=spec["font"],
                  paper=spec["paper"], evidence=evidence(f, truth))
    target.with_suffix(".json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"file": target.name, "layout": family, "kind": kind, "format": fmt, "pages": pages}


def _raster(pdf: Path, f: dict, kind: str, rng: Random, out: Path, stem: str):
    dpi = rng.choice((200, 200, 250)) if kind == "phone_photo" else rng.choice((200, 300, 300))
    pages, subj, sign = degrade.rasterise(str(pdf), dpi, f)
    deg: dict = {"kind": kind, "dpi": dpi}
    if rng.random() < 0.4:
        deg.update(marks.receipt_stamp(pages[0], dpi, subj[0] if rng.random() < 0.75 else None, rng, f["date"]))
    if rng.random() < 0.4:
        k = next((n for n, s in enumerate(sign) if s), 0)
        deg.update(marks.round_stamp(pages[k], dpi, sign[k], rng, f["name"], f["brand"].split()[0]))
    extras = {"creases": rng.random() < 0.2, "punch_holes": rng.random() < 0.15}
    done = []
    for n, p in enumerate(pages):
        img, params = degrade.degrade_page(p, kind, dpi, rng, extras)
        done.append(img)
        if n == 0:
            deg.update(params)
    if kind == "phone_photo":
        q = rng.randint(60, 70)
        deg["jpeg_quality"] = q
        target = out / f"{stem}.jpg"
        return target, output.write_jpeg(done, target, dpi, q), deg
    if kind == "bilevel":
        target = out / f"{stem}.tif"
        deg["compression"] = "group4"
        return target, output.write_tiff(done, target, dpi, bilevel=True), deg
    choice = rng.choice(("png", "pdf", "tif") if kind != "noisy_gray" else ("png", "pdf"))
    if choice == "png" and len(done) > 1:
        choice = "pdf"
    target = out / f"{stem}.{choice}"
    if choice == "png":
        return target, output.write_png(done, target, dpi), deg
    if choice == "tif":
        deg["compression"] = "lzw"
        return target, output.write_tiff(done, target, dpi, bilevel=False), deg
    q = rng.randint(72, 88)
    deg["jpeg_quality"] = q
    return target, output.write_image_pdf(done, target, dpi, q), deg
