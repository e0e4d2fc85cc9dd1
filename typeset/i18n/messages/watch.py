"""`build.py watch`: rebuilding on every save."""

MESSAGES = {
    "watch.description": ("期刊的任何一个文件保存后，就重新生成 PDF 和 DOCX。",
                          "Rebuild the issue's PDF and DOCX whenever one of its files is saved."),
    "watch.built": ("已排出 {pages} 页，用时 {seconds:.2f} 秒；正在监视 {issue_dir}（按 Ctrl-C 停止）",
                    "built {pages} pages in {seconds:.2f} s; watching {issue_dir} (Ctrl-C to stop)"),
    "watch.rebuilt": ("{files}：已重排，用时 {seconds:.2f} 秒（{pages} 页中重绘了 {drawn} 页）",
                      "{files}: rebuilt in {seconds:.2f} s ({drawn} of {pages} pages drawn anew)"),
}
