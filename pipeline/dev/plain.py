"""The baseline every speed figure of `make bench` is compared with: plain Tesseract, one
single-threaded process per page, on the same pages in the same run."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


def page_images(path: Path, kind: str, out: Path) -> list[Path]:
    """The pages plain Tesseract is given: image frames as files, PDF pages rendered at 300 dpi."""
    from PIL import Image, ImageSequence

    if kind == "pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        files = []
        for i in range(len(doc)):
            f = out / f"{path.stem}-{i + 1}.png"
            doc[i].render(scale=300 / 72, grayscale=True).to_pil().save(f)
            files.append(f)
        return files
    with Image.open(path) as im:
        if getattr(im, "n_frames", 1) == 1:
            return [path]
        files = []
        # Each frame is saved while it is the current one: the iterator re-seeks one object.
        for i, frame in enumerate(ImageSequence.Iterator(im)):
            f = out / f"{path.stem}-{i + 1}.png"
            frame.save(f, dpi=im.info.get("dpi", (300, 300)))
            files.append(f)
        return files


def plain_tesseract(page: Path) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # the baseline at its best, as we run it
    started = time.perf_counter()
    subprocess.run(["tesseract", str(page), "-", "-l", "ind+eng"], capture_output=True, env=env, timeout=600, check=True)
    return time.perf_counter() - started
