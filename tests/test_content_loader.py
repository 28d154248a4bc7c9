"""Reading content/ and proving it through the real grader."""
import re
import shutil
from pathlib import Path

import pytest

from curriculum import content
from curriculum.validate import job_for, validate
from grader.backends import get_backend

ROOT = Path(__file__).resolve().parents[1]


def copy_topic(tmp_path, topic_id="EI1") -> Path:
    """A copy of one shipped topic, on its own: its prerequisites are dropped."""
    copy = tmp_path / "topics" / topic_id
    shutil.copytree(ROOT / "content" / "topics" / topic_id, copy)
    config = copy / "topic.yaml"
    config.write_text(re.sub(r"(?m)^prerequisites:.*$", "prerequisites: []", config.read_text()))
    return copy


def problems_of(root) -> list:
    with pytest.raises(content.ContentError) as caught:
        content.load(root)
    return caught.value.problems


def test_the_shipped_content_loads_in_prerequisite_order(content_topics):
    ids = list(content_topics)
    assert {"EI1", "EI2"} <= set(ids)
    for topic in content_topics.values():
        assert all(ids.index(p) < ids.index(topic.id) for p in topic.prerequisites)
        assert len(topic.exercises) >= 2 or (topic.exercises and len(topic.quiz) >= 3), topic.id  # or a quiz
        for exercise in topic.exercises:
            assert len(exercise.mutants) >= 3 and exercise.bundle_hash()


def test_an_unknown_prerequisite_is_reported_with_its_file(tmp_path):
    topic = copy_topic(tmp_path)
    (topic / "topic.yaml").write_text("title: T\nskill: EI\nprerequisites: [NOPE]\n")
    assert problems_of(tmp_path) == [f"{topic / 'topic.yaml'}: prerequisite 'NOPE' is not a topic"]


def test_a_cycle_is_reported(tmp_path):
    a, b = copy_topic(tmp_path, "EI1"), copy_topic(tmp_path, "EI2")
    (a / "topic.yaml").write_text("title: A\nskill: EI\nprerequisites: [EI2]\n")
    (b / "topic.yaml").write_text("title: B\nskill: EI\nprerequisites: [EI1]\n")
    [problem] = problems_of(tmp_path)
    assert problem.startswith("prerequisites form a cycle: ")


def test_missing_files_fields_and_mutants_are_all_listed(tmp_path):
    topic = copy_topic(tmp_path)
    exercise = next(p for p in (topic / "exercises").iterdir())
    (exercise / "check.py").unlink()
    (topic / "lesson.md").unlink()
    problems = problems_of(tmp_path)
    assert f"{exercise / 'check.py'}: missing" in problems
    assert f"{topic / 'lesson.md'}: missing" in problems


def test_too_few_mutants_and_a_bad_device_are_reported(tmp_path):
    topic = copy_topic(tmp_path)
    exercise = next(p for p in (topic / "exercises").iterdir())
    for mutant in list((exercise / "mutants").glob("*.py"))[2:]:
        mutant.unlink()
    config = exercise / "exercise.yaml"
    config.write_text(config.read_text() + "\ndevice: tpu\n")
    problems = problems_of(tmp_path)
    assert any("2 mutants in mutants/; every exercise needs at least 3" in p for p in problems)
    assert any("device 'tpu' is not one of cpu, gpu-optional, gpu-required" in p for p in problems)


def test_the_bundle_hash_changes_with_the_check_and_not_with_the_solution(tmp_path):
    topic = copy_topic(tmp_path)
    before = {e.id: e.bundle_hash() for e in content.load(tmp_path)["EI1"].exercises}
    exercise_dir = next(p for p in sorted((topic / "exercises").iterdir()))
    (exercise_dir / "solution.py").write_text((exercise_dir / "solution.py").read_text() + "\n# tidy\n")
    assert {e.id: e.bundle_hash() for e in content.load(tmp_path)["EI1"].exercises} == before
    (exercise_dir / "check.py").write_text((exercise_dir / "check.py").read_text() + "\n# stricter\n")
    after = {e.id: e.bundle_hash() for e in content.load(tmp_path)["EI1"].exercises}
    assert after[exercise_dir.name] != before[exercise_dir.name]


def test_validate_catches_a_mutant_that_passes_and_a_solution_that_fails(tmp_path):
    topic = copy_topic(tmp_path)
    exercise_dir = sorted((topic / "exercises").iterdir())[0]
    solution = (exercise_dir / "solution.py").read_text()
    (exercise_dir / "mutants" / "not_really_wrong.py").write_text(solution)
    topics = content.load(tmp_path)
    topics["EI1"].exercises = [e for e in topics["EI1"].exercises if e.id == exercise_dir.name]
    lines = []
    assert validate(topics, get_backend("process"), report=lines.append) is False
    assert any(line.startswith("FAIL EI1/") and "mutants/not_really_wrong.py: passed" in line for line in lines)

    topics["EI1"].exercises[0].mutants = {}
    topics["EI1"].exercises[0].solution = topics["EI1"].exercises[0].starter
    lines = []
    assert validate(topics, get_backend("process"), report=lines.append) is False
    assert any("solution:" in line and line.startswith("FAIL") for line in lines)


def test_every_shipped_reference_passes_and_every_mutant_fails(content_topics):
    """The same proof as `manage.py content validate`, through the real grader."""
    lines = []
    ok = validate(content_topics, get_backend("process"), report=lines.append)
    assert ok, "\n".join(lines)


def test_a_shared_module_and_a_data_file_reach_the_check_and_count_in_the_hash(tmp_path):
    topic = copy_topic(tmp_path)
    exercise_dir = sorted((topic / "exercises").iterdir())[0]
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "scale.py").write_text("FACTOR = 3\n")
    (exercise_dir / "data").mkdir()
    (exercise_dir / "data" / "blob.bin").write_bytes(bytes([0, 255, 7]))
    config = exercise_dir / "exercise.yaml"
    config.write_text(config.read_text() + "\nshared: [scale]\n")
    (exercise_dir / "check.py").write_text(
        "import scale\nfrom grader.checks import test, expect_equal, data_file\n\n"
        "@test('the shared module and the data file are there')\n"
        "def shared_and_data():\n"
        "    expect_equal(scale.FACTOR, 3)\n"
        "    expect_equal(list(data_file('blob.bin')), [0, 255, 7])\n")
    exercise = next(e for e in content.load(tmp_path)["EI1"].exercises if e.id == exercise_dir.name)
    assert {"shared/scale.py", "data/blob.bin"} <= set(exercise.bundle())
    assert get_backend("process").run(job_for(exercise, exercise.solution)).status == "passed"

    (tmp_path / "shared" / "scale.py").write_text("FACTOR = 4\n")
    changed = next(e for e in content.load(tmp_path)["EI1"].exercises if e.id == exercise_dir.name)
    assert changed.bundle_hash() != exercise.bundle_hash()
    assert get_backend("process").run(job_for(changed, changed.solution)).status == "failed"


def test_a_missing_shared_module_is_reported(tmp_path):
    topic = copy_topic(tmp_path)
    config = sorted((topic / "exercises").iterdir())[0] / "exercise.yaml"
    config.write_text(config.read_text() + "\nshared: [nowhere]\n")
    assert any("shared module 'nowhere'" in p for p in problems_of(tmp_path))
