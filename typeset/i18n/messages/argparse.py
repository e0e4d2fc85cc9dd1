"""argparse's own words (usage, options, its error messages) for `i18n.argparse_zh.ArgumentParser`.

The English texts are argparse's, so English help and errors read exactly as argparse prints them."""

MESSAGES = {
    "argparse.usage": ("用法：", "usage: "),
    "argparse.positional": ("位置参数", "positional arguments"),
    "argparse.options": ("选项", "options"),
    "argparse.help": ("显示本帮助并退出", "show this help message and exit"),
    "argparse.version": ("显示版本号并退出", "show program's version number and exit"),
    "argparse.subcommands": ("子命令", "subcommands"),
    "argparse.error": ("%(prog)s：错误：%(message)s\n", "%(prog)s: error: %(message)s\n"),
    "argparse.argument": ("参数 %(argument_name)s：%(message)s", "argument %(argument_name)s: %(message)s"),
    "argparse.required": ("缺少以下参数：%s", "the following arguments are required: %s"),
    "argparse.unrecognized": ("无法识别的参数：%s", "unrecognized arguments: %s"),
    "argparse.invalid_choice": ("无效的选项值：%(value)r（可选：%(choices)s）",
                                "invalid choice: %(value)r (choose from %(choices)s)"),
    "argparse.invalid_value": ("无效的 %(type)s 值：%(value)r", "invalid %(type)s value: %(value)r"),
    "argparse.expected_one": ("需要一个值", "expected one argument"),
    "argparse.expected_at_most_one": ("最多只能有一个值", "expected at most one argument"),
    "argparse.expected_at_least_one": ("至少需要一个值", "expected at least one argument"),
    "argparse.expected_n": ("需要 %s 个值", "expected %s arguments"),
    "argparse.ambiguous": ("选项 %(option)s 有歧义，可能是 %(matches)s", "ambiguous option: %(option)s could match %(matches)s"),
    "argparse.not_allowed_with": ("不能与参数 %s 同时使用", "not allowed with argument %s"),
    "argparse.one_required": ("参数 %s 必须有一个", "one of the arguments %s is required"),
    "argparse.ignored_explicit": ("多余的参数值 %r 被忽略", "ignored explicit argument %r"),
    "argparse.unknown_parser": ("未知的子命令 %(parser_name)r（可选：%(choices)s）",
                                "unknown parser %(parser_name)r (choices: %(choices)s)"),
    "argparse.cant_open": ("无法打开“%(filename)s”：%(error)s", "can't open '%(filename)s': %(error)s"),
}
