from hypothesis import Phase, given, settings, strategies as st

from grader.checks import test, learner, expect_equal


def reference(text):
    # Independent reference: scan character by character.
    counts, word = {}, ""
    for ch in text + " ":
        if ("a" <= ch <= "z") or ("A" <= ch <= "Z"):
            word += ch.lower()
        elif word:
            counts[word] = counts.get(word, 0) + 1
            word = ""
    return counts


def same(text):
    expect_equal(learner.word_counts(text), reference(text))


@test("the worked example: punctuation, capitals and a digit")
def worked_example():
    same("The cat sat. The CAT ran -- twice, 2 times!")


@test("punctuation attached to words does not make new words (end. end, end!)")
def punctuation():
    same("end. end, end! (end) 'end' end")


@test("digits, underscores and apostrophes separate words: abc123def, snake_case, don't")
def separators():
    same("abc123def snake_case don't x1y2z3")


@test("letters outside ASCII (é, ß, ï) are not letters here: they separate words")
def non_ascii():
    same("café naïve straße Café")


@test("brackets, caret and backtick (the ASCII characters between Z and a) separate words")
def between_z_and_a():
    same("a[b]c^d`e\\f_g")


@test("text without any word gives {}")
def no_words():
    same("  123 -- 4.5 ... \n\t _ ")


@test("newlines and tabs separate words; mixed case counts as one word")
def whitespace_and_case():
    same("Hello\nhello\tHELLO  hElLo\n\nworld")


@test("random texts over letters, digits, punctuation and whitespace (property, 50 cases)")
def random_texts():
    alphabet = "abcABCxyzXYZ  \n\t.,;:!?'-_0123456789[]^`é"

    @settings(derandomize=True, deadline=None, database=None, max_examples=50, phases=(Phase.explicit, Phase.generate))
    @given(st.text(alphabet=alphabet, max_size=60))
    def case(text):
        same(text)

    case()
