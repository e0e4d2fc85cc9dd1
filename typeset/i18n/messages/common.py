"""Words shared by every command: the labels in front of a message and the crash line."""

MESSAGES = {
    "common.error": ("错误：{message}", "error: {message}"),
    "common.warning": ("警告：{message}", "warning: {message}"),
    "common.where_problem_fix": ("{where}：{problem}\n  改法：{fix}", "{where}: {problem}\n  fix: {fix}"),
    "common.where_message": ("{where}：{message}", "{where}: {message}"),
    "common.more_errors": ("……另有 {count} 处错误", "… and {count} more errors"),
}
