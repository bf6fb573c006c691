"""Write a Catalog as the exact text GNU ``msgcat`` 0.21 prints for it.

Why byte identity: translators and CI run GNU tools (msgmerge, msgcat, msgfmt) on our files, and
any difference in wrapping would show up as noise in every diff. So this module re-implements
gettext's ``write-po.c`` rules rather than a look-alike:

* strings are cut into portions at each ``\n``; a string of several portions, or one that needs
  wrapping, starts with ``msgid ""``; portions wrap at column 79 (77 for the text between the
  quotes) where Unicode line breaking (UAX #14, as libunistring 1.0 implements it) allows, with
  East Asian wide characters counting two columns;
* flags are normalised: ``fuzzy`` only when the (first) msgstr is filled in, the ``*-format``
  flags in gettext's language order, ``range:``, then ``no-wrap``; other flags are dropped;
* references are re-parsed (``file:line``, ``./`` removed, duplicates dropped) and packed on
  ``#:`` lines up to column 79; comments are never wrapped;
* obsolete entries go last, and those without a translation are dropped, as msgcat does.

``no-wrap`` (the flag) turns off wrapping except at ``\n``. One rule is not reproduced: in an
entry flagged ``c-format``, ``python-format`` and the like, gettext does not break inside a format
directive, and "% d" is one. Our catalogs carry no such flags (merging drops them); a hand-edited
file that has them can wrap differently where a directive holds a space.
"""

from __future__ import annotations

import base64
import re
import zlib
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, chain, pairwise

from transflow.catalog.model import Catalog, Entry
from transflow.errors import CatalogError

_PAGE_WIDTH = 79
_NO_WRAP_WIDTH = 2**31 - 1

# The *-format languages of gettext 0.21, in the order msgcat prints their flags.
_FORMAT_NAMES = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep "
    "ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl "
    "perl-brace php gcc-internal gfc-internal ycp"
)
_FORMAT_LANGUAGES = _FORMAT_NAMES.split()
_FORMAT_INDEX = {name: i for i, name in enumerate(_FORMAT_LANGUAGES)}
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?(.+)-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\.\.(\d+)")
_FLAG_SPLIT = re.compile(r"[\s,]+")
_FILEPOS_SPLIT = re.compile(r"[ \t\n]+")
_PLAIN_REFERENCE = re.compile(r"(?!\./)[^\s:]+(?::[1-9][0-9]*)?")  # printed by GNU as it is
_PORTIONS = re.compile(r"[^\n]*\n|[^\n]+")
_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n"}
    | {"\r": "\\r", "\t": "\\t", "\v": "\\v"}
)
_NEEDS_ESCAPE = re.compile(r'[\\"\a\b\f\n\r\t\v]')


def format_po(catalog: Catalog) -> str:
    """The PO text of ``catalog``: header, live entries in order, then translated obsolete ones.

    Raises CatalogError when two live entries share a msgctxt and msgid, since GNU tools reject
    such a file. An obsolete entry whose key is already used is dropped, as msgmerge would.
    """
    blocks: list[list[str]] = []
    seen: set[tuple[str | None, str]] = set()
    live = [catalog.header] if catalog.header is not None else []
    for entry in live + catalog.live_entries():
        if entry.key in seen:
            raise CatalogError(f"duplicate message {entry.msgid[:40]!r} cannot be written")
        seen.add(entry.key)
        blocks.append(_entry_lines(entry, obsolete=False))
    for entry in catalog.obsolete_entries():
        if _msgstrs(entry)[0] and entry.key not in seen:
            seen.add(entry.key)
            blocks.append(_entry_lines(entry, obsolete=True))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n" if blocks else ""


def _msgstrs(entry: Entry) -> list[str]:
    if entry.msgid_plural is None:
        return [entry.msgstr]
    # A plural entry without forms is written as a template writes it: two empty forms.
    return entry.msgstr_plural or ["", ""]


def _entry_lines(entry: Entry, obsolete: bool) -> list[str]:
    lines: list[str] = []
    for comment in entry.translator_comments:
        lines.extend(_translator_comment_lines(comment))
    for comment in entry.extracted_comments:
        # GNU writes an embedded newline as is, which no reader accepts; one line each is valid.
        lines.extend("#. " + part if part else "#." for part in comment.split("\n"))
    lines.extend(_reference_lines(entry.references))
    # GNU joins a line that ends with a backslash to the next one; a space keeps them apart.
    lines = [line + " " if line.endswith("\\") else line for line in lines]
    flags, wrap = _normal_flags(entry, obsolete)
    if flags:
        lines.append("#, " + ", ".join(flags))
    prev_prefix, prefix = ("#~| ", "#~ ") if obsolete else ("#| ", "")
    fields = [
        (prev_prefix, "msgctxt", entry.previous_msgctxt),
        (prev_prefix, "msgid", entry.previous_msgid),
        (prev_prefix, "msgid_plural", entry.previous_msgid_plural),
        (prefix, "msgctxt", entry.msgctxt),
        (prefix, "msgid", entry.msgid),
        (prefix, "msgid_plural", entry.msgid_plural),
    ]
    for line_prefix, keyword, value in fields:
        if value is not None:
            lines.extend(_wrap(line_prefix, keyword, value, wrap))
    if entry.msgid_plural is None:
        lines.extend(_wrap(prefix, "msgstr", entry.msgstr, wrap))
    else:
        for i, msgstr in enumerate(_msgstrs(entry)):
            lines.extend(_wrap(prefix, f"msgstr[{i}]", msgstr, wrap))
    return lines


def _translator_comment_lines(comment: str) -> list[str]:
    # GNU puts a space after "#" when the rest of the comment, not the line, is non-empty.
    parts = comment.split("\n")
    return [("# " if part or i < len(parts) - 1 else "#") + part for i, part in enumerate(parts)]


def _normal_flags(entry: Entry, obsolete: bool) -> tuple[list[str], bool]:
    """The flags msgcat keeps, in its order, and whether the entry's strings are wrapped."""
    fuzzy = no_wrap = False
    formats: dict[int, str] = {}
    value_range: str | None = None
    for token in _flag_tokens(entry.flags):
        if token == "fuzzy":
            fuzzy = True
        elif token in ("wrap", "no-wrap"):
            no_wrap = token == "no-wrap"
        elif (match := _FORMAT_FLAG.fullmatch(token)) and match[2] in _FORMAT_INDEX:
            formats[_FORMAT_INDEX[match[2]]] = match[1] or ""
        elif match := _RANGE_FLAG.fullmatch(token):
            value_range = f"range: {int(match[1])}..{int(match[2])}"
    flags = ["fuzzy"] if fuzzy and _msgstrs(entry)[0] else []
    for index in sorted(formats):
        if formats[index] != "impossible-":
            prefix = "no-" if formats[index] == "no-" else ""
            flags.append(f"{prefix}{_FORMAT_LANGUAGES[index]}-format")
    if value_range is not None and not obsolete:
        flags.append(value_range)
    if no_wrap:
        flags.append("no-wrap")
    return flags, not no_wrap


def _flag_tokens(flags: list[str]) -> Iterable[str]:
    for flag in flags:
        if _RANGE_FLAG.fullmatch(flag.strip()):
            yield flag.strip()
        else:
            yield from (token for token in _FLAG_SPLIT.split(flag) if token)


def _reference_lines(references: list[str]) -> list[str]:
    """``#:`` lines packed to the page width, as GNU counts it: in bytes, with a leading space."""
    lines: list[str] = []
    line = "#:"
    column = 2
    for item in _file_positions(references):
        size = len(item.encode()) + 1
        if column > 2 and column + size > _PAGE_WIDTH:
            lines.append(line)
            line, column = "#:", 2
        line += " " + item
        column += size
    if column > 2:
        lines.append(line)
    return lines


def _file_positions(references: list[str]) -> list[str]:
    """References as GNU re-reads and prints them, until that no longer changes them."""
    if all(map(_PLAIN_REFERENCE.fullmatch, references)) and len(set(references)) == len(references):
        return references
    while (again := _reread_file_positions(references)) != references:
        references = again  # "c.md:" "7" may print as "c.md: 7", which reads as c.md:7
    return references


def _reread_file_positions(references: list[str]) -> list[str]:
    """GNU's reading ("file:12", "file: 12", "file :12", duplicates dropped) and printing."""
    tokens = [t for t in _FILEPOS_SPLIT.split(" ".join(references)) if t]
    result: dict[str, None] = {}
    i = 0
    while i < len(tokens):
        name, line, i = _one_file_position(tokens, i)
        while name.startswith("./"):
            name = name[2:]
        result[name if line is None else f"{name}:{line}"] = None
    return list(result)


def _one_file_position(tokens: list[str], i: int) -> tuple[str, int | None, int]:
    token = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if after.startswith(":"):
        digits = after[1:] or (tokens[i + 2] if i + 2 < len(tokens) else "")
        if digits.isascii() and digits.isdigit():
            return token, int(digits), i + (2 if after[1:] else 3)
    if token.endswith(":") and after.isascii() and after.isdigit():
        return token[:-1], int(after), i + 2
    name, colon, digits = token.rpartition(":")
    if colon and len(name) >= 1 and digits.isascii() and digits.isdigit():
        return name, int(digits), i + 1
    return token, None, i + 1


def _wrap(prefix: str, keyword: str, value: str, wrap: bool) -> list[str]:
    """GNU's ``wrap()``: the lines of ``keyword "value"``, one or more per ``\n`` portion."""
    width = (_PAGE_WIDTH if wrap else _NO_WRAP_WIDTH) - len(prefix) - 2  # room between quotes
    short = len(value) + len(keyword) < width and _NEEDS_ESCAPE.search(value) is None
    if short and _UNUSUAL_CHAR.search(value) is None:  # the common case: one line
        return [f'{prefix}{keyword} "{value}"']
    portions = _PORTIONS.findall(value) or [""]
    lines: list[str] = []
    first = True
    for index, portion in enumerate(portions):
        text = portion.translate(_ESCAPES) if _NEEDS_ESCAPE.search(portion) else portion
        newline = portion.endswith("\n")
        if first and text:
            # A string of several portions, or one that must wrap, starts with `msgid ""`.
            start = len(keyword) + 1
            if (
                index < len(portions) - 1
                or start > width
                or _line_breaks(text, newline, width, start, True)
            ):
                lines.append(f'{prefix}{keyword} ""')
                first = False
        cuts = _line_breaks(text, newline, width, len(keyword) + 1 if first else 0, False)
        bounds = [0, *cuts, len(text)]
        head = f"{prefix}{keyword} " if first else prefix
        first = False
        lines.append(f'{head}"{text[: bounds[1]]}"')
        lines.extend(f'{prefix}"{text[a:b]}"' for a, b in pairwise(bounds[1:]))
    return lines


# Line breaking: a port of libunistring 1.0's u8_possible_linebreaks and u8_width_linebreaks, which
# gettext 0.21 calls. The data below is libunistring's pair table (33 x 33 classes) followed by
# its line-break class and column width of every code point, as (class * 4 + width, distance to
# the previous range start) pairs, zlib-compressed; tests/catalog/test_pofile.py checks it
# against the system's libunistring.
_UNICODE_DATA = (
    "c-rk)TWlRi8O~hxdd}EBNu2l+JI>{}x%tGWrB2++X-=hM;fR(qOIvZ#j<N?-RZt`%aZ{fRq*9AoF&i3*B2ftekGvtC0PzG"
    "uLTX>=3-AC`@WLfLfj~5T|G(?Rsjb?SSFiN%&d&Vv&p+S%Gy8w5BwY$uRjB3erFK?OQq&3p1tA2<-3xC!DC{`IJ1oep7Va"
    "o09)kO9uTWW#Y=tjs+M=+d1@SIEyjO+)|JsBkVX@6(?H)-fcLJ(z+=ar%C3f&Z{?9&Ci?v}v%I%@Pqab!v5W7;4+bVET?q"
    "uP;IJr9<cDb7Dz_x3#yJ>E|{Jv)LlDIBjkY2pHzb%%96>Fl8`?BbY8Gc(4<B-QhPpqU?wv`p#={0Wa&KNO?rx({lFM_Eqd"
    "aenpmIEuAsP9X>iI#-55ZdV3dO_nxh5hI@r$6Y0Zu-cYl@YvOmo{3tEes8-$*fuMY~I4Xwxsg4*iK*5Ru7B~`)Wm@MYbDg"
    "#jyTtZ@i!ONE;)xKTbUd5%&+hBpX)uq)i9oTqpdjo%SEIjozqD{V|)Y=r+}=HL`HXYUm`M><SzBvsMk>hx*XQ{>)&)i*gR"
    "SOC?*vU6rxdC3|WkpBhOc`4-n)tTe1H;YA6L@t&YJ;3Ta+YWo2}jXFtE(tV?s^qOV~KQOD_LFz>%-?&FBfJc(cRC}<p%ob"
    "zJUTpG%WwS3nVoS9*9xGEm3?I;=R93Nd_O~|zi{y7$)%gpABXo3)lEz9(->B@g2>GPs<tI(piy(?Ul;tK(KSsVlN7g8b&7"
    "<ByDPd1(9;;~4Xjc{XHtvNsB^!ekD+UN6iXN<d+!F@92TyWsGHBS4J-g59mI!1^7#SdP0$^XQJVt^glh#oO=_0^Mc-*cTK"
    "}-f5kAX$h*^@?aOo&!uV9$~*Imi&7h&hPFxU%-53DJn6F^*pHNDk1GBNB6cdic!MXWwr>?0<`;rY&GzquXsvr8`Bt%sh?>"
    "pDYRZBc<elry;X2a~T472Qis7jRio?7C5BP!h^IY;G*QIB1kpB!&XWCr|@<hHa}k~PeGvoEiFW7RXe7By>(JssbXdD5F3m"
    "JwPDO6#w=1V$rz!BopaQ8OWMEZIobk_xPTDsH3$hqk&@cPB;*K3?W`9(EbSh}F>#LjBGSt$#$>tZW9%`YW>hbz#xf^iVL)"
    "+E8s2v_Dlla`(*I1@%dP(aFsyTA#4FJIBAqH&bt4iwmQ+{bpi^}0oz_M@kJt<X9Dgxt<N{<Rq}4}BnI?m(jo7CKf@41I8d"
    "{j{2;J9O{Rl_r2t=>((MN}&AGOE&*ipQ{VPWmxFnape)N7)OEGyiIl}ly{rR*m#>{KosoXcLszR#&*3{O<#qCgYMlU8L-+"
    "sqH5?;$82fFPo>*h<&Rr3;{~a-E@vC1bFhtJ(%y9Ks|I9m?Dy3Vu3_l|`g6lm$@EreN^|g#1F>(sNnauuV3A+2ozQ@lJvM"
    "QRq+LiBr8BFh)nW)9ZfyUCeBw{>Yuu91rs?^78@qPxx1HAhfZ}xL48t8C23|<?8aB8L_cJU#ee5r)Ald_gXiit$BfYXC;B"
    "*UD&0!xY|qf?c3T5z#Y$~oX9@nn%SGeO=ZmyJq0v7Ky^t@i6wEbY_087_0p#|w39aiCprOELuP1kTV)b*bkloCl3{mZMBS"
    "m0chv)W+95_<ke!A54)R2&>Bcf>+Ea*;TTAY8=jM0OA^S({RCWP7wgY%xmKDCeF>KR*wGsRrZ$v^X@L!d-`aS^A@^Jk%L%"
    "H9;Ir(s#PJcvddA~<o8$M#NXZN>K`ttFSbi|<DA1?8Ic)Dq4a0aOQG?CRQfu+ImL?-~wbkR%E=X@FZ>U$=AlfHUoee4;8#"
    "o!1|st5SQQhe?Pd|-<5G@UVqJgUAWe-?c9L5!?E?PTJq@T20X={?z#J=v2z*^}Lioqnci4?nAI*Ij?quIp<vUR=XR4q_m|"
    "H6pdhEow<8|Ejt~oqxoH<kHxbxFqK#r3`0~iuuruEd^VXimeHT6H^gHP!cgOoxE2gi=DV4R;h#pbKlqSn8(W%xq7#|bgbH"
    "GI61FSJ6*jm&D2laC&h!59V2sG5P7<=fXwhHGR+Xr4N<G=3Rxx|yFaH~{3}Fd|3%aLJ>6~s1my9;EaGGPIuJ15M;2;+PHn"
    "%dcqOqd?N6ahDcTqq_{)^1C8v?<n@5rMzXjIVi;)HVoj&Hme?x$sb-^T`W9BRTgJu-$W5#oi0edNB6y<_vvO_G*aE3BKd+"
    "#{sBSf``=~W!EV)o~dzmT<*Im;q?gTWY0X%91MQBkT^l`g9C1C+UNLLn%}FxB4yVLnM7F~g0C$$(Ga<-f$cYi@4Iz9>^>{"
    "}FNg@~730hB{rr(7Ga*{7b>2jj2BIID)O$1TFqm{pX>oY{82*b0|AX{}sxtHdy=EGw?sO#$T%c6i6}&RDkZ_L!3Pkw+(t4"
    "3q>COg*-}lwC`c=<*E%CtBT7p`fQtcU4r&6kT=|_D>Qk1j+E6Onp0&+th>djcuUtTJmFU5JH+y6R4{j9gfA&3eFB|0^Q1("
    "ub%?3_oIS)7i2Mc_e9nfPly3Z@sV7w~S|;=r^c%JQ7lgm;|B(paES$L&+o1c0=}9D$lPB-eAC&$^52=437NZGzzj=bHdwv"
    "Z70pQ*M*5(c9pMS_iNL(qz8fg15oc2Gg0Jz{It2>WrO!x+pUJ$~6o_BG!9@;mRJ7bgVPsp>eQzHnGweQHzf>oUsxM6I8!n"
    "Y3?{=4OWbJBJI)#36riff9#(2jBR%%b%bT7(xH_I|&vF{VZ#t~e4v)kwz)iBbPX%J8(fUj<j-pT`R=pnr=t*b1%x8cphr2"
    "9!RHHUx4P^X>l<E7%9n`Rk$6AeZ;$y7)xiEJkw)0og5xa<*-n8<5i+L=pIA$g=bOh4|b>H#Jnw49__|Ok6Ys7Q@heQ{=~7"
    "Gf%)-SDhH*V9P=1z+YuH4gq5t22Md)fV&c}m3aXD7E@{UWd%n32>OU2*b%fE!*O>2!-yfsHtG~v9MWMpLI+|cun1nsWtm^"
    "WD8fbAm>U7pZstu`Lt8#kG{Ki?n&YspF|q;YKA*>Sf*AJj3T$KFF3&F@a4@A4s2f8a%_JCx<Xx_uEXYIU8imAN7l~EHXED"
    "l?g?3TVL=BduXj)xdv~iKzusDV1Y)(A=@nMr@4T)Vmq%jkh@=R4uvs#3#VAg^~3|l;7V~-b4U{OXeHjrb9TvE*7*>J&7!K"
    "1WDU0B4!xQJ}hyM@hNg!b(SNW6VpRd>Y3m)1}5pVX^<UD#XVzdP%6%m"
)

_NO, _YES, _MANDATORY = 0, 1, 2
_BK, _CR, _LF, _CM, _ZW, _SP = 33, 34, 35, 36, 37, 38
_BA, _HY, _AL, _HL, _RI, _ZWJ = 3, 5, 20, 28, 29, 30
_HL_BA = 100  # a Hebrew letter followed by a hyphen: no break after it (LB21a)
_DIRECT, _INDIRECT = 1, 2
_SPECIAL = frozenset((_BK, _CR, _LF, _CM, _ZW, _HL, _RI, _ZWJ))


def _decode_unicode_data() -> tuple[bytes, list[int], list[int]]:
    data = zlib.decompress(base64.b85decode("".join(_UNICODE_DATA)))
    starts: list[int] = []
    values: list[int] = []
    code, pos = 0, 33 * 33
    while pos < len(data):
        values.append(data[pos])
        delta = shift = 0
        while True:
            pos += 1
            delta |= (data[pos] & 0x7F) << shift
            shift += 7
            if data[pos] < 0x80:
                break
        pos += 1
        code += delta
        starts.append(code)
        if values[-1] >> 2 in (_BK, _CR, _LF):
            values[-1] &= ~3  # the width of a mandatory break is not counted
    return data[: 33 * 33], starts, values


class _PropertyTable(dict[str, int]):
    """Line-break class * 4 + column width of each character, looked up once."""

    def __missing__(self, char: str) -> int:
        value = self[char] = _RANGE_VALUES[bisect_right(_RANGE_STARTS, ord(char)) - 1]
        return value


def _usual_chars_pattern() -> re.Pattern[str]:
    """A regex for any character that is not one column wide or needs the context rules."""
    ranges: list[list[int]] = []
    for start, end, value in zip(
        _RANGE_STARTS, [*_RANGE_STARTS[1:], 0x110000], _RANGE_VALUES, strict=True
    ):
        if value & 3 == 1 and value >> 2 not in _SPECIAL:
            if ranges and ranges[-1][1] == start:
                ranges[-1][1] = end
            else:
                ranges.append([start, end])
    spans = (f"{re.escape(chr(a))}-{re.escape(chr(b - 1))}" for a, b in ranges)
    return re.compile(f"[^{''.join(spans)}]")


_PAIRS, _RANGE_STARTS, _RANGE_VALUES = _decode_unicode_data()
_PROPERTIES = _PropertyTable()
_UNUSUAL_CHAR = _usual_chars_pattern()


def _line_breaks(text: str, newline: bool, width: int, column: int, first_only: bool) -> list[int]:
    """Where ``text`` starting at ``column`` must break so its lines fit ``width`` columns.

    This gives what u8_width_linebreaks' greedy scan gives: each line ends at the last break
    chance that still fits, or at the first one after it when even that does not fit, and a
    mandatory break (U+2028 and the like, kept in the string) starts counting anew. Looking for
    that chance backwards from the end of the room is ten times faster than judging every
    character; only text that needs the context rules has all its chances computed up front.
    """
    ends = None  # the column after each character, unless all are one column wide
    chances = None
    if _UNUSUAL_CHAR.search(text) is None:
        if column + len(text) <= width:
            return []
    else:
        values = [_PROPERTIES[char] for char in text]
        ends = list(accumulate(value & 3 for value in values))
        if column + ends[-1] <= width:
            return []
        if any(value >> 2 in _SPECIAL for value in values):
            chances = _break_chances([value >> 2 for value in values], text, newline)
    mandatory = [] if chances is None else [i for i, c in enumerate(chances) if c == _MANDATORY]
    cuts: list[int] = []
    for start, stop in pairwise([0, *mandatory, len(text)]):
        while True:
            # The end of the longest text[start:end] that fits in what is left of the line.
            room = width - column
            if ends is None:
                end = max(start, start + room)
            else:
                end = max(start, bisect_right(ends, room + ends[start - 1] * (start > 0)))
            if end >= stop:
                break
            candidates = chain(range(end, start, -1), range(end + 1, stop))
            cut = next((i for i in candidates if _is_chance(text, newline, chances, i)), None)
            if cut is None:
                break
            cuts.append(cut)
            if first_only:
                return cuts
            start, column = cut, 0
        column = 0
    return cuts


def _is_chance(text: str, newline: bool, chances: list[int] | None, index: int) -> bool:
    """Whether a line may break before text[index]; judged here unless computed up front."""
    if chances is not None:
        return chances[index] == _YES
    char = text[index]
    if char == " " or (newline and index == len(text) - 2):
        return False
    last = index - 1
    while last >= 0 and text[last] == " ":
        last -= 1
    if last < 0:
        return False
    if last == index - 1 and text[last] == "\\":
        run = last
        while run >= 0 and text[run] == "\\":
            run -= 1
        if (last - run) % 2:  # text[last] starts an escape sequence
            return False
    pair = _PAIRS[(_PROPERTIES[text[last]] >> 2) * 33 + (_PROPERTIES[char] >> 2)]
    return pair == _DIRECT or (pair == _INDIRECT and last < index - 1)


def _break_chances(classes: list[int], text: str, newline: bool) -> list[int]:
    """For each character, whether a line may (or must) break before it: UAX #14 as of 2022."""
    chances = [_NO] * len(classes)
    prev = last = _BK  # the previous class, and the last one that was not a space
    space = False  # a space came after ``last``
    regional = 0  # regional indicators just before this character
    for index, cls in enumerate(classes):
        if cls in (_BK, _CR, _LF):
            chances[index], prev, last, space = _MANDATORY, cls, _BK, False
        elif cls == _SP:
            space, prev = True, cls
        elif cls == _ZW:
            last, space, prev = _ZW, False, cls
        elif cls in (_CM, _ZWJ):
            if last in (_BK, _ZW) or space:
                chances[index] = _YES if last != _BK else _NO
                last, space = _AL, False
            prev = cls
        else:
            chances[index] = _pair_chance(prev, last, cls, space, regional)
            last, space = cls, False
            prev = _HL_BA if prev == _HL and cls in (_HY, _BA) else cls
        regional = regional + 1 if cls == _RI else 0
    backslash = text.find("\\")
    while backslash >= 0:  # never inside an escape sequence
        chances[backslash + 1] = _NO
        backslash = text.find("\\", backslash + 2)
    if newline:  # nor before the "\\n" that ends a portion
        chances[-2] = _NO
    return chances


def _pair_chance(prev: int, last: int, cls: int, space: bool, regional: int) -> int:
    if last == _ZW:
        return _YES
    if last == _BK or prev in (_ZWJ, _HL_BA):
        return _NO
    if last == _RI and cls == _RI:
        return _YES if space or regional % 2 == 0 else _NO
    pair = _PAIRS[last * 33 + cls]
    return _YES if pair == _DIRECT or (pair == _INDIRECT and space) else _NO
