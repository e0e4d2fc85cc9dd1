"""Column flow on made-up slots (no fonts, no issue): the rules of typeset/pdf/flow.py alone."""
from typeset.pdf.flow import FIGURE, FLOAT, KEEP, MIN_TEXT_UNDER_FLOAT, SPACE, TABLE, TEXT, Slot, balance, block, flow


def para(item, n):
    return block(item, TEXT, [[f"p{item}.{k}"] for k in range(n)])


def names(col):
    return [s.payload[0] if s.payload else "·" for s in col]


def caps(n):
    return lambda page: n


def test_a_paragraph_that_fits_stays_whole():
    pages = flow(para(0, 3) + para(1, 3), caps(10), ncols=1)
    assert len(pages) == 1 and names(pages[0][0]) == [f"p0.{k}" for k in range(3)] + [f"p1.{k}" for k in range(3)]


def test_no_orphan_first_line_alone_at_a_column_foot():
    # 9 lines used, one free: p1's first line alone would be an orphan, so p1 starts the next column
    pages = flow(para(0, 9) + para(1, 4), caps(10), ncols=2)
    left, right = pages[0]
    assert names(left) == [f"p0.{k}" for k in range(9)]
    assert names(right)[0] == "p1.0"


def test_no_widow_last_line_alone_at_a_column_head():
    # 7 free lines for an 8-line paragraph: taking 7 would leave its last line alone, so 6 go
    pages = flow(para(0, 3) + para(1, 8), caps(10), ncols=2)
    left, right = pages[0]
    assert len(left) == 9 and names(right) == ["p1.6", "p1.7"]


def test_heading_kept_with_two_lines_of_what_follows():
    slots = para(0, 8) + block(1, KEEP, [["h"]]) + para(2, 5)
    left, right = flow(slots, caps(10), ncols=2)[0]
    # heading + 2 lines would need 3 of the 2 free lines: the heading moves to the next column
    assert names(left) == [f"p0.{k}" for k in range(8)]
    assert names(right)[:3] == ["h", "p2.0", "p2.1"]


def test_spacer_dropped_at_a_column_head():
    slots = para(0, 10) + block(1, SPACE, [[]]) + para(2, 3)
    left, right = flow(slots, caps(10), ncols=2)[0]
    assert names(right) == ["p2.0", "p2.1", "p2.2"]


def test_figure_never_split_moves_whole():
    slots = para(0, 7) + block(1, FIGURE, [["fig"], [], [], []]) + para(2, 2)
    left, right = flow(slots, caps(10), ncols=2)[0]
    assert names(left) == [f"p0.{k}" for k in range(7)]
    assert names(right)[:4] == ["fig", "·", "·", "·"]


def test_page_wide_float_goes_to_the_next_page_top():
    float_rows = [["F"]] + [[] for _ in range(5)]
    slots = para(0, 15) + [Slot(1, 0, len(float_rows), FLOAT, float_rows)] + para(2, 30)
    pages = flow(slots, caps(10), ncols=2)
    assert pages[0].top == ()
    assert [f.payload[0][0] for f in pages[1].top] == ["F"]
    # below the float each column has cap - 6 lines, at least MIN_TEXT_UNDER_FLOAT
    assert all(len(c) <= 10 - 6 for c in pages[1]) and 10 - 6 >= MIN_TEXT_UNDER_FLOAT


def test_balance_evens_the_last_page_columns():
    slots = para(0, 7)
    bal = balance(slots, 0, 10)
    assert bal is not None and [len(c) for c in bal] == [4, 3]


def test_first_page_can_be_shorter():
    pages = flow(para(0, 30), lambda page: 6 if page == 0 else 10, ncols=2)
    assert [len(c) for c in pages[0]] == [6, 6] and [len(c) for c in pages[1]] == [10, 8]


def _table(item, head_lines, rows):
    """A table's slots as slots.BodySlots makes them: caption and head glued to the first row."""
    lines = [[f"h{k}"] for k in range(head_lines)] + [[f"r{k}"] for k in range(rows)]
    slots = block(item, TABLE, lines)
    for k, s in enumerate(slots):
        s.head, s.glued = tuple(lines[:head_lines]), 0 < k <= head_lines  # first row: glued to the head
    return slots


def test_heading_before_a_table_keeps_its_head_and_first_row():
    """A heading (or a ：lead-in) before a table keeps the table's caption, head and first row
    with it; it used to stop the build (no flow rule for a table)."""
    slots = para(0, 7) + block(1, KEEP, [["h"]]) + _table(2, 2, 6)
    left, right = flow(slots, caps(10), ncols=2)[0]
    assert names(left)[-1] != "h"  # 1 + 3 lines did not fit under the paragraph: the heading went over
    assert names(right)[:4] == ["h", "h0", "h1", "r0"]
    slots = para(0, 3) + block(1, KEEP, [["h"]]) + _table(2, 2, 6)
    left, _ = flow(slots, caps(10), ncols=2)[0]
    assert names(left)[3:7] == ["h", "h0", "h1", "r0"]
