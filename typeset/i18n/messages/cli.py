"""The command line: `--help`, argparse's own words, the interrupt and crash lines."""

MESSAGES = {
    "cli.description": ("排印一期《研究与交流》：印刷用 PDF 和可编辑的 DOCX。",
                        "Typeset an issue of 《研究与交流》: a print PDF and an editable DOCX."),
    "cli.epilog": (
        "命令：\n"
        "  build.py [期刊文件夹]\n"
        "      排印一期（默认：自带的 issue/）\n"
        "  build.py check 文件.pdf [--screen]\n"
        "      印前检查；通过退出码为 0，不通过为 1，无法读取为 2\n"
        "  build.py update 期刊文件夹 修改稿.docx [-n]\n"
        "      把改过的 DOCX 改回稿件文件（-n：试运行，不写入）\n"
        "  build.py import 文件.docx [...] --into 期刊文件夹\n"
        "      导入作者来稿，存为 articles/NN-key.md\n"
        "  build.py lint 期刊文件夹 [--fix]\n"
        "      检查标点和空格（GB/T 15834）\n"
        "  build.py watch [期刊文件夹]\n"
        "      每次保存后自动重排（在内存中）\n"
        "  build.py test [PYTEST 参数]\n"
        "      运行测试\n"
        "\n"
        "每个命令加 --help 显示它的用法。\n"
        "任何命令都可加 --lang zh 或 --lang en 选择提示语言（默认中文）。\n"
        "源文件中的错误按“文件:行号：问题”报告，并附改法；退出码为 2。",
        "Commands:\n"
        "  build.py [ISSUE_DIR]\n"
        "      build an issue (default: the bundled issue/)\n"
        "  build.py check FILE.pdf [--screen]\n"
        "      print preflight; exit 0 pass, 1 fail, 2 unreadable\n"
        "  build.py update ISSUE_DIR REVISED.docx [-n]\n"
        "      bring a revised DOCX back into the article files (-n: dry run, nothing written)\n"
        "  build.py import FILE.docx [...] --into ISSUE_DIR\n"
        "      import authors' manuscripts as articles/NN-key.md\n"
        "  build.py lint ISSUE_DIR [--fix]\n"
        "      punctuation and spacing (GB/T 15834)\n"
        "  build.py watch [ISSUE_DIR]\n"
        "      rebuild on every save, from memory\n"
        "  build.py test [PYTEST ARGS]\n"
        "      run the test suite\n"
        "\n"
        "Each command takes --help for its usage.\n"
        "Every command takes --lang zh or --lang en for the language of its messages (default: the locale).\n"
        "Errors in the sources are reported as FILE:LINE: problem, with a fix; exit status 2."),
    "cli.help.issue_dir": ("存放 manifest.yaml 和各篇文章的文件夹（默认：%(default)s）",
                           "folder holding manifest.yaml and the articles (default: %(default)s)"),
    "cli.help.out": ("输出文件夹（默认：%(default)s）", "output folder (default: %(default)s)"),
    "cli.help.pdf_only": ("只生成 PDF", "write only the PDF"),
    "cli.help.docx_only": ("只生成 DOCX", "write only the DOCX"),
    "cli.help.screen": ("另出屏幕版（RGB，不带出血和补页），文件名为 …-screen.pdf",
                        "also write the screen edition (RGB, no bleed or padding) as …-screen.pdf"),
    "cli.help.marks": ("印刷版加裁切线和套准线", "crop and registration marks on the print edition"),
    "cli.help.offprints": ("另为每篇文章出一份 DOCX 抽印本（标题、正文、注释），放在 OUT/offprints/",
                           "also write one DOCX per article (title block, body, notes) into OUT/offprints/"),
    "cli.help.quiet": ("只显示汇总", "print only the summary"),
    "cli.help.lang": ("提示语言：zh（中文，默认）或 en（英文）",
                      "language of the messages: zh (Chinese, the default) or en (English)"),
    "cli.bad_lang": ("--lang 后写的是“{value}”，只能是 zh（中文）或 en（英文）",
                     "--lang {value!r} is not known: use zh (Chinese) or en (English)"),
    "cli.checks_failed": ("{check} 发现了问题（见上）：改好后才能运行测试",
                          "{check} found problems (above): fix them before the tests run"),
    "cli.interrupted": ("已中断", "interrupted"),
    "cli.interrupted_unchanged": ("已中断；{out} 没有改动", "interrupted; {out} unchanged"),
    "cli.interrupted_after": ("已中断，此前已写出 {written}", "interrupted after writing {written}"),
    "cli.crashed": ("排版程序意外出错（“{what}”）；这是程序的缺陷，不是您文件的问题：请报告此事，并附上 {path}",
                    "the typesetter failed unexpectedly ({what}); this is a bug, not a fault in your files: "
                    "please report this, attaching {path}"),
    "cli.crashed_unsaved": ("排版程序意外出错（“{what}”）；这是程序的缺陷，不是您文件的问题：请报告此事（出错记录未能保存）",
                            "the typesetter failed unexpectedly ({what}); this is a bug, not a fault in your files: "
                            "please report this (the traceback could not be saved)"),
    "cli.preflight_line": ("印前检查 {name}：{verdict}", "preflight {name}: {verdict}"),
    "cli.preflight_failed": ("印刷用 PDF 没有通过上面的印前检查；{out} 没有改动",
                             "the print PDF failed the preflight above; {out} unchanged"),
}
