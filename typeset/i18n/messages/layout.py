"""Layout: what cannot be set in the 版心 (a table too wide or too long, a word with no break)."""

MESSAGES = {
    "layout.table_too_wide_column": ("表 {number} 太宽：它的 {columns} 列至少需要 {need:.0f} pt，而单栏只有 {width:.0f} pt",
                                     "table {number} is too wide: its {columns} columns need at least {need:.0f} pt, "
                                     "the column is {width:.0f} pt"),
    "layout.table_too_wide_column.fix": ("缩短最宽几列中的数字或文字，或把表拆成两张；也可以排成通栏：在表题一行末尾加 {{.page}}",
                                         "shorten the numbers or words in the widest columns, or split the table in two; "
                                         "or set it across the page: add {{.page}} to its caption line"),
    "layout.table_too_wide_page": ("表 {number} 太宽：它的 {columns} 列至少需要 {need:.0f} pt，而通栏只有 {width:.0f} pt",
                                   "table {number} is too wide: its {columns} columns need at least {need:.0f} pt, "
                                   "the page is {width:.0f} pt"),
    "layout.table_too_wide_page.fix": ("缩短最宽几列中的数字或文字，或把表拆成两张",
                                       "shorten the numbers or words in the widest columns, or split the table in two"),
    "layout.page_table_too_long": ("通栏表 {number} 占 {lines} 行，超过了一页在它下面能容纳的行数（{limit}）",
                                   "table {number} across the page takes {lines} lines, more than a page holds under it ({limit})"),
    "layout.page_table_too_long.fix": ("删去表题一行的 {{.page}}，让它在栏内接排，或把表拆开",
                                       "drop {{.page}} from its caption line so it can run on in the columns, or split it"),
    "layout.circled_notes": ("带圈的注释序号只到 ⑳", "circled note numbers stop at ⑳"),
    "layout.circled_notes.fix": ("减少注释，或在 typeset/style.py 中设 NOTE_MARKS = \"bracketed\"",
                                 "use fewer notes, or set NOTE_MARKS = \"bracketed\" in typeset/style.py"),
    "layout.word_too_wide": ("“{word}”比栏宽还宽，又没有可以断开的地方", "'{word}' is wider than the column and has no place to break"),
    "layout.word_too_wide.fix": ("缩短它，或加一个断开处（空格、“/”、“-”或“.”）", "shorten it, or add a break point (a space, '/', '-' or '.')"),
}
