"""Your words include non-ASCII letters such as é or ß (`str.isalpha()` is true for them): a word here is a run of the ASCII letters a-z and A-Z only."""


def word_counts(text):
    counts, word = {}, ""
    for ch in text + " ":
        if ch.isalpha():
            word += ch.lower()
        elif word:
            counts[word] = counts.get(word, 0) + 1
            word = ""
    return counts
