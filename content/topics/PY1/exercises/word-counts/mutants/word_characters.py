r"""Your words include digits and underscores (the regex \w+ matches [A-Za-z0-9_]+): a word here is a run of letters only, [A-Za-z]+."""
import re
from collections import Counter


def word_counts(text):
    return dict(Counter(re.findall(r"\w+", text.lower())))
