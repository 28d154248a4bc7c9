"""Your counts keep the original case ("The" and "the" are counted separately): lower-case each word before counting."""
import re
from collections import Counter


def word_counts(text):
    return dict(Counter(re.findall(r"[A-Za-z]+", text)))
