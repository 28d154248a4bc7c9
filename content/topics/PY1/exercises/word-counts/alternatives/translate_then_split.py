import string
from collections import defaultdict


def word_counts(text):
    # Turn every non-letter into a space, then str.split does the rest.
    keep = set(string.ascii_letters)
    cleaned = "".join(ch if ch in keep else " " for ch in text)
    counts = defaultdict(int)
    for word in cleaned.lower().split():
        counts[word] += 1
    return counts  # a defaultdict is a dict too
