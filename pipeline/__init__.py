"""kerjasama: the document pipeline of SOP 7.1 Kerja Sama Media Massa."""
__version__ = "0.1.0"
