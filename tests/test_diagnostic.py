"""The placement diagnostic's adaptive step (learning.diagnostic), on small graphs."""

from learning import diagnostic as d
from learning import path

# A chain A <- B <- ... <- H, and a side branch S that only G builds on: G needs F and S.
CHAIN = {
    "A": set(),
    "B": {"A"},
    "C": {"B"},
    "D": {"C"},
    "E": {"D"},
    "F": {"E"},
    "S": set(),
    "G": {"F", "S"},
    "H": {"G"},
}
ORDER = ["A", "B", "C", "D", "E", "F", "S", "G", "H"]
EVERY = {t: [f"{t}1", f"{t}2"] for t in CHAIN}
ON_PATH = path.ancestors(CHAIN, "H")


def run(knows, questions=EVERY, mastered=frozenset()):
    """Answer as a learner who knows the topics in `knows`; returns (topics asked about in order, placed, failed)."""
    answers = []
    while (qid := d.next_question(CHAIN, ORDER, ON_PATH, questions, answers, mastered)) is not None:
        topic = qid[:-1]
        answers.append([qid, topic, topic in knows])
        assert len(answers) <= d.MAX_ITEMS
    placed, failed, pending = d.tally(answers, questions)
    assert pending is None
    return [a[1] for a in answers], placed, failed


def test_the_first_probe_is_the_middle_of_the_way_to_the_goal():
    # D has 4 topics up to it and 5 from it on; E 5 and 4: a tie of 4, and ties go deeper.
    assert d.next_question(CHAIN, ORDER, ON_PATH, EVERY, []) == "E1"


def test_a_right_answer_is_asked_twice_before_it_counts_and_then_moves_deeper():
    assert d.next_question(CHAIN, ORDER, ON_PATH, EVERY, [["E1", "E", True]]) == "E2"
    after = d.next_question(CHAIN, ORDER, ON_PATH, EVERY, [["E1", "E", True], ["E2", "E", True]])
    assert after[0] in "FSG"  # deeper than E, or the side branch that G needs


def test_a_wrong_answer_moves_shallower_at_once():
    assert d.next_question(CHAIN, ORDER, ON_PATH, EVERY, [["E1", "E", False]]) in ("B1", "C1")
    # A guess that was right once and then wrong does not place the topic.
    placed, failed, _ = d.tally([["D1", "D", True], ["D2", "D", False]], EVERY)
    assert placed == set() and failed == {"D"}


def test_a_learner_who_knows_everything_is_placed_at_the_goal_within_the_item_limit():
    asked, placed, failed = run(set(CHAIN))
    assert "H" in placed and not failed and len(asked) <= d.MAX_ITEMS
    assert d.credited(CHAIN, placed) == set(CHAIN)


def test_a_learner_who_knows_nothing_is_placed_at_the_start_in_few_questions():
    asked, placed, failed = run(set())
    assert placed == set() and failed & {"A", "B"}
    assert len(asked) <= 5  # E, C, B, A, and S: the side branch is a start of its own


def test_a_learner_in_the_middle_is_credited_exactly_what_they_know():
    knows = {"A", "B", "C", "D", "E"}
    asked, placed, failed = run(knows)
    assert d.credited(CHAIN, placed) == knows and "F" in failed


def test_topics_without_questions_are_credited_only_through_what_builds_on_them():
    questions = {t: q for t, q in EVERY.items() if t not in ("S", "A")}
    asked, placed, _ = run(set(CHAIN), questions)
    assert "S" not in asked and "A" not in asked and {"S", "A"} <= d.credited(CHAIN, placed)


def test_what_is_already_mastered_is_never_asked():
    asked, _, _ = run(set(CHAIN), mastered={"A", "B", "C", "D", "E", "F", "S"})
    assert set(asked) <= {"G", "H"}


def test_a_probe_that_would_not_fit_in_the_item_limit_is_not_started():
    answers = [[f"X{i}", f"X{i}", False] for i in range(d.MAX_ITEMS - 1)]  # 11 items spent elsewhere
    assert d.next_question(CHAIN, ORDER, ON_PATH, EVERY, answers) is None


def test_descendants_include_the_topic_and_all_that_builds_on_it():
    assert d.descendants(CHAIN, "S") == {"S", "G", "H"}
    assert d.undecided(CHAIN, ON_PATH, {"F"}, {"G"}) == {"S"}
