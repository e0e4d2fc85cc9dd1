"""The output folder and the files written into it."""

MESSAGES = {
    "output.unusable": ("无法使用输出文件夹：{reason}", "the output folder cannot be used: {reason}"),
    "output.unusable.fix": ("用 -o 指定一个有写入权限的文件夹", "name a folder you may write in with -o"),
    "output.is_file": ("输出文件夹的位置上是一个文件，不是文件夹", "the output folder is a file, not a folder"),
    "output.is_file.fix": ("用 -o 指定一个文件夹（或把这个文件移走）", "name a folder with -o (or move the file away)"),
    "output.under_file": ("输出文件夹位于“{ancestor}”之下，而它是一个文件", "the output folder lies under '{ancestor}', which is a file"),
    "output.under_file.fix": ("用 -o 指定一个各级上层都是文件夹的文件夹", "name a folder with -o whose parent folders are folders"),
    "output.no_permission": ("无法写入输出文件夹：没有在“{ancestor}”中写入的权限",
                             "the output folder cannot be written: no permission to write in '{ancestor}'"),
    "output.no_permission.fix": ("用 -o 指定一个有写入权限的文件夹，或申请写入权限",
                                 "name a folder you may write in with -o, or ask for write permission"),
    "output.folder_in_the_way": ("有一个文件夹与输出文件同名", "a folder has the name of an output file"),
    "output.folder_in_the_way.fix": ("把这个文件夹改名或移走，或用 -o 指定另一个输出文件夹",
                                     "rename or move that folder, or name another output folder with -o"),
    "output.cannot_write": ("无法写入：{reason}", "cannot be written: {reason}"),
    "output.cannot_write.fix": ("清理磁盘空间，或用 -o 指定另一个输出文件夹", "free space on the disk, or name another output folder with -o"),
}
