"""What an input file *is*, judged by its bytes, and whether it is safe to read.

`sniff()` looks at the first bytes only and either names a supported kind (PDF, PNG,
JPEG, TIFF) or refuses the file with an Indonesian message that says what it seems to be
(and when its name lies about that). `inspect_pdf()` / `inspect_image()` then check the
structure against the limits in `config/limits.yaml` *before* anything heavy happens:
page counts and pixel sizes come from headers, so a hostile file is refused before it
can eat memory or time. Every failure is an `InputRejected`, never a raw traceback.

This package's public API is re-exported here: `sniff`, `check_input` (check.py),
`inspect_pdf`/`PdfInfo` (pdf.py), `inspect_image`/`ImageInfo` (images.py) and
`extension_mismatch` (labels.py). magic.py names a kind from its magic bytes, labels.py
says it in Indonesian, limits.py resolves the limits. pdf_streams.py counts a PDF's streams
through their Flate filters (a decompression bomb is refused before any reader inflates it)
and finds active content; notes.py words the warnings about a file that is read anyway
(polyglots, a lying name, JavaScript, embedded files) and the name it is stored under.
"""
from pipeline.sniff.check import check_input, sniff
from pipeline.sniff.images import ImageInfo, inspect_image
from pipeline.sniff.labels import extension_mismatch
from pipeline.sniff.pdf import PdfInfo, inspect_pdf

__all__ = ["ImageInfo", "PdfInfo", "check_input", "extension_mismatch", "inspect_image", "inspect_pdf", "sniff"]
