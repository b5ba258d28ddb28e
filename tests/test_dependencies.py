"""Dependencies point one way. The rules are import-linter contracts in pyproject.toml, which
`make lint` checks; these tests show that each contract catches the import it forbids, however it
is written, and check the one rule import-linter cannot state: the engine's only third-party
library is Babel."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("assessments", "frameworks", "accounts", "config")

ENGINE = "The engine is plain Python"
FRAMEWORKS = "Reference data knows nothing of the apps"
SIGN_IN = "Sign-in and assessments do not import each other"
PROJECT = "The apps do not import the project package"
LAYERS = "Inside assessments: pages over services"


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _broken(output: str) -> set[str]:
    """The contracts a run reports broken, by the start of their names."""
    names = (ENGINE, FRAMEWORKS, SIGN_IN, PROJECT, LAYERS)
    lines = [line for line in output.splitlines() if line.endswith(" BROKEN")]
    return {name for name in names if any(line.startswith(name) for line in lines)}


def test_the_code_keeps_every_import_contract():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("path", "source", "broken"),
    [
        ("assessments/engine/probe.py", "from django.conf import settings\n", {ENGINE}),
        ("assessments/engine/probe.py", "import frameworks.models\n", {ENGINE}),
        # The engine is also the bottom layer of assessments, so a second contract breaks.
        ("assessments/engine/probe.py", "def f():\n    from assessments import models\n",
         {ENGINE, LAYERS}),
        ("assessments/engine/probe.py", "from .. import selectors\n", {ENGINE, LAYERS}),
        ("assessments/engine/sub/probe.py", "from assessments.report import model\n",
         {ENGINE, LAYERS}),
        ("frameworks/probe.py", "from assessments.engine import codes\n", {FRAMEWORKS}),
        ("frameworks/admin/probe.py", "import accounts.adapter\n", {FRAMEWORKS}),
        ("accounts/probe.py", "import assessments.services\n", {SIGN_IN}),
        ("assessments/probe.py", "from accounts import adapter\n", {SIGN_IN}),
        ("assessments/report/probe.py", "from config import proxies\n", {PROJECT}),
        ("assessments/answers/probe.py", "from assessments.report import model\n", {LAYERS}),
        ("assessments/report/probe.py", "from assessments.views import common\n", {LAYERS}),
        # A module in no layer, importing only what lies below it, breaks nothing.
        ("assessments/probe.py", "import assessments.selectors\n", set()),
    ],
)  # fmt: skip
def test_each_contract_catches_the_import_it_forbids(tmp_path, path, source, broken):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    probe = tmp_path / path
    probe.parent.mkdir(exist_ok=True)
    (probe.parent / "__init__.py").touch()
    probe.write_text(source, encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert _broken(result.stdout) == broken, result.stdout
    assert (result.returncode != 0) == bool(broken)


def test_the_engine_uses_only_the_standard_library_and_babel():
    graph = grimp.build_graph(
        "assessments", include_external_packages=True, exclude_type_checking_imports=True,
        cache_dir=None,
    )  # fmt: skip
    engine = {"assessments.engine", *graph.find_descendants("assessments.engine")}
    imported = {i for m in engine for i in graph.find_modules_directly_imported_by(m)}
    libraries = {i.split(".")[0] for i in imported} - {"assessments"}
    assert libraries, "the engine's imports were not found"
    assert libraries - set(sys.stdlib_module_names) == {"babel"}
