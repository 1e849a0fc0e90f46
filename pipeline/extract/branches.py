"""Branch offices a letterhead prints beside the head office ("Biro Trenggalek", "Perwakilan
Jawa Timur", "Kantor Cabang"): their address and phone are not the sender's own."""
from __future__ import annotations

from pipeline.core.models import Line, Word
from pipeline.extract.rules import alternation, rules, rx

NEAR_DY = 0.03      # a label's cell over or under the address: lines this close (page fraction)
COLUMN_DY = 0.07    # a branch's block runs this far below its heading
CELL_GAP_HEIGHTS = 2  # a gap this many text heights wide parts two cells of one line


def _branch_rx():
    return rx(r"(?<!\w)" + alternation(rules().get("branch_labels", []) or ["(?!)"]) + r"(?!\w)")


def _address_word_rx():
    return rx(r"(?<!\w)" + alternation(rules()["address_starts"]) + r"\b")


def _cells(words: list[Word]) -> list[list[Word]]:
    """A line's words in cells: a gap wider than a couple of text heights parts two columns."""
    cells: list[list[Word]] = []
    for w in words:
        last = cells[-1][-1] if cells else None
        if last is not None and w.left - (last.left + last.width) <= CELL_GAP_HEIGHTS * max(w.height, last.height, 1e-9):
            cells[-1].append(w)
        else:
            cells.append([w])
    return cells


def _label(words: list[Word]) -> bool:
    """A short cell naming a branch, not an address itself ("PERWAKILAN / BIRO:")."""
    text = " ".join(w.text for w in words)
    return 0 < len(words) <= 5 and bool(_branch_rx().search(text)) and not _address_word_rx().search(text)


def is_branch_address(lines: list[Line], i: int, start: int) -> bool:
    """The address at lines[i][start:] is a branch's: its label stands before it on the line,
    alone over its column on the line above, or wrapped in the label cell of the line below."""
    line = lines[i]
    if _branch_rx().search(line.text[:start]):
        return True
    at = line.words[min(len(line.text[:start].split()), len(line.words) - 1)]
    right = line.words[-1].left + line.words[-1].width
    for n in lines:
        if n is line or n.page != line.page or not n.words or not 0 < abs(n.y - line.y) < NEAR_DY:
            continue
        if n.y < line.y:  # the label over the address's own column ("Head Office | Perwakilan Jawa Timur")
            cells = [c for c in _cells(n.words) if c[0].left < right and c[-1].left + c[-1].width > at.left]
        else:  # "Kantor" / "Cabang/Perwakilan": the rest of the label under it, left of the address
            cells = [[w for w in n.words if w.left + w.width <= at.left]]
        if any(_label(c) for c in cells):
            return True
    return False


def _heading(line: Line) -> bool:
    """A short heading of a letterhead block ("KONTAK", "KANTOR PUSAT:"): a new block begins."""
    text = line.text.strip(" :")
    return 0 < len(text.split()) <= 4 and text.upper() == text and not any(c.isdigit() for c in text)


def without_branches(lines: list[Line]) -> list[Line]:
    """The lines that are not a branch office's: the column under a heading cell that names
    one ("PERWAKILAN / BIRO:"), down to the next block's heading ("KONTAK"), and a line
    opening with a branch's label ("Biro Trenggalek: Jl. … Kel." with its wrapped rest)."""
    branch = _branch_rx()
    heads: list[tuple[Line, float, float, bool]] = []  # line, the column's left and right, a heading?
    for line in lines:
        cells = _cells(line.words) if line.words else []
        for cell in cells:
            if _label(cell):
                heads.append((line, cell[0].left, cell[-1].left + cell[-1].width, True))
        if cells and not any(_label(c) for c in cells) and branch.match(line.text.lstrip(" -•")):
            heads.append((line, cells[0][0].left, cells[0][-1].left + cells[0][-1].width, False))
    if not heads:
        return lines
    starts = {id(h[0]) for h in heads if h[3]}
    dropped: set[int] = set()
    for head, left, right, heading in heads:
        if not heading:
            dropped.add(id(head))
        column = sorted((l for l in lines if l is not head and l.page == head.page and 0 <= l.y - head.y <= COLUMN_DY
                         and _in_column(l, left, right)), key=lambda l: l.y)
        last = head
        for line in column:
            if _heading(line) or id(line) in starts or (not heading and not _open(last)):
                break  # a heading's block ends at the next; a labelled line, where its text stops going on
            dropped.add(id(line))
            last = line
    return [l for l in lines if id(l) not in dropped]


def _in_column(line: Line, left: float, right: float) -> bool:
    """A line of the column [left, right]: it overlaps it and starts in it, not far to its
    left (a reader that joined the head office's column to it keeps that line)."""
    height = max((w.height for w in line.words), default=0.0)
    return line.box[0] < right and left < line.box[2] and line.box[0] >= left - 2 * height


def _open(line: Line) -> bool:
    """A line whose text goes on below ("… No. 27, Kel."): it ends in a comma or an open word."""
    words = line.text.rstrip().split()
    return bool(words) and (words[-1].endswith(",") or words[-1].strip(".,").lower() in rules()["address_open_words"])
