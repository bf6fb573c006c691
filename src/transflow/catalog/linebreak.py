"""Where GNU gettext may break a long string: Unicode line breaking as libunistring 1.0 does it.

Kept apart from ``powrite`` so that the writer reads as the PO format and this as its data.
"""

from __future__ import annotations

import base64
import re
import zlib
from bisect import bisect_right
from collections.abc import Set
from itertools import accumulate, pairwise

# Line breaking: a port of libunistring 1.0's u8_possible_linebreaks and u8_width_linebreaks, which
# gettext 0.21 calls. The data is libunistring's pair table (33 x 33 classes), then its code point
# ranges: each one's line-break class * 4 + column width (0 for a mandatory break, which is not
# counted), then each one's distance from the previous start in 3 bytes, zlib-compressed.
# tests/catalog/test_pofile.py checks it against the system's libunistring.
_UNICODE_DATA = (
    "c-rk5ON=8&wY$389{0FsrZ?H$@$AlIcQYQcAv3#9$j(k8Z*Zg;;ZZ_dh9G`!?F>;AL6CMOASf3Q$^oPx+Djr44oDn0azmU"
    "V#0idYAs0@31Q$LzA`paEuj*C5a`&vA&DAcuTwV3*)qAhrr}|YO)F*(CZkS*338n)C!Z!duG<@Gzzv2T=QvjweF@ZspF<5"
    "{Am%usI02+fpEcj7FC4i|I{JYR_uK*wX!z8I>QL$OGOHznwf--|M0MN&uLW6kUH0aGD3_?_k+5-4f0sNT&L?r+=#WW1}Lg"
    "Z|6m~l6efXcm?jZOZ^o3Fq2?fk9wp6u_-z0SJqcTabp?R8~acKYkGleA?1S{`-w`*Ke<CH$q(=s>MX9zu~_3BN@4WuD~F%"
    "-gxV4P_wryXv7W^WJ_B2B0yJ2qAm2Xu)I{>6>R&aBPr|Wj@a37^<=ANB~qdRG+TY?0qOW*9;k~Iqw?lfgT4WEcw_Fp;j??"
    "5pZl#5TU^DIF&fBSih2_f*6Ht3=9nb<v{ilYz`1v8l_3pj+9v7S&OdI>a@m6j`~q1@Jo|aMrIyEL5K$O#g|@2P*plDHAhJ"
    "<F`~qhY^zZuLAC*3TWwuWbB2s7cH2GVCwCUeu~VbeMUjwb+VsS+mV+6^=S0m)G<IAC|5BMm$s76CbNFk3wn34X6HqTuJ-I"
    "Eroz}Ky!&4dntiZRwZ%b}AyDu+GB`BH6Yin{Svrz{12p&grbOb;1G{gd<&^3e~j%zqIWptFmAb=hp8BkUBWP60zi(*EQ9^"
    "2=FINj1t0huQ1i;~!b|4sr6>=AU*Ms^!|K$W%~lG#v~rL}A)yS7HfHg}+%-^uR4=xDf;Rg_^~*^R{@R}GMd?obo}u|2Eui"
    "KNX_`n)gGwpMdxiOL$_50&7>LOo=HDrxjVD~{3xu2N&AoMhPvYR{)WJ1_GxFV#i9Bwq$Ay`A5dytFzh)ZAFRv2|_j;bG34"
    "gmo1el;O^n83H3eJODfQhFhwkhr#w?9RBgQ)_T0PJyJzdIXKJ?Wj?arAVC{X>@#_a<TCzgr$AmKv7s3K!63=Ccfh~^fn=;"
    "b2@WfqYMKg;iHR&lsA0i&EUB1vFytt7^n}pH#iZzFbBj<1asr|-su#p)ZO$E11CKSWsp(cE0C_3JHU*R><|Kj0+XYQIJ3Z"
    "KA2ePqG(Ygp3;nh|3*F!8yh9qcxuGk6X9p$QrMP!pZP%=7pX@1$U%5~zLmR$MnzIo_iScQ;yWJ(5=)L|5&<Iz{MV_Qa8j#"
    "Wg(0D`?oBh&vaRUc<=85%%U>q$e5zp&6T{xVcE1uOTqB`u`-vm^C`uRK!G`Uo4Q0EvvOW2CAmYCJ2-G5$fE@4-~0Kuf|?p"
    "N8l8_!U^6qQ}|4G0qLJeUA07yI?h}*H{lsiP)oX8#RLQJ+V-<4TTpx?>THVJ+JP0iRUe;M?b{J_Xt%;jqTDxcDV&4JH&5-"
    ">jwB0_+4bwe%SL)Bfmal`3nS4XPgScA7UfMiI#v3T=8>=d>KbC;zopQExp7U>TIz72q}T~M-ZllEIjOat0Wnyuerhx5GG`"
    "d*J<N4c_|HDXH!A~u<SJ0jtka^s>G`s9HC%117hcXSA`a<CPq~naz7)(Ze@+ZTrcTrnWH*2I8$23o@BgOY6B*RB?N9vs;j"
    "r_%Fy<QwA><FtIiM#cY57b22nMAh1$C`ePYqzgpF&kC7|bkD72h%k=lt}g0Ismb%e3VpC^C@(pjVBKIE#O-O9+-QbEhb)7"
    "%a~c8t{*>JgE_Zc<N;*yk%kdr0)un0UD+G)Y|p6tZ>>7Shg&NnFRCchmDe=6Rp?{1KDkkI;jC!}We2M}SQNJI};&4(ko9K"
    "gzUpfdCd6FO_16(G`f2y#&l-e+fG;;p5ksvD=1Eo^XM1eiQ31!~8_a_1WdP+UOPaBRI4NaO1S_uawjvVr<6Di)xK+xcal<"
    "8nsm+0DgoK6SxX?70Fv*jwoUjZer(vW+lYngtqAVS89*^|1zWSUGph#!NgvK%)leEIKD*9HISwo+5*;&iCUlR!bitmXFZ`"
    "ym5%}FB6+-sLMqh%L9pLrd)3|FB^<JA{let}w7tPLZpBqa3)Uibn&`=W)D5WbV`A5Pl#*}+b8ZuI4%jM!^mbyuDtDyrn!g"
    "|;eb9{>T!m^?HZ{xl0fb*=+Yzy$yUz8$|NakV<?mDO;{`&#j_f>EXo&w7l3Ld1Ta5Udh+&CD%_S_{P4}w;@x*B%Vx}sXA#"
    "f`ecjfL9?cHZksoufICewLQQihXU=v081+)l(|ikM*wS|@CG%{@AbDpS1&R3YKfhel{*Sbq{FvqIA!Qqn$mOL?;)o>aqEP"
    "~f}ha(5IeKVeI(pak}r=ea;`Q<&xaxa6SDx(8#Qg7uTsukHO&avC=D)X+i2Odv4^O$~6CVqz0tI_v@F3c>R;XN~HZR@aA("
    "E3WVbxxoc@(>3z**z;J)`9y5LF1xm1jp%Q#9*UA))!3WVyq?$ddS1`#c|EV^^}POobrX+^p-Mqq4Ap_FNK?n`#WOk~T^xJ"
    "<KdAq0I{U4ZGD!9uzT%>q@heWwtDN*Yuu%1e^}Ul{dnZnwi?ikMD~XITyDsSUwnkYCTL+~K%qi33>!E++&>yjW6D6k8cUQ"
    "6gjanl3DYk!&^&i}vNr>++HZ!n-()cbVA@y<kX(dem&j_=C`*@pJ_yMx7Q&O)o1|P@Vh(IC4O#U|Gw_Qq-^Hhv}A&u#cW7"
    "AFV#O(d<k<w*~<~^W%SIDFty1+aE@(jDV@K1Q>{UWhuF9mGwYa)#-N(u9zlt!*o_UxA|Rmf9Yp$iXf$x<jjV@<zs0p#zPR"
    "KwD{lE%MGLqoPMXE`CJpmD=h+8Q$%fcXTwnD9xR?0v-F8Q0MB6C66IN*b5HdLqET;_69Qf;`XU|Bx%3@}@VKS?#c-bWqrr"
    "|2p#?wc?fByy~7|`JXectFdx^mGripE3=}z>fXx;*Byb0^@*v!APbnS4R5Jg$)8A9H>=WU|0IMzD;7=PG>y%irC$cv-Xcn"
    "#Af1fKt%2*%DeIpT@?A>jKFhKYLM5`!{!3A=Xn6-O)EeHUzp`r%;?aMQY(F*r1O(prabYs2K5ud+5NpH+^MN(WY}8R2F!v"
    "4BAALt9JybB-#m+~`ODwSrh7BdlUNj(jQkHhMiI)g_Q1|>7u(L~AjToZeBEXlijtXH0&lGzRJV%V{i<=kFJheYub~DUv$~"
    "?nFeetouvKgo7E^iHo5_ESVl2<okS7P}gW}%y8YX?l`ODtD^+ReEIRsJDDJSnpX?W3M5Mbbq?cppnr*(r55-92HjQ7MOc$"
    "ZTW<rzDizwvemrQpu+q;gIFhuOO$Z<N*#D@mtgmDK)*qTvNpE9|Lx&5wOUvWe$z6AQ{iob)-#@E>rtD8F<Yk2F-1hz<aBv"
    "o1tA`S8OqJeRUSWyCoNqvg?&gl#N`X?X$#dHC`u1B4RKm@-zV&>|N6t{7>O|uc+hV+WjV8W4-%-0wQDx"
)

_NO, YES, _MANDATORY = 0, 1, 2
_BK, _CR, _LF, _CM, _ZW, _SP = 33, 34, 35, 36, 37, 38
_BA, _HY, _AL, _HL, _RI, _ZWJ = 3, 5, 20, 28, 29, 30
_HL_BA = 100  # a Hebrew letter followed by a hyphen: no break after it (LB21a)
_DIRECT, _INDIRECT = 1, 2
_SPECIAL = frozenset((_BK, _CR, _LF, _CM, _ZW, _HL, _RI, _ZWJ))


def _decode_unicode_data() -> tuple[bytes, list[int], list[int]]:
    data = zlib.decompress(base64.b85decode("".join(_UNICODE_DATA)))
    count = (len(data) - 33 * 33) // 4
    lengths = range(33 * 33 + count, len(data), 3)
    starts = list(accumulate(int.from_bytes(data[i : i + 3], "big") for i in lengths))
    return data[: 33 * 33], starts, list(data[33 * 33 : 33 * 33 + count])


class _PropertyTable(dict[str, int]):
    """Line-break class * 4 + column width of each character, looked up once."""

    def __missing__(self, char: str) -> int:
        value = self[char] = _RANGE_VALUES[bisect_right(_RANGE_STARTS, ord(char)) - 1]
        return value


def _usual_chars_pattern() -> re.Pattern[str]:
    """A regex for any character that is not one column wide or needs the context rules."""
    ends = [*_RANGE_STARTS[1:], 0x110000]
    ranges = zip(_RANGE_STARTS, ends, _RANGE_VALUES, strict=True)
    usual = (
        f"{re.escape(chr(a))}-{re.escape(chr(b - 1))}"
        for a, b, value in ranges
        if value & 3 == 1 and value >> 2 not in _SPECIAL
    )
    return re.compile(f"[^{''.join(usual)}]")


PAIRS, _RANGE_STARTS, _RANGE_VALUES = _decode_unicode_data()
PROPERTIES = _PropertyTable()
UNUSUAL_CHAR = _usual_chars_pattern()


def line_breaks(
    text: str, newline: bool, width: int, column: int, first_only: bool, keep: Set[int]
) -> list[int]:
    """Where ``text`` starting at ``column`` must break so its lines fit ``width`` columns.

    This gives what u8_width_linebreaks' greedy scan gives: each line ends at the last break
    chance that still fits, or at the first one after it when even that does not fit, and a
    mandatory break (U+2028 and the like, kept in the string) starts counting anew. Looking for
    that chance backwards from the end of the room is ten times faster than judging every
    character; only text that needs the context rules has all its chances computed up front.
    """
    ends = None  # the column after each character, unless all are one column wide
    chances = None
    if UNUSUAL_CHAR.search(text) is None:
        if column + len(text) <= width:
            return []
    else:
        values = [PROPERTIES[char] for char in text]
        ends = list(accumulate(value & 3 for value in values))
        if column + ends[-1] <= width:
            return []
        if any(value >> 2 in _SPECIAL for value in values):
            chances = break_chances([value >> 2 for value in values], text, newline)
            for index in keep:
                chances[index] = _NO
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
            cut = _last_chance(text, newline, chances, keep, start, end, stop)
            if cut < 0:
                break
            cuts.append(cut)
            if first_only:
                return cuts
            start, column = cut, 0
        column = 0
    return cuts


def _last_chance(
    text: str,
    newline: bool,
    chances: list[int] | None,
    keep: Set[int],
    start: int,
    end: int,
    stop: int,
) -> int:
    """The last break chance in text[start + 1 : end + 1], else the first in text[end + 1 :
    stop], else -1. (Plain loops: this runs for every line of every long string.)"""
    index = end
    while index > start:
        if (not keep or index not in keep) and _is_chance(text, newline, chances, index):
            return index
        index -= 1
    index = end + 1
    while index < stop:
        if (not keep or index not in keep) and _is_chance(text, newline, chances, index):
            return index
        index += 1
    return -1


def _is_chance(text: str, newline: bool, chances: list[int] | None, index: int) -> bool:
    """Whether a line may break before text[index]; judged here unless computed up front."""
    if chances is not None:
        return chances[index] == YES
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
    pair = PAIRS[(PROPERTIES[text[last]] >> 2) * 33 + (PROPERTIES[char] >> 2)]
    return pair == _DIRECT or (pair == _INDIRECT and last < index - 1)


def break_chances(classes: list[int], text: str, newline: bool) -> list[int]:
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
                chances[index] = YES if last != _BK else _NO
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
        return YES
    if last == _BK or prev in (_ZWJ, _HL_BA):
        return _NO
    if last == _RI and cls == _RI:
        return YES if space or regional % 2 == 0 else _NO
    pair = PAIRS[last * 33 + cls]
    return YES if pair == _DIRECT or (pair == _INDIRECT and space) else _NO
