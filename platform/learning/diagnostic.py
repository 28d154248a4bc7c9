"""The placement diagnostic's adaptive step, as pure functions (no database).

The diagnostic probes topics on the way to the goal that have quiz questions. A probe asks up to
QUESTIONS_PER_TOPIC questions of one topic: all right places the learner out of that topic and
everything it builds on; a wrong answer (or "I don't know") rules out the topic and everything
built on it. The next probe is the undecided topic that splits what is still undecided most
evenly, so each probe settles as much of the graph as it can whichever way it goes: a binary
search over the prerequisite graph. The first probe is therefore about halfway to the goal; right
answers move deeper, wrong ones shallower. It stops when nothing is left to decide, after
MAX_ITEMS questions, or after MINUTES.

Why two questions a topic: one right guess at a three-way choice must not skip a topic. Why quiz
questions only: they take a minute each, so twelve fit in fifteen minutes; exercises do not.
"""

from collections.abc import Set

from learning import path

MAX_ITEMS = 12
MINUTES = 15
QUESTIONS_PER_TOPIC = 2


def descendants(prereqs: dict, topic: str) -> set:
    """The topic and everything that builds on it."""
    built_on: dict[str, set] = {t: set() for t in prereqs}
    for t, needs in prereqs.items():
        for need in needs:
            built_on.setdefault(need, set()).add(t)
    return path.ancestors(built_on, topic)


def tally(answers: list, questions: dict) -> tuple:
    """answers: [question id, topic id, right] in the order given; questions: topic -> its probe's
    question ids. Returns (placed, ruled out, the topic being probed now or None)."""
    placed, failed = set(), set()
    asked: dict[str, int] = {}  # topic -> questions of its probe answered
    for _qid, topic, right in answers:
        asked[topic] = asked.get(topic, 0) + 1
        if not right:
            failed.add(topic)
        elif asked[topic] >= len(questions.get(topic, ())):
            placed.add(topic)
    pending = answers[-1][1] if answers and answers[-1][1] not in placed | failed else None
    return placed, failed, pending


def undecided(prereqs: dict, on_path: set, known: set, failed: set) -> set:
    """The goal's topics that neither what is known (placed, or mastered already) nor what was failed settles."""
    covered = set().union(*(path.ancestors(prereqs, t) for t in known)) if known else set()
    ruled_out = set().union(*(descendants(prereqs, t) for t in failed)) if failed else set()
    return on_path - covered - ruled_out


def next_probe(prereqs: dict, order: list, on_path: set, questions: dict, known: set, failed: set):
    """The undecided topic with questions that splits the undecided rest most evenly: as many below it
    (credited if right) as above it (ruled out if wrong). Ties go deeper, then by learning order."""
    left = undecided(prereqs, on_path, known, failed)
    best, best_key = None, None
    for topic in order:
        if topic not in left or not questions.get(topic):
            continue
        below = len(path.ancestors(prereqs, topic) & left)
        above = len(descendants(prereqs, topic) & left)
        key = (min(below, above), below)
        if best_key is None or key > best_key:
            best, best_key = topic, key
    return best


def next_question(
    prereqs: dict, order: list, on_path: set, questions: dict, answers: list, mastered: Set = frozenset()
):
    """The question to ask next, or None when the diagnostic is over. A topic's probe is started only
    if all its questions still fit in MAX_ITEMS."""
    placed, failed, pending = tally(answers, questions)
    if pending is not None:
        return questions[pending][sum(1 for a in answers if a[1] == pending)]
    topic = next_probe(prereqs, order, on_path, questions, placed | set(mastered), failed)
    if topic is None or len(answers) + len(questions[topic]) > MAX_ITEMS:
        return None
    return questions[topic][0]


def credited(prereqs: dict, placed: set) -> set:
    """Everything the placed topics vouch for."""
    return set().union(*(path.ancestors(prereqs, t) for t in placed)) if placed else set()
