"""`build.py lint`: punctuation and spacing of the sources to GB/T 15834, each problem with the fix."""

MESSAGES = {
    "lint.rule.halfwidth": ("用了全角的英文字母或数字（应改为半角）",
                            "full-width Latin letters or digits (write them half width)"),
    "lint.rule.ellipsis": ("省略号写成了“...”或单个“…”（GB/T 15834：省略号是“……”，占两个字的位置）",
                           "ellipsis written ... or … (GB/T 15834: ……, two full-width marks)"),
    "lint.rule.dash": ("破折号写成了“--”或单个“—”（GB/T 15834：破折号是“——”，占两个字的位置）",
                       "dash written -- or — (GB/T 15834: the 破折号 is ——, two em long)"),
    "lint.rule.quotes": ("中文里用了英文直引号（GB/T 15834：应为“”和‘’）",
                         "straight quotes in Chinese text (GB/T 15834: “” and ‘’)"),
    "lint.rule.brackets": ("中文里用了英文括号“( )”（GB/T 15834：应为“（）”）",
                           "ASCII brackets ( ) in Chinese text (GB/T 15834: （）)"),
    "lint.rule.punctuation": ("中文里用了英文标点（GB/T 15834：，；：？！用全角，前后不加空格）",
                              "ASCII punctuation in Chinese text (GB/T 15834: ，；：？！ full width, no space around)"),
    "lint.rule.spacing": ("中文与英文字母、数字之间或标点前多了空格（排版时会自动加四分之一字空）",
                          "space between Chinese and Latin letters or digits, or before a mark "
                          "(the typesetter adds ¼ em itself)"),
    "lint.rule.caption": ("图号后是半角空格或没有空格（应写作“图1　图注”，中间用全角空格）",
                          "a figure number set apart by an ASCII space or none (write 图1　图注, a full-width space)"),
    "lint.finding": ("{where}:{line}：{problem}\n  改法：「{old}」改为「{new}」",
                     "{where}:{line}: {problem}\n  「{old}」 → 「{new}」"),
    "lint.summary": ("检查了 {checked} 个文件，没有发现问题", "{checked} file(s) checked, no findings"),
    "lint.summary_fixable": ("检查了 {checked} 个文件，其中 {files} 个文件共有 {count} 处问题"
                             "（用 build.py lint --fix 可一次改好）",
                             "{checked} file(s) checked: {count} finding(s) in {files} of them "
                             "(build.py lint --fix applies them)"),
    "lint.summary_fixed": ("检查了 {checked} 个文件，已改好其中 {files} 个文件中的 {count} 处问题",
                           "{checked} file(s) checked: {count} finding(s) fixed in {files} of them"),
    "lint.no_issue": ("找不到这一期的文件夹", "issue folder not found"),
    "lint.no_issue_fix": ("请给出存放 manifest.yaml 的文件夹", "pass the folder that holds manifest.yaml"),
}
