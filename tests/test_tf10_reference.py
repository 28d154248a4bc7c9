"""TF10's check reference (content/shared/tf10_hooked.py, plain torch) equals TransformerLens's
HookedTransformer, which learners' code runs: scripts/check_tf10_reference.py, run as a test."""

import runpy
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_tf10_reference_equals_hooked_transformer_on_random_and_shipped_models(capsys):
    runpy.run_path(
        str(Path(__file__).resolve().parents[1] / "scripts" / "check_tf10_reference.py"), run_name="__main__"
    )
    assert capsys.readouterr().out.count("ok:") == 6
