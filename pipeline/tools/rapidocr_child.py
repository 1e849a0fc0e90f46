"""The second engine's program: `python -m pipeline.tools.rapidocr_child --jobs FILE`.

Run by `pipeline.tools.rapidocr.read_images` in a process of its own for each read. It is a
module apart so that it imports only what reading needs (json, OpenCV, RapidOCR): the
wrapper's imports (pydantic through the probe, the slots' file locks, package metadata) took
about 0.3 s of CPU at every start, a third of what a start costs, and a pile of scanned
letters starts a RapidOCR process for most of its letters. Nothing from `pipeline` is imported.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

MIN_TEXT_SCORE = 0.5  # RapidOCR's own default: lines recognised with less are noise
REC_BATCH = 1  # lines recognised one by one: a batch is padded to its widest line (more time and memory)


def _bounds(points) -> list[float]:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]


def _skipped(box, skip: list[list[float]]) -> bool:
    left, top, width, height = _bounds(box)
    cx, cy = left + width / 2, top + height / 2
    return any(x <= cx <= x + w and y <= cy <= y + h for x, y, w, h in skip)


def _engine(detect_limit: int):
    """RapidOCR's three models on one thread each, as Tesseract runs."""
    import cv2
    from rapidocr_onnxruntime import RapidOCR

    cv2.setNumThreads(1)  # OpenCV's own pool (resizing, crops) would use every core too
    # rapidocr 1.4.4 copies its *global* thread settings over each model's: per-model ones
    # ("det_intra_op_num_threads") are silently lost, so the global ones are given.
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, det_limit_type="max",
                    det_limit_side_len=detect_limit, rec_batch_num=REC_BATCH)


def _child(engine, image_path: str, detect_long_side: int, skip: list[list[float]]) -> list[dict]:
    import cv2
    import numpy as np

    image = cv2.imread(image_path, cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError(f"not an image: {image_path}")
    height, width = image.shape[:2]
    # The detector is given the image already scaled to `detect_long_side`: its own default
    # scales the *short* side up to 736 px, and a short, wide strip of a page would be
    # blown up several times (seconds and gigabytes).
    scale = min(1.0, detect_long_side / max(height, width, 1))
    small = cv2.resize(image, (max(1, round(width * scale)), max(1, round(height * scale))), interpolation=cv2.INTER_AREA) if scale < 1 else image
    boxes, _ = engine.text_det(small)
    if boxes is None or len(boxes) == 0:
        return []
    boxes = [np.asarray(b, dtype=np.float32) / scale for b in engine.sorted_boxes(boxes)]
    boxes = [b for b in boxes if not _skipped(b, skip)]
    if not boxes:
        return []
    crops = engine.get_crop_img_list(image, boxes)
    recognised, _ = engine.text_rec(crops, True)
    detailed = engine.cal_rec_boxes(crops, boxes, recognised)
    out = []
    for box, (text, score, word_boxes, word_texts, word_scores) in zip(boxes, detailed):
        if not text.strip() or score < MIN_TEXT_SCORE:
            continue
        words = [
            {"text": t, "score": float(s), "box": _bounds(b)}
            for t, s, b in zip(word_texts, word_scores, word_boxes)
            if str(t)  # a " " entry is kept: it is where RapidOCR itself saw a space
        ]
        out.append({"text": text.strip(), "score": float(score), "box": _bounds(box), "words": words})
    return out


def main(argv: list[str]) -> int:
    """`--jobs FILE` (a JSON list of {"image", "side", "skip"}): one list of lines per image."""
    jobs = json.loads(Path(argv[argv.index("--jobs") + 1]).read_text(encoding="utf-8"))
    # "max" with the image pre-scaled: the detector leaves images under 960 px as they are.
    engine = _engine(max(int(job["side"]) for job in jobs))
    results = [_child(engine, job["image"], int(job["side"]), job["skip"]) for job in jobs]
    sys.stdout.write(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
