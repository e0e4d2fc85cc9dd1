"""An article file as a whole: its front matter (the YAML between the --- lines) and its text."""

MESSAGES = {
    "article.no_front_matter": ("文章开头没有题头信息（front matter）", "no front matter"),
    "article.no_front_matter.fix": ("文件第一行写“---”，接着写各项（title: …），再写一行“---”",
                                    "start the file with a line '---', the YAML keys (title: …), and another '---'"),
    "article.front_matter_open": ("题头信息（front matter）没有结束", "front matter is not closed"),
    "article.front_matter_open.fix": ("在题头最后一项后面加一行“---”", "add a line '---' after the last front-matter key"),
    "article.front_matter_long": ("题头信息（front matter）超过了 {limit} KB", "the front matter is longer than {limit} KB"),
    "article.front_matter_long.fix": ("两行“---”之间只写 title、subtitle、author、locality、dateline 和 note",
                                      "keep only title, subtitle, author, locality, dateline and note between the --- lines"),
    "article.front_matter_not_mapping": ("题头信息（front matter）应由键和值组成（title: …）",
                                         "front matter must be keys and values (title: …)"),
    "article.front_matter_not_mapping.fix": ("在两行“---”之间写“title: 文章标题”", "write 'title: 文章标题' between the --- lines"),
    "article.no_text": ("这篇文章没有正文", "the article has no text"),
    "article.no_text.fix": ("在题头信息后面写上文章的各段正文", "add the article's paragraphs after the front matter"),
}
