"""Your loop only counts a word when a non-letter follows it, so a word at the very end of the text is lost: count the word that is still being collected when the text ends."""


def word_counts(text):
    counts, word = {}, ""
    for ch in text:
        if ("a" <= ch <= "z") or ("A" <= ch <= "Z"):
            word += ch.lower()
        elif word:
            counts[word] = counts.get(word, 0) + 1
            word = ""
    return counts
