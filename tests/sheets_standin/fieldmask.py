"""Google field masks ("a.b,c(d,e)", "gridProperties/frozenRowCount", "*") as lists of paths."""
from __future__ import annotations


def parse(mask: str) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []

    def walk(s: str, prefix: tuple[str, ...]) -> None:
        depth, start = 0, 0
        for i, ch in enumerate(s + ","):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "," and depth == 0:
                item = s[start:i].strip()
                start = i + 1
                if not item:
                    continue
                if "(" in item:
                    head, inner = item.split("(", 1)
                    walk(inner[:-1], prefix + _split(head))
                else:
                    paths.append(prefix + _split(item))

    walk(mask or "", ())
    return paths


def _split(name: str) -> tuple[str, ...]:
    return tuple(p for p in name.replace("/", ".").split(".") if p)


def copy_paths(src: dict, dst: dict, paths) -> None:
    """Set every masked path of dst from src; a path absent in src is cleared in dst."""
    for path in paths:
        if path == ("*",):
            dst.clear()
            dst.update(src)
            continue
        s, d = src, dst
        for key in path[:-1]:
            s = s.get(key, {}) if isinstance(s, dict) else {}
            d = d.setdefault(key, {})
        if isinstance(s, dict) and path[-1] in s:
            d[path[-1]] = s[path[-1]]
        else:
            d.pop(path[-1], None)


def project(obj, paths):
    """Keep only the masked paths of obj (lists are projected element-wise)."""
    if not paths or any(p == ("*",) or not p for p in paths):
        return obj
    if isinstance(obj, list):
        return [project(x, paths) for x in obj]
    if not isinstance(obj, dict):
        return obj
    out = {}
    for key in dict.fromkeys(p[0] for p in paths):
        if key in obj:
            sub = [p[1:] for p in paths if p[0] == key]
            out[key] = obj[key] if any(not p for p in sub) else project(obj[key], sub)
    return out
