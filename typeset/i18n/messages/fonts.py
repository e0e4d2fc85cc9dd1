"""Fonts: the bundled faces and the house fonts named under fonts: in the manifest."""

MESSAGES = {
    # the roles of the faces (style.FACES), as editors name them: the one table of role → name
    "fonts.role.song": ("宋体", "Song"),
    "fonts.role.song_bold": ("粗宋体", "bold Song"),
    "fonts.role.hei": ("黑体", "Hei"),
    "fonts.role.hei_bold": ("粗黑体", "bold Hei"),
    "fonts.role.kai": ("楷体", "Kai"),
    "fonts.role.bundled": ("自带的{role}", "the bundled {role}"),
    "fonts.missing": ("找不到字体文件", "font file missing"),
    "fonts.missing.fix_bundled": ("从代码库恢复 fonts/ 文件夹（或运行 tools/make_fonts.py）",
                                  "restore fonts/ from the repository (or run tools/make_fonts.py)"),
    "fonts.missing.fix_house": ("检查 manifest.yaml 中 fonts: 下的路径", "check the path under fonts: in the manifest"),
    "fonts.house_missing": ("fonts: {key}：字体文件“{spec}”不存在", "fonts: {key}: font file '{spec}' does not exist"),
    "fonts.house_missing.fix": ("写 .ttf 或 .otf 文件的路径，相对于期刊文件夹（{root}），或写绝对路径",
                                "give the path of a .ttf or .otf file, relative to the issue folder ({root}) or absolute"),
    "fonts.not_a_font": ("fonts: {key}：“{spec}”不是 TrueType 或 OpenType 字体（{error}）",
                         "fonts: {key}: '{spec}' is not a TrueType or OpenType font ({error})"),
    "fonts.not_a_font.fix": ("写一个 .ttf、.otf 或 .ttc 字体文件", "name a .ttf, .otf or .ttc font file"),
    "fonts.variable": ("fonts: {key}：“{spec}”是可变字体", "fonts: {key}: '{spec}' is a variable font"),
    "fonts.variable.fix": ("改用它的一个固定字重（单一字重的 .ttf 或 .otf）", "name one static instance of it (a .ttf or .otf of one weight)"),
    "fonts.not_embeddable": ("fonts: {key}：“{spec}”不允许以子集形式嵌入 PDF（其授权标志 OS/2 fsType {fs_type} 禁止）",
                             "fonts: {key}: '{spec}' may not be embedded as a subset in a PDF (its licence bits, "
                             "OS/2 fsType {fs_type}, forbid it)"),
    "fonts.not_embeddable.fix": ("向字体厂商要一个允许嵌入的版本，或换一款字体",
                                 "ask the foundry for an embeddable version, or name another font"),
}
