"""Articles: Markdown with YAML front matter, parsed into blocks and translatable segments."""
