"""Coverage: how much of each article is translated, in each language."""
