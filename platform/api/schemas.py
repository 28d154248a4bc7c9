"""What the API sends and takes (version 1). New fields may be added within a version; none is removed."""

from datetime import datetime

from ninja import Schema


class Message(Schema):
    detail: str


class Me(Schema):
    username: str
    goal: str | None
    next_up: list[str]
    minutes_left: int
    topics_mastered: int
    topics: int


class TopicOut(Schema):
    id: str
    title: str
    state: str  # locked, available, in progress, mastered, review due
    exercises_passed: int
    exercises_required: int
    minutes: int
    prerequisites: list[str]
    url: str


class ExerciseBrief(Schema):
    slug: str
    title: str
    required: bool
    attempts: int
    passed: bool
    url: str


class TopicDetail(TopicOut):
    lesson: str  # Markdown with $maths$, as written
    notebook_url: str  # the topic as a Jupyter notebook (login on the site needed; the client downloads it)
    exercises: list[ExerciseBrief]


class HintOut(Schema):
    number: int  # from 1
    markdown: str  # as written, with $maths$
    html: str


class HintsOut(Schema):
    total: int  # how many hints the exercise has
    revealed: list[HintOut]  # the ones opened so far, on the page or here: they open one at a time, in order


class ExerciseOut(Schema):
    topic: str
    slug: str
    title: str
    statement: str  # Markdown with $maths$, as written
    statement_html: str
    starter: str
    example: str
    entry_points: list[str]
    device: str
    limits: dict
    banned: list[str]
    hints: HintsOut
    passed: bool
    url: str


class SubmissionIn(Schema):
    code: str
    mode: str = "grade"  # "grade" (Submit) or "run" (run the example)


class SubmissionOut(Schema):
    id: int
    exercise: str  # TOPIC/slug
    mode: str
    state: str  # queued, running, done
    status: str  # the verdict once done: passed, failed, error, timeout, memory, crashed, ran
    headline: str  # the exercise page's header for it, word for word: "Submission #7: Passed, all tests ✓"
    progress: dict | None  # while running: {"done": 2, "total": 8, "name": "shapes"}, the headline's "test 3 of 8"
    waiting_for_gpu: bool  # queued for a GPU grader while none is running
    score: float | None
    created_at: datetime
    finished_at: datetime | None
    result: dict | None  # tests with their messages, stdout, stderr: what the exercise page shows
    url: str
