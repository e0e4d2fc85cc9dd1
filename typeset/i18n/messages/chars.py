"""Characters: those no font has, those set from a fallback face, invisible and control characters,
and the stroke order of 编委 names."""

_NAMES = {  # code point: (Chinese name, Unicode name)
    0x0000: ("空字符", "NULL"), 0x0007: ("响铃符", "BELL"), 0x0008: ("退格符", "BACKSPACE"),
    0x0009: ("制表符", "CHARACTER TABULATION"), 0x000A: ("换行符", "LINE FEED"), 0x000B: ("垂直制表符", "LINE TABULATION"),
    0x000C: ("换页符", "FORM FEED"), 0x000D: ("回车符", "CARRIAGE RETURN"), 0x001B: ("转义符", "ESCAPE"),
    0x007F: ("删除符", "DELETE"), 0x00A0: ("不换行空格", "NO-BREAK SPACE"), 0x00AD: ("软连字符", "SOFT HYPHEN"),
    0x2002: ("半角空格", "EN SPACE"), 0x2003: ("全身空格", "EM SPACE"), 0x2009: ("窄空格", "THIN SPACE"),
    0x200B: ("零宽空格", "ZERO WIDTH SPACE"), 0x200C: ("零宽不连字", "ZERO WIDTH NON-JOINER"),
    0x200D: ("零宽连字", "ZERO WIDTH JOINER"), 0x200E: ("从左到右标记", "LEFT-TO-RIGHT MARK"),
    0x200F: ("从右到左标记", "RIGHT-TO-LEFT MARK"), 0x2028: ("行分隔符", "LINE SEPARATOR"),
    0x2029: ("段分隔符", "PARAGRAPH SEPARATOR"), 0x202F: ("窄不换行空格", "NARROW NO-BREAK SPACE"),
    0x2060: ("零宽不换行符", "WORD JOINER"), 0x3000: ("全角空格", "IDEOGRAPHIC SPACE"),
    0xFEFF: ("字节顺序标记", "ZERO WIDTH NO-BREAK SPACE"),
}

MESSAGES = {
    # a character as a message shows it (fonts.describe): seen, or by its name if it cannot be seen
    "chars.shown": ("“{char}”（{code}）", "'{char}' ({code})"),
    "chars.named": ("{name}（{code}）", "{code} {name}"),
    "chars.name.private_use": ("私用区字符", "private use character"),
    "chars.name.control": ("控制字符", "control character"),
    "chars.invisible_dropped": ("已删去不可见字符：{char}", "invisible character {char} dropped"),
    "chars.fallback": ("{role}（{file}）缺{char}，借用{fallback}排",
                       "the {role} face ({file}) lacks {char}: set in {fallback}"),
    "chars.fallback_more": ("{role}（{file}）缺{char}，借用{fallback}排（另有 {more} 处）",
                            "the {role} face ({file}) lacks {char}: set in {fallback} (and {more} more places)"),
    "chars.in_no_font": ("所有字体中都没有{char}", "character {char} is in none of the fonts"),
    "chars.in_no_font_also": ("所有字体中都没有{char}（另见 {also}）", "character {char} is in none of the fonts (also at {also})"),
    "chars.in_no_font.fix": ("换掉这个字（是错字或异体字吗？），或在 manifest.yaml 的 fonts: 中指定一款有这个字的本刊字体（见 README.md）",
                             "replace it (a typo or a variant form?), or name a house font that has it (fonts: in the manifest, see README.md)"),
    "chars.in_no_font.fix_layout": ("换成规范字，或在 manifest.yaml 的 fonts: 中指定一款有这个字的本刊字体",
                                    "replace it with a standard character, or name a house font that has it (fonts: in the manifest)"),
    "chars.no_strokes": ("“{role}”一栏按姓氏笔划排序（order: strokes），但“{name}”中的{char}没有笔划数据",
                         "the board's '{role}' is sorted by strokes (order: strokes), but there is no stroke data for {char} "
                         "in the name '{name}'"),
    "chars.no_strokes.fix": ("检查{char}是否错字或异体字；或改为 order: as-listed，按印刷顺序列出姓名",
                             "check {char} for a typo or a variant form; or set order: as-listed and list the names in the printed order"),
    "chars.name_no_strokes": ("姓名“{name}”中的{char}没有笔划数据", "no stroke data for {char} in the name '{name}'"),
    "chars.control": ("文字中有控制字符：{char}", "control character {char} in the text"),
    "chars.control.fix": ("删去它（多数编辑器里看不见它：它来自复制或格式转换）",
                          "delete it (it is invisible in most editors: it came from a copy or a conversion)"),
}

for _code, (_zh, _en) in _NAMES.items():
    MESSAGES[f"chars.name.{_code:04X}"] = (_zh, _en)
