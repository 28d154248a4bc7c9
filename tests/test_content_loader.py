"""Reading content/ and proving it through the real grader."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import shipped_topics
from curriculum import content
from curriculum.validate import heavy_modules, job_for, proof_backend, runs_for, validate
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
    exercise = sorted((topic / "exercises").iterdir())[0]
    spec = exercise / "mutants.yaml"
    files = sorted((exercise / "mutants").glob("*.py")) if (exercise / "mutants").is_dir() else []
    entries = yaml.safe_load(spec.read_text()) if spec.exists() else []
    for mutant in files[max(0, 2 - len(entries)) :]:  # keep two mutants in all, whichever form they take
        mutant.unlink()
    if entries:
        spec.write_text(yaml.safe_dump(entries[:2], sort_keys=False))
    config = exercise / "exercise.yaml"
    config.write_text(config.read_text() + "\ndevice: tpu\n")
    problems = problems_of(tmp_path)
    assert any("2 mutants in mutants.yaml and mutants/; every exercise needs at least 3" in p for p in problems)
    assert any("device 'tpu' is not one of cpu, gpu-optional, gpu-required" in p for p in problems)


def test_the_bundle_hash_changes_with_the_check_and_the_solution_stays_out_of_the_bundle(tmp_path):
    topic = copy_topic(tmp_path)
    exercises = content.load(tmp_path)["EI1"].exercises
    before = {e.id: e.bundle_hash() for e in exercises}
    for e in exercises:  # mutants built from solution.py are in it, the solution itself never
        assert all(not path.startswith("solution") for path in e.bundle())
        assert e.solution not in e.bundle().values()
    exercise_dir = next(p for p in sorted((topic / "exercises").iterdir()))
    (exercise_dir / "check.py").write_text((exercise_dir / "check.py").read_text() + "\n# stricter\n")
    after = {e.id: e.bundle_hash() for e in content.load(tmp_path)["EI1"].exercises}
    assert after[exercise_dir.name] != before[exercise_dir.name]


def test_validate_catches_a_mutant_that_passes_and_a_solution_that_fails(tmp_path):
    topic = copy_topic(tmp_path)
    exercise_dir = sorted((topic / "exercises").iterdir())[0]
    solution = (exercise_dir / "solution.py").read_text()
    (exercise_dir / "mutants").mkdir(exist_ok=True)
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


def proof_cost(topic) -> float:
    """Runs times time limits: where the proof's time goes (TF10, TF8, ML2), so those topics start first."""
    return sum(len(runs_for(exercise)) * exercise.grader_limits().wall_s for exercise in topic.exercises)


TOPIC_IDS = [topic.id for topic in sorted(shipped_topics().values(), key=proof_cost, reverse=True)]


@pytest.fixture(scope="session")  # pytest-xdist interleaves modules: kept for the worker's session
def preloading_backend(content_topics):
    backend = proof_backend(content_topics, "process")
    yield backend
    backend.close()


@pytest.mark.longest  # one test a topic: pytest-xdist's workers share the proof out
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_every_shipped_reference_passes_and_every_mutant_fails(content_topics, topic_id, preloading_backend):
    """The same proof as `manage.py content validate`, through the real grader, with its cache: a run is
    graded again when its bundle, its code, the grader, Python or a package changed (so a fresh checkout,
    as CI's, grades all of them; the cache test above proves that a change is graded again)."""
    from django.conf import settings

    topics = {topic_id: content_topics[topic_id]}
    backend = preloading_backend if heavy_modules(topics) else get_backend("process")  # zygotes kept light
    lines = []
    ok = validate(topics, backend, report=lines.append, cache_path=settings.VAR_DIR / "content-validate-cache.json")
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
        "    expect_equal(list(data_file('blob.bin')), [0, 255, 7])\n"
    )
    exercise = next(e for e in content.load(tmp_path)["EI1"].exercises if e.id == exercise_dir.name)
    assert {"shared/scale.py", "data/blob.bin"} <= set(exercise.bundle())
    assert get_backend("process").run(job_for(exercise, exercise.solution)).status == "passed"

    (tmp_path / "shared" / "scale.py").write_text("FACTOR = 4\n")
    changed = next(e for e in content.load(tmp_path)["EI1"].exercises if e.id == exercise_dir.name)
    assert changed.bundle_hash() != exercise.bundle_hash()
    assert get_backend("process").run(job_for(changed, changed.solution)).status == "failed"


def test_a_shared_module_may_import_another_whatever_their_names(tmp_path):
    """Shared modules are imported by name, not run in the order of their names: a_helpers imports
    z_tables, which comes later in the alphabet; the same zygote then grades a job without them."""
    topic = copy_topic(tmp_path)
    exercise_dir = sorted((topic / "exercises").iterdir())[0]
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "a_helpers.py").write_text("import z_tables\n\ndef doubled():\n    return 2 * z_tables.N\n")
    (tmp_path / "shared" / "z_tables.py").write_text("N = 21\n")
    config = exercise_dir / "exercise.yaml"
    config.write_text(config.read_text() + "\nshared: [a_helpers, z_tables]\n")
    (exercise_dir / "check.py").write_text(
        "import a_helpers\nfrom grader.checks import test, expect_equal\n\n"
        "@test('a shared module reads another')\n"
        "def chained():\n"
        "    expect_equal(a_helpers.doubled(), 42)\n"
    )
    exercise = next(e for e in content.load(tmp_path)["EI1"].exercises if e.id == exercise_dir.name)
    backend = get_backend("process")
    assert backend.run(job_for(exercise, exercise.solution)).status == "passed"
    plain = next(e for e in content.load(ROOT / "content")["EI1"].exercises if e.id == exercise_dir.name)
    assert backend.run(job_for(plain, plain.solution)).status == "passed"  # the finder left with its job


def test_checks_that_cannot_load_say_why_and_are_not_the_learners_fault(tmp_path):
    topic = copy_topic(tmp_path)
    exercise_dir = sorted((topic / "exercises").iterdir())[0]
    (exercise_dir / "check.py").write_text("import not_a_shared_module\n")
    exercise = next(e for e in content.load(tmp_path)["EI1"].exercises if e.id == exercise_dir.name)
    result = get_backend("process").run(job_for(exercise, exercise.solution))
    assert result.status == "crashed" and result.grader_fault  # retried, never counted as an attempt
    assert "ModuleNotFoundError: No module named 'not_a_shared_module'" in result.message
    assert "not your fault" in result.message


def test_a_missing_shared_module_is_reported(tmp_path):
    topic = copy_topic(tmp_path)
    config = sorted((topic / "exercises").iterdir())[0] / "exercise.yaml"
    config.write_text(config.read_text() + "\nshared: [nowhere]\n")
    assert any("shared module 'nowhere'" in p for p in problems_of(tmp_path))


# mutants.yaml, alternatives/, hints and explanation.md

LAYOUTS = "picture-layouts"  # EI1's exercise whose mutants live in mutants.yaml


def layouts(tmp_path) -> Path:
    return copy_topic(tmp_path) / "exercises" / LAYOUTS


def load_layouts(tmp_path):
    return next(e for e in content.load(tmp_path)["EI1"].exercises if e.id == LAYOUTS)


def write_mutants(exercise_dir: Path, text: str) -> Path:
    spec = exercise_dir / "mutants.yaml"
    spec.write_text(spec.read_text() + text)
    return spec


def test_a_mutant_is_built_from_edits_in_order_with_its_hint_as_docstring(tmp_path):
    exercise_dir = layouts(tmp_path)
    write_mutants(
        exercise_dir,
        """
- name: pool_mean_then_min
  hint: '`max_pool_2x2` averages; a \\ and quotes survive: "max"'
  edits:
    - replace: '"max")'
      with: '"mean")'
    - replace: '"mean")'
      with: '"min")'
""",
    )
    exercise = load_layouts(tmp_path)
    source = exercise.bundle()["mutants/pool_mean_then_min.py"]
    solution = (exercise_dir / "solution.py").read_text()
    namespace = {}
    exec(compile(source, "mutant", "exec"), namespace)
    assert namespace["__doc__"] == '`max_pool_2x2` averages; a \\ and quotes survive: "max"'
    assert source.endswith(solution.replace('"max")', '"min")'))  # the second edit saw the first one's text


def test_an_anchor_that_is_missing_or_repeated_is_a_content_error_naming_file_mutant_and_anchor(tmp_path):
    spec = write_mutants(
        layouts(tmp_path),
        """
- name: nowhere
  hint: a hint
  edits: [{replace: 'not in the solution', with: 'x'}]
- name: twice
  hint: a hint
  edits: [{replace: 'einops.rearrange(imgs', with: 'x'}]
- name: gone_after_first_edit
  hint: a hint
  edits: [{replace: '"max")', with: '"mean")'}, {replace: '"max")', with: '"min")'}]
""",
    )
    problems = problems_of(tmp_path)
    assert (
        f"{spec}: mutant 'nowhere': edit 1: the text to replace does not occur in solution.py; it must occur "
        f"exactly once: 'not in the solution'"
    ) in problems
    assert any(p.startswith(f"{spec}: mutant 'twice': edit 1: the text to replace occurs 3 times") for p in problems)
    assert any(
        p.startswith(
            f"{spec}: mutant 'gone_after_first_edit': edit 2: the text to replace does not occur "
            f"in solution.py after the earlier edits"
        )
        for p in problems
    )


def test_broken_mutants_name_their_file_and_mutant(tmp_path):
    exercise_dir = layouts(tmp_path)
    spec = write_mutants(
        exercise_dir,
        """
- name: not_python
  hint: a hint
  edits: [{replace: '"max")', with: '"max"'}]
- name: column_stack_side_by_side
  hint: named twice
  edits: [{replace: '"max")', with: '"min")'}]
- name: no_hint
  edits: [{replace: '"max")', with: '"min")'}]
""",
    )
    (exercise_dir / "mutants").mkdir()
    (exercise_dir / "mutants" / "grid_3x2.py").write_text('"""also in mutants.yaml"""\n')
    (exercise_dir / "mutants" / "broken.py").write_text('"""a whole file"""\ndef f(:\n')
    problems = problems_of(tmp_path)
    assert any(p.startswith(f"{spec}: mutant 'not_python': not valid Python line ") for p in problems)
    assert f"{spec}: mutant 'column_stack_side_by_side' is named twice" in problems
    assert any(p.startswith(f"{spec}: mutant 'no_hint': needs a hint") for p in problems)
    assert any(p.startswith(f"{spec}: mutant 'grid_3x2' is also the file") for p in problems)
    assert any(p.startswith(f"{exercise_dir / 'mutants' / 'broken.py'}: not valid Python line 2") for p in problems)

    spec.write_text("- name: x\n  hint: [unclosed\n")
    assert any(p.startswith(f"{spec}: not valid YAML") for p in problems_of(tmp_path))


def test_hints_explanation_and_alternatives_are_read_and_checked(tmp_path):
    exercise_dir = layouts(tmp_path)
    config = exercise_dir / "exercise.yaml"
    config.write_text(config.read_text() + "hints:\n  - Think in axes.\n  - '`(b h)`: the left name varies slowest.'\n")
    (exercise_dir / "explanation.md").write_text("Each layout is one `rearrange`.\n")
    shutil.rmtree(exercise_dir / "alternatives", ignore_errors=True)  # only the ones this test writes
    (exercise_dir / "alternatives").mkdir()
    (exercise_dir / "alternatives" / "permute.py").write_text("import torch\n")
    exercise = load_layouts(tmp_path)
    assert exercise.hints == ["Think in axes.", "`(b h)`: the left name varies slowest."]
    assert exercise.explanation == "Each layout is one `rearrange`.\n"
    assert exercise.alternatives == {"permute.py": "import torch\n"}
    assert not any(name.startswith("alternatives/") for name in exercise.bundle())  # correct code stays out

    config.write_text(config.read_text() + "  - a third\n  - a fourth: too many\n")
    (exercise_dir / "alternatives" / "loops.py").write_text("def column_stack(imgs:\n")
    problems = problems_of(tmp_path)
    assert any(p.startswith(f"{config}: hints must be a list of 2 to 3 non-empty texts") for p in problems)
    assert any(p.startswith(f"{exercise_dir / 'alternatives' / 'loops.py'}: not valid Python") for p in problems)


def test_a_broken_mutant_in_the_bundle_costs_its_hint_not_the_verdict(tmp_path):
    layouts(tmp_path)
    exercise = load_layouts(tmp_path)
    exercise.mutants["broken.py"] = '"""a hint"""\ndef column_stack(imgs:\n'
    exercise.mutants["raises.py"] = '"""a hint"""\nraise RuntimeError("at import")\n'
    backend = get_backend("process")
    assert backend.run(job_for(exercise, exercise.solution)).status == "passed"
    wrong = exercise.solution.replace("(b h) w", "(h b) w")
    result = backend.run(job_for(exercise, wrong))
    assert result.status == "failed"
    assert any("interleaves the rows" in t.message for t in result.tests)  # the sound mutants still give hints


def test_validate_grades_alternatives_and_caches_verdicts_by_bundle_code_and_grader(tmp_path):
    exercise_dir = layouts(tmp_path)
    shutil.rmtree(exercise_dir / "alternatives", ignore_errors=True)  # only the ones this test writes
    (exercise_dir / "alternatives").mkdir()
    solution = (exercise_dir / "solution.py").read_text()
    (exercise_dir / "alternatives" / "permute.py").write_text(
        solution.replace(
            'einops.rearrange(imgs, "b c h w -> c (b h) w")',
            "imgs.permute(1, 0, 2, 3).reshape(imgs.shape[1], -1, imgs.shape[3])",
        )
    )
    (exercise_dir / "alternatives" / "wrong.py").write_text(solution.replace("(c w)", "(w c)"))
    topics = content.load(tmp_path)
    topics["EI1"].exercises = [e for e in topics["EI1"].exercises if e.id == LAYOUTS]
    cache, backend = tmp_path / "var" / "cache.json", get_backend("process")
    lines = []
    assert validate(topics, backend, report=lines.append, cache_path=cache) is False
    assert any(line.startswith("ok   EI1/picture-layouts alternatives/permute.py: passed (") for line in lines)
    assert any(line.startswith("FAIL EI1/picture-layouts alternatives/wrong.py: failed") for line in lines)
    runs = sum(line.startswith(("ok   EI1/", "FAIL EI1/")) for line in lines)

    lines = []
    assert validate(topics, backend, report=lines.append, cache_path=cache) is False
    assert f"({runs} from the cache)" in next(line for line in lines if "runs as expected" in line)
    assert any(line.startswith("FAIL EI1/picture-layouts alternatives/wrong.py: failed (cached)") for line in lines)

    exercise = topics["EI1"].exercises[0]
    exercise.check += "\n# stricter\n"  # a new bundle hash: every run of this exercise is graded again
    lines = []
    validate(topics, backend, report=lines.append, cache_path=cache)
    assert "(0 from the cache)" in next(line for line in lines if "runs as expected" in line)


def test_the_mutant_command_lists_and_prints_built_mutants(capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("content", "mutant", "EI1/picture-layouts")
    names = capsys.readouterr().out.split()
    assert "column_stack_interleaved" in names and names == sorted(names)
    call_command("content", "mutant", "EI1/picture-layouts", "column_stack_interleaved")
    printed = capsys.readouterr().out
    assert printed.startswith('"""`column_stack` interleaves the rows') and '"b c h w -> c (h b) w"' in printed
    with pytest.raises(CommandError, match="has no mutant 'nope'; it has: channel_strip_interleaved"):
        call_command("content", "mutant", "EI1/picture-layouts", "nope")
    with pytest.raises(CommandError, match="no exercise 'EI1/nope'"):
        call_command("content", "mutant", "EI1/nope")


def set_example_expected(exercise_dir: Path, field: str) -> None:
    config = exercise_dir / "exercise.yaml"
    text = re.sub(r"(?ms)^example_expected:\n(  .*?\n)+", "", config.read_text())
    config.write_text(text + field)


@pytest.mark.parametrize(
    "field, problem",
    [
        ("example_expected: [1, 2]\n", "example_expected must be a Python expression in quotes, or a mapping"),
        ("example_expected:\n  value: 'torch.tensor([1.,'\n", "example_expected value is not a Python expression"),
        (
            "example_expected:\n  value: '2.0'\n  atol: lots\n",
            "example_expected atol must be a number >= 0, not 'lots'",
        ),
        ("example_expected:\n  value: '2.0'\n  rtol: -1\n", "example_expected rtol must be a number >= 0, not -1"),
        ("example_expected:\n  value: '2.0'\n  tol: 0.1\n", "example_expected has unknown keys ['tol']"),
    ],
)
def test_a_bad_example_expected_is_a_content_error_naming_the_file(tmp_path, field, problem):
    topic = copy_topic(tmp_path, "PR1")
    exercise_dir = topic / "exercises" / "covariance"
    set_example_expected(exercise_dir, field)
    [reported] = problems_of(tmp_path)
    assert reported.startswith(f"{exercise_dir / 'exercise.yaml'}: {problem}")


def test_example_expected_is_read_with_its_tolerance_and_needs_an_example(tmp_path):
    topic = copy_topic(tmp_path, "PR1")
    set_example_expected(
        topic / "exercises" / "covariance", "example_expected:\n  value: 'torch.tensor(2.)'\n  atol: 1e-4\n"
    )
    spec = next(e for e in content.load(tmp_path)["PR1"].exercises if e.id == "covariance")
    assert spec.example_expected == {"value": "torch.tensor(2.)", "atol": 1e-4, "rtol": None}
    config = topic / "exercises" / "covariance" / "exercise.yaml"
    config.write_text(re.sub(r"(?ms)^example: \|\n(  .*?\n)+", "", config.read_text()))
    assert problems_of(tmp_path) == [
        f"{config}: example_expected needs an `example` whose last line is the value to compare"
    ]


def test_validate_proves_the_references_example_gives_the_expected_value(tmp_path):
    topic = copy_topic(tmp_path, "PR1")
    exercise_dir = topic / "exercises" / "covariance"
    topics = content.load(tmp_path)
    exercise = next(e for e in topics["PR1"].exercises if e.id == "covariance")
    exercise.mutants, exercise.alternatives = {}, {}  # only the solution, the starter and the example
    topics["PR1"].exercises = [exercise]
    lines = []
    assert validate(topics, get_backend("process"), report=lines.append) is True, lines
    assert any(line.startswith("ok   PR1/covariance example: matches (") for line in lines)

    set_example_expected(exercise_dir, "example_expected:\n  value: 'torch.tensor(8., dtype=torch.float64)'\n")
    topics = content.load(tmp_path)
    exercise = next(e for e in topics["PR1"].exercises if e.id == "covariance")
    exercise.mutants, exercise.alternatives = {}, {}
    topics["PR1"].exercises = [exercise]
    lines = []
    assert validate(topics, get_backend("process"), report=lines.append) is False
    [line] = [line for line in lines if line.startswith("FAIL PR1/covariance example: differs")]
    assert "1 of 1 entries of `var_of_weighted_sum(" not in line  # a two-line call is named "your example"
    assert "of `your example` differ; the largest error is 6 at [] (got 2, expected 8)" in line
