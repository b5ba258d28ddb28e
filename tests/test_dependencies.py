"""Dependencies point one way: `assessments` uses `frameworks`, never the reverse, and the engine
imports neither (nor Django). Read from the source, so an import inside a function counts too."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(source: str, package: tuple[str, ...]) -> set[str]:
    """The modules some source imports, relative imports resolved against its package."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            found.add(".".join((*base, node.module)) if node.module else ".".join(base))
    return found


def _offenders(root: Path, folder: str, refused) -> dict[str, list[str]]:
    """Each module under `folder` that imports something `refused(module)` turns down."""
    offenders = {}
    for path in sorted((root / folder).rglob("*.py")):
        package = path.relative_to(root).with_suffix("").parts[:-1]
        bad = sorted(m for m in _imports(path.read_text(encoding="utf-8"), package) if refused(m))
        if bad:
            offenders[path.relative_to(root).as_posix()] = bad
    return offenders


def _from_assessments(module: str) -> bool:
    return module.split(".")[0] == "assessments"


def _outside_the_engine(module: str) -> bool:
    top = module.split(".")[0]
    if top == "assessments":
        return not module.startswith("assessments.engine")
    return top in ("django", "frameworks", "config")


def test_frameworks_imports_nothing_from_assessments():
    assert _offenders(ROOT, "frameworks", _from_assessments) == {}


def test_the_engine_imports_neither_django_nor_the_apps():
    assert _offenders(ROOT, "assessments/engine", _outside_the_engine) == {}


@pytest.mark.parametrize(
    "source",
    [
        "from assessments.engine import codes\n",
        "def f():\n    from assessments import selectors\n",
        "import assessments.wizard.forms\n",
        "from .. import models\nimport assessments\n",
    ],
)
def test_an_import_is_found_however_it_is_written(tmp_path, source):
    (tmp_path / "frameworks" / "sub").mkdir(parents=True)
    (tmp_path / "frameworks" / "sub" / "probe.py").write_text(source, encoding="utf-8")
    assert list(_offenders(tmp_path, "frameworks", _from_assessments)) == [
        "frameworks/sub/probe.py"
    ]


def test_relative_imports_resolve_inside_their_own_package():
    assert _imports("from ..models import Control\nfrom . import x\n", ("frameworks", "sub")) == {
        "frameworks.models",
        "frameworks.sub",
    }
