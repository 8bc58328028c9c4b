"""The shape CONTRIBUTING.md promises: layers that import downwards only, no
import cycle anywhere, folders a reader can take in, and short functions.

The layers are an import-linter contract in ``setup.cfg``; this test runs
``lint-imports`` on the package as it installs (``rules/`` and ``templates/``
inside ``planner``), as CI does.
"""

from __future__ import annotations

import ast
import os
import pathlib
import shutil
import subprocess
import sys

import networkx as nx
import pytest
from conftest import ROOT

PACKAGE = ROOT / "planner"
#: Where each installed package's files are in the repository.
PLACES = {"planner": PACKAGE, "planner.rules": ROOT / "rules", "planner.templates": ROOT / "templates"}


def sources() -> dict[str, pathlib.Path]:
    """Every module of the installed package, by its dotted name."""
    modules = {}
    for package, folder in PLACES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join((package, *parts))] = path
    return modules


SOURCES = sources()


def installed_tree(target: pathlib.Path) -> pathlib.Path:
    """The package laid out as ``pip install .`` lays it out."""
    shutil.copytree(PACKAGE, target / "planner", ignore=shutil.ignore_patterns("__pycache__"))
    for package, folder in PLACES.items():
        if package != "planner":
            shutil.copytree(folder, target / package.replace(".", "/"), ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_the_layers_hold(tmp_path):
    """lint-imports keeps every contract: the layers, the plan apart from
    files, and no cycle between the modules of any package."""
    tree = installed_tree(tmp_path / "tree")
    lint_imports = pathlib.Path(sys.executable).with_name("lint-imports")
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run(
        [str(lint_imports), str(ROOT / "setup.cfg"), "--no-cache"],
        cwd=tree, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
    # Every layer of the contract exists (a renamed folder would otherwise
    # leave a layer that holds nothing and so forbids nothing).
    assert "Analyzed" in done.stdout


def test_no_import_cycle():
    """Imports inside functions count too (they are cycles put off, not
    removed), and so do those under TYPE_CHECKING; importer/ included."""
    graph = nx.DiGraph()
    graph.add_nodes_from(SOURCES)
    for name, path in SOURCES.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base]).strip(".")
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                # A package's __init__ importing its own modules is a package
                # and its parts, not a cycle; the edge is kept the other way.
                if target in SOURCES and target != name and not target.startswith(name + "."):
                    graph.add_edge(name, target)
    assert list(nx.simple_cycles(graph)) == []


def folders():
    seen = {path.parent for path in SOURCES.values()}
    # rules/ holds one module per finding code, as the design asks: its size
    # is the number of codes, and the registry lists them.
    return sorted(folder for folder in seen if folder != ROOT / "rules")


@pytest.mark.parametrize("folder", folders(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_folder_holds_few_modules(folder):
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= 10, f"{len(modules)} modules: group them into a subpackage"
    assert (folder / "__init__.py").exists(), "a folder of modules is a package with a docstring"
    assert ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))


#: The YAML reader's tree builder is one hot loop over the parser's events
#: (``_build``), kept in one function of one class so that an event costs no
#: call: the parse of a 100,000-contact export is most of a big run.
LONG = {("planner.load.yaml.reader", "_TreeBuilder"), ("planner.load.yaml.reader", "_build")}


@pytest.mark.parametrize("name", sorted(SOURCES), ids=str)
def test_functions_and_classes_stay_short(name):
    """A module is as long as its one concept needs; a function is not."""
    tree = ast.parse(SOURCES[name].read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), "every module says what it holds"
    for node in ast.walk(tree):
        if not hasattr(node, "lineno"):
            continue
        size = (node.end_lineno or node.lineno) - node.lineno + 1
        if (name, getattr(node, "name", None)) in LONG:
            continue
        if isinstance(node, ast.ClassDef):
            assert size <= 300, f"class {node.name} has {size} lines"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert size <= 90, f"function {node.name} has {size} lines"


def test_no_generic_top_level_module_is_shipped():
    """setup.cfg ships every package of the tree, and rules/ and templates/
    inside planner."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = set(config["options"]["packages"].split())
    packages = {name for name, path in SOURCES.items() if path.name == "__init__.py"}
    assert listed == packages
    assert all(name == "planner" or name.startswith("planner.") for name in listed)
