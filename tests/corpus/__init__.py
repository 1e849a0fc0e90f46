"""Corpus generator: varied request letters ("surat permohonan kerja sama media") rendered
from structured truth, with degradations, each with a truth JSON in the samples' format.

    python -m tests.corpus --out DIR --n 240 --seed 1
    python -m tests.corpus.evaluate DIR --limit 60

Modules, one job each: pools (names and places), identifiers (numbers in real formats),
truth (one company + one letter plan -> truth), fonts, logo, blocks (reportlab flowables),
layouts (the layout families), marks (stamps and scribbles), degrade (scans, photos...),
output (file formats), generate (the loop), evaluate (extraction vs truth).
"""
