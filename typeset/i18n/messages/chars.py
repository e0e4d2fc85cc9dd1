"""Characters: those no font has, those set from a fallback face, invisible and control characters,
and the stroke order of 编委 names."""

MESSAGES = {
    "chars.invisible_dropped": ("已删去不可见字符 {char}", "invisible character {char} dropped"),
    "chars.fallback": ("{font}（{role}）中没有字符 {char}：改用 {fallback} 排", "character {char} is not in {font} ({role}): set in {fallback}"),
    "chars.fallback_more": ("{font}（{role}）中没有字符 {char}：改用 {fallback} 排（另有 {more} 处）",
                            "character {char} is not in {font} ({role}): set in {fallback} (and {more} more places)"),
    "chars.in_no_font": ("所有字体中都没有字符 {char}", "character {char} is in none of the fonts"),
    "chars.in_no_font_also": ("所有字体中都没有字符 {char}（另见 {also}）", "character {char} is in none of the fonts (also at {also})"),
    "chars.in_no_font.fix": ("换掉这个字（是错字或异体字吗？），或在 manifest.yaml 的 fonts: 中指定一款有这个字的本刊字体（见 README.md）",
                             "replace it (a typo or a variant form?), or name a house font that has it (fonts: in the manifest, see README.md)"),
    "chars.in_no_font.fix_layout": ("换成规范字，或在 manifest.yaml 的 fonts: 中指定一款有这个字的本刊字体",
                                    "replace it with a standard character, or name a house font that has it (fonts: in the manifest)"),
    "chars.no_strokes": ("编委“{role}”按姓氏笔划排序（order: strokes），但姓名“{name}”中的 {char} 没有笔划数据",
                         "board role '{role}' is sorted by strokes (order: strokes), but there is no stroke data for {char} "
                         "in the name '{name}'"),
    "chars.no_strokes.fix": ("检查 {char} 是否错字或异体字；或改为 order: as-listed，按印刷顺序列出姓名",
                             "check {char} for a typo or a variant form; or set order: as-listed and list the names in the printed order"),
    "chars.name_no_strokes": ("姓名“{name}”中的 {char} 没有笔划数据", "no stroke data for {char} in the name '{name}'"),
    "chars.control": ("文字中有控制字符 {char}", "control character {char} in the text"),
    "chars.control.fix": ("删去它（多数编辑器里看不见它：它来自复制或格式转换）",
                          "delete it (it is invisible in most editors: it came from a copy or a conversion)"),
}
