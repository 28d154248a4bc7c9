r"""Your character class `[A-z]` also matches the six characters between Z and a in ASCII ([ \ ] ^ _ `), so "snake_case" stays one word: list the two ranges separately, A-Z and a-z."""
import re
from collections import Counter


def word_counts(text):
    return dict(Counter(w.lower() for w in re.findall(r"[A-z]+", text)))
