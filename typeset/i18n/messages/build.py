"""The build: its progress lines, its account of the page plan (转页, 补白, short pages) and summary."""

MESSAGES = {
    "build.progress": ("{stage} {seconds:6.2f} 秒", "{stage} {seconds:6.2f} s"),  # (stage: padded to 9 columns)
    "build.stage.load": ("读取", "load"),
    "build.stage.compose": ("排版", "compose"),
    "build.stage.pdf": ("PDF", "pdf"),
    "build.stage.screen": ("屏幕版", "screen"),
    "build.stage.docx": ("DOCX", "docx"),
    "build.stage.offprint": ("抽印本", "offprint"),
    "build.stage.preflight": ("印前检查", "preflight"),
    "build.jump": ("转页：{source} 第 {from_folio} 页下转 → 第 {to_folio} 页，接在 {target} 之后；"
                   "省掉 {source_last} 只排了 {was:.0%} 的一页（转走 {lines} 行），"
                   "{target_last} 的末页由 {gap:.0%} 排到 {after:.0%}",
                   "jump: {source} p.{from_folio} 下转 → p.{to_folio} after {target}; "
                   "saved a page of {source_last} {was:.0%} full ({lines} lines); "
                   "{target_last}'s last page {gap:.0%} → {after:.0%} full"),
    "build.filler": ("补白：{filler}，排在 {after} 之后", "补白: {filler} after {after}"),
    "build.short_pages": ("不足半页的页面：栏目中间 {inside} 页，栏目末尾 {ends} 页",
                          "pages under half full: {inside} inside sections, {ends} at section ends"),
    "build.blank_lines": ("文章末尾空行：{lines} 行（若不转页、不加补白则为 {without} 行）",
                          "blank lines at article ends: {lines} ({without} without jumps and 补白)"),
    "build.summary": ("共 {pages} 页（封面、目录等 {front} 页，补页 {padding} 页，其中空白页 {blanks} 页），"
                      "文章 {articles} 篇，用时 {seconds:.2f} 秒",
                      "{pages} pages ({front} front, {padding} house/blank, {blanks} blank), "
                      "{articles} articles, {seconds:.2f} s"),
    "build.setting_up": ("正在准备 .venv（首次运行）……", "setting up .venv (first run) …"),
    "build.setup_interrupted": ("准备 .venv 时被中断；再运行一次即可完成", "interrupted while setting up .venv; run again to finish it"),
    "build.compiling": ("正在用 mypyc 编译排版核心（约 20 秒；源码改动后只编译一次）……",
                        "compiling the composer with mypyc (~20 s, once per change of its source) …"),
    "build.compile_failed": ("未能编译排版核心（原因记在 .venv/compiled/ 中）；改用纯 Python 排版，结果相同，只是慢一些",
                             "could not compile the composer (the reason is kept in .venv/compiled/); going on in pure Python: same output, slower"),
    "build.interrupted_importing": ("已中断；没有改动任何文件", "interrupted; nothing was changed"),
}
