def word_counts(text):
    # Walk the text once, collecting letters; any other character ends the current word.
    counts = {}
    word = []
    for ch in text + ".":
        if ch.isascii() and ch.isalpha():
            word.append(ch.lower())
        elif word:
            w = "".join(word)
            counts[w] = counts.get(w, 0) + 1
            word = []
    return counts
