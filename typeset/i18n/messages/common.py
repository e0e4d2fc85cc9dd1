"""Words shared by every command: the labels in front of a message and the crash line."""

MESSAGES = {
    "common.error": ("错误：{message}", "error: {message}"),
    "common.warning": ("警告：{message}", "warning: {message}"),
    "common.where_problem_fix": ("{where}：{problem}\n  改法：{fix}", "{where}: {problem}\n  fix: {fix}"),
    "common.where_message": ("{where}：{message}", "{where}: {message}"),
    # why the system refused a path (errors.reason)
    "common.os.name_too_long": ("名字太长", "File name too long"),
    "common.os.loop": ("符号链接形成了循环", "Too many levels of symbolic links"),
    "common.os.no_permission": ("没有权限", "Permission denied"),
    "common.os.disk_full": ("磁盘已满", "No space left on device"),
    "common.os.read_only": ("磁盘是只读的", "Read-only file system"),
    "common.os.not_a_folder": ("路径中有一段不是文件夹", "Not a directory"),
    "common.os.not_found": ("找不到", "No such file or directory"),
    "common.os.other": ("系统提示“{reason}”", "{reason}"),
    "common.more_errors": ("……另有 {count} 处错误", "… and {count} more errors"),
}
