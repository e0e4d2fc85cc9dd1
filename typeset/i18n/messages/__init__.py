"""The message catalog, one module per area of the program (`MESSAGES = {key: (zh, en)}`).

Keys are `area.what` (`manifest.unknown_key`), so a message is found by its area.  Terms follow
the editors' usage: 清样, 版心, 出血, 栏, 目录, 转页, 注释, 编委, 补白, 刊头, 版权页.
"""
