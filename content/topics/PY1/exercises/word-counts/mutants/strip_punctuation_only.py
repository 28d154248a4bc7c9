"""You strip punctuation from the ends of whitespace-separated pieces, so "abc123def" or "snake_case" stays one word: every non-letter separates words, also inside a piece."""
from collections import Counter


def word_counts(text):
    words = [w.strip(".,;:!?'\"()-_0123456789").lower() for w in text.split()]
    return dict(Counter(w for w in words if w))
