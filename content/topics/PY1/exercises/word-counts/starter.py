def word_counts(text: str) -> dict[str, int]:
    """Count lower-cased words in text; a word is a maximal run of ASCII letters (a-z, A-Z).

    Anything that is not an ASCII letter (spaces, punctuation, digits, '_', "'") separates words.
    word_counts("A cat, a CAT.") == {"a": 2, "cat": 2}
    """
    raise NotImplementedError
