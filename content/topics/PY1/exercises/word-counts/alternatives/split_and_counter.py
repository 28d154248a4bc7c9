import re
from collections import Counter


def word_counts(text):
    # Split on runs of non-letters, drop the empty pieces at the ends, count with a Counter.
    pieces = re.split(r"[^a-z]+", text.lower())
    return Counter(p for p in pieces if p)
