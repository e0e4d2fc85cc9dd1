"""Chinese line-composition rules as data (W3C clreq, GB/T 15834-2011 §5).

Everything the composer knows about punctuation lives here: the character classes, the
line-start / line-end prohibitions (避头尾), which half of each mark's em box is blank (what
标点挤压 may remove), and the spacing between Han and Latin text.  Amounts are in ems.
"""
from __future__ import annotations

# -- character classes (clreq §3.1, GB mainland glyph positions) -------------------------------
# Opening marks: the glyph sits in the right half of its em box; the left half is blank.
OPENING = set("“‘（［｛〔【〖〈《「『〘〚｟([{")
# Closing marks: glyph in the left half, right half blank.
CLOSING = set("”’）］｝〕】〗〉》」』〙〛｠)]}")
# Pause and stop marks (顿号 逗号 句号 冒号 分号 问号 叹号): glyph on the left, right half blank.
STOPS = set("、，。．：；？！")
# Marks that are always centred and never compressed (间隔号, 连接号 halves).
MIDDLE = set("·・～")
# Full-width marks that come in inseparable 2-em pairs: 破折号 —— and 省略号 …….
PAIRED = {"——", "……"}
PAIRED_FIRST = {p[0] for p in PAIRED}
# Characters of an inseparable run of Latin text (words, numbers, e-mail addresses, URLs).
LATIN_PUNCT_INSIDE = set(".,:/@-_%‰+#&'’?=~")
# Where an over-long Latin run (a URL, an e-mail address) may break: after these.
LATIN_BREAK_AFTER = set("/.-_@?&=#")
# The ideographic space (between 图1 and its caption, in names) is a blank em, not a Han character:
# no quarter-em Han/Latin gap beside it.
IDEOGRAPHIC_SPACE = "\u3000"

# -- 避头尾 (clreq "basic" + GB additions + the strict ban on —— and …… at line start) -------------
NO_LINE_START = (CLOSING | STOPS | set("‼⁇⁈⁉·・－～‐–％‰℃°′″／") | set("!),.:;?]}%")
                 | set("…⋯"))  # a whole —— may start a line; its halves never part (PAIRED)
NO_LINE_END = OPENING | set("￥＄$£￡＃#№")
# A raised unit (a note marker ① or [1], superscript) never starts a line: it stays with the
# word it is attached to.
NO_BREAK_BEFORE_RAISED = True
# A number stays with the unit or measure word after it (2018年, 47.3亿元, 等5则): no break
# between a digit and one of these (GB/T 15835 keeps a number whole; editors keep its unit too).
UNITS_AFTER_NUMBER = set("年月日时分秒个元角人次名篇项户家所万亿千百则页期号岁倍件条座位处批届轮天周米吨")
# Measure words and units that a number keeps beside it when the segmenter does not tag them
# (5499份, 86处, 1240对): breaking before them is STRONG (words.py), not banned.
APPROXIMATE = set("多余")  # 1100多件, 300余人: the number keeps these and the unit after them
MEASURE_WORDS = set("份对场套台辆架间栋层亩公平立千克斤两升元股支队组类种株棵头只张本册部段")

# -- words (typeset/text/words.py) ------------------------------------------------------------
# Terms of the journal's vocabulary that jieba's dictionary lacks, as (word, part of speech):
# added to the segmenter so that 新时代 is one word, not 新 / 时代.
HOUSE_WORDS = (("新时代", "n"), ("两委", "j"), ("党群服务中心", "n"), ("三会一课", "j"), ("主题党日", "n"),
               ("流动党员", "n"), ("乡村振兴", "n"), ("党支部", "n"), ("组工", "j"))
SHORT_LATIN_COMPOUND = 4  # a Latin run this short glued to Han (e支部, 5G网络, GDP增长) is one word with it
SHORT_TERM = 6            # a bracketed or quoted term this short ((试行), “两委”) stays on one line
# What a break costs by its class (words.PREFERRED, BOUNDARY, INSIDE, STRONG), added to the
# line's demerits.  Body text: inside a word is a cost, not a ban: about what a line stretched to
# r ≈ ⅓ (Han gaps of 0.08 em) or one mark squeezed to ⅔ em costs, so a word is kept whole when
# that is cheap and parted rather than set loose or squeezed hard (dearer, it fills the issue
# with squeezed marks, lengthens paragraphs and leaves columns short); a number and its unit, a
# compound, a short term or a name: dearer than any spacing.
BREAK_COSTS = (0.0, 0.0, 80.0, 60_000.0)
# Display text (titles, headings, 目录 entries, datelines, notes, captions): only between words;
# a break after punctuation or at a typed space is preferred to one between two words.
DISPLAY_BREAK_COSTS = (0.0, 60.0, 1_000_000.0, 3_000_000.0)
URL_BREAK_COST = 2_000.0  # inside a web or e-mail address, at its own break points (/ . - _ @)

# -- 标点挤压 ------------------------------------------------------------------------------------
BLANK = 0.5  # the blank half of a full-width mark
# Side of the em box that is blank, for each compressible mark.
BLANK_SIDE = {**{c: "left" for c in OPENING}, **{c: "right" for c in CLOSING | STOPS}}
# A mark at the end of a line gives up its blank right half (GB/T 15834 §5.1.10).
TRIM_AT_LINE_END = True
# An opening mark (“《（) that starts a line, the paragraph's first line included, keeps its whole em
# box: its blank left half is never squeezed, so the mark stands at the same place in every
# paragraph (right after the 2-em indent) and on every line, however hard the line is squeezed.
# clreq §3.1.6 allows "full width" or "half width" for a line-start opening mark; this is full
# width, as GB/T 15834 sets marks and as the printed issue's 《…》 paragraphs are set.
SQUEEZE_LINE_START_OPENING = False
# How much a mark may additionally be squeezed in mid-line to avoid a break (挤进), as a
# fraction of its blank half; the composer charges this like shrinking glue.
SQUEEZE = 1.0

# -- spacing -----------------------------------------------------------------------------------
CJK_LATIN_GAP = 0.25      # clreq: a quarter em between Han and Latin letters or digits
CJK_LATIN_GAP_MIN = 0.125  # …which may shrink to an eighth
INTERCHAR_STRETCH = 0.25  # stretchability of each gap between CJK characters (relative weight)
ADDRESS_STRETCH = 0.25    # …of a web or e-mail address at its break points: no more than a Han gap (more
#                           reads as separate words: feedback@ jlcity. gov. cn); it breaks there instead
SPACE_STRETCH = 0.5       # of a Latin word space's own width
SPACE_SHRINK = 0.33
# Bounded spacing: no gap between two Han characters wider than this when a line is justified.
# A line stretched further costs OVERSTRETCH_COST (dearer than any break inside a word), so a long
# address breaks at its own break points rather than letter-spacing the line before it.
MAX_HAN_GAP = 0.125
MAX_STRETCH_RATIO = MAX_HAN_GAP / INTERCHAR_STRETCH
OVERSTRETCH_COST = 1_000_000.0
# Even texture: a justified line squeezes (挤进) at most this many mid-line marks, each by up to its
# blank half; copyfitting lifts the limit only for a paragraph that cannot give back a line otherwise.
MAX_SQUEEZED_MARKS = 1
TIGHT_SQUEEZED_MARKS = (MAX_SQUEEZED_MARKS, None)  # copyfitting tries these limits in turn (None: any number)
# Which marks are squeezed first when a line has more than it may squeeze (lower first):
# pauses, then stops, then brackets and quotes.
SQUEEZE_ORDER = {**dict.fromkeys("、，；：", 0), **dict.fromkeys("。？！．", 1)}

# -- paragraph costs (Knuth–Plass demerits) ------------------------------------------------------
# A line's demerits are (LINE_PENALTY + badness)², badness = BADNESS_SCALE·|ratio|³ capped at
# BADNESS_CAP (squeezing costs SQUEEZE_COST of that); ragged display text uses
# BADNESS_SCALE·(shortfall/measure)² instead, so a short title line is only a little worse.
LINE_PENALTY = 10
BADNESS_SCALE = 100.0
BADNESS_CAP = 10_000.0
NO_STRETCH_RATIO = 10.0   # the ratio of a short line with nothing to stretch: as bad as it gets
MAX_SLACK_EMS = 2.0       # a justified line this short stretches ⅓ em a gap: the loosest worth trying
# Nothing fits (marks that may not part, a word longer than the line): break at the measure as an
# emergency, EMERGENCY_WEIGHT·(penalty + EMERGENCY_BADNESS)², dearer than any regular line.
EMERGENCY_WEIGHT = 1e3
EMERGENCY_BADNESS = 1e4
# 孤字: how much of a character a unit is when judging a paragraph's last line (a Latin run
# counts as several, so a last line holding one English word is not a runt)
RUNT_WEIGHT_LATIN = 5
# copyfitting: line penalties tried in turn until a paragraph gives back a line (the least that does)
TIGHT_LINE_PENALTIES = (300, 1_000, 3_000, 10_000, 100_000, 1_000_000)
# filling a column: rewards per line tried in turn until a paragraph takes one more line, and
# the loosest spacing that may cost (a stretch ratio: ⅛ em between characters)
LOOSE_LINE_REWARDS = (300, 1_000, 3_000, 10_000)
LOOSE_MAX_RATIO = MAX_STRETCH_RATIO
RUNT_PENALTY = 100_000    # 孤字: a paragraph's last line holding one Han character
TIGHT_RUNT_FACTOR = 100.0  # copyfitting: a runt costs this × the line penalty², so squeezing never buys one
MID_PHRASE_PENALTY = 1_000_000  # display text (titles): a break inside a phrase rather than at a space
# "Compression of full-width punctuation is used before stretching": squeezing the blank halves
# of marks costs this fraction of stretching the gaps between characters by the same ratio, so
# 挤进 wins over 推出 unless it would take most of a line's punctuation blanks.
SQUEEZE_COST = 0.1


def is_han(ch: str) -> bool:
    o = ord(ch)
    return (0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F
            or 0x3005 <= o <= 0x3007)


def is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum()) or ch in "ÀÁÂÃÄÅàáâãäåÉéèêëÓóòôöÚúùûüÑñ"
