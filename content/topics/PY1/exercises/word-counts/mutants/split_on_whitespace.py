"""You split on whitespace only, so punctuation and digits stay attached ("sat." and "sat" become different words): a word is a maximal run of letters, e.g. re.findall(r"[A-Za-z]+", text)."""
from collections import Counter


def word_counts(text):
    return dict(Counter(text.lower().split()))
