"""A plain install of the built wheel, outside the source folder, works on its own:
`monitor init x && cd x && monitor config check && monitor run --once`.

The wheel is built from a copy of the sources (with a small example added to config/examples,
to show that examples ship) by `pip wheel --no-deps --no-build-isolation` (hatchling from the
test environment), and installed with `--no-deps --no-index` into a fresh virtualenv. Tests
never use the network, so the dependencies are not downloaded: a .pth line puts this test
environment's site-packages *after* the new one. That folder is added as a plain path, so its
own .pth files (the editable install that points at the source tree) are not run: `monitor`
can only come from the wheel, and the test checks that it does and that every dependency the
wheel declares is found. The commands run in a temporary folder, far from the source tree.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _build_wheel(tmp: Path) -> Path:
    source = tmp / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("monitor", "config", "seeds", "alerts"):
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    example = source / "config" / "examples" / "tiny"
    (example / "seeds").mkdir(parents=True)
    shutil.copy2(REPO / "seeds" / "004_8adf0b6e8007587d.txt", example / "seeds")
    (example / "monitor.yaml").write_text(
        "# A tiny example.\nseeds_dir: seeds\nfeeds: []\nmilestones:\n"
        "  - id: tiny\n    title: A tiny commitment\n    due: 2030-01\n"
    )
    dist = tmp / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "-w", str(dist), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("milestone_monitor-*.whl")
    return wheel


def _fresh_venv(tmp: Path, wheel: Path) -> Path:
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # The dependencies, from this environment, after the wheel's own files.
    (Path(purelib) / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_plain_install_of_the_wheel_works_from_an_empty_folder(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    venv = _fresh_venv(tmp_path, wheel)
    work = tmp_path / "work"
    work.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "LANG": "C.UTF-8",
    }

    def run(*args: str, cwd: Path = work, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, capture_output=True, text=True, cwd=cwd, env={**env, **extra}, timeout=180
        )

    where = run("python", "-c", "import monitor; print(monitor.__file__)")
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    declared = run(
        "python", "-c",
        "import re; from importlib.metadata import distribution, requires\n"
        "for req in requires('milestone-monitor'):\n"
        "    if 'extra ==' not in req:\n"
        "        distribution(re.split(r'[<>=!~ ;\\[]', req)[0])\n"
        "print('ok')",
    )  # fmt: skip
    assert declared.stdout.strip() == "ok", declared.stderr

    lost = run("monitor", "run", "--once")
    assert lost.returncode == 2 and "run `monitor init DIR`" in lost.stderr

    shipped = sorted(p.parent.name for p in (REPO / "config" / "examples").glob("*/monitor.yaml"))
    assert run("monitor", "init", "--list").stdout.split() == sorted(["tiny", *shipped])
    made = run("monitor", "init", "x")
    assert made.returncode == 0, made.stderr
    folder = work / "x"
    checked = run("monitor", "config", "check", cwd=folder)
    assert checked.returncode == 0, checked.stderr
    assert "000_8f32e4b1079b2bee" in checked.stdout and "configuration ok" in checked.stdout

    # Offline: three feeds nobody answers (on this machine, never the internet).
    port = _closed_port()
    feeds = ", ".join(
        f'{{"name": "feed-{i}", "url": "http://127.0.0.1:{port}/{i}.xml"}}' for i in range(3)
    )
    once = run(
        "monitor", "run", "--once", cwd=folder,
        MONITOR_FEEDS=f"[{feeds}]", MONITOR_FETCH__ALLOW_PRIVATE_ADDRESSES="true",
    )  # fmt: skip
    assert once.returncode == 1, once.stderr
    assert "Traceback" not in once.stderr
    lines = once.stderr.strip().splitlines()
    assert len(lines) == 4, lines
    for i, line in enumerate(sorted(lines[:3])):
        assert f"poll failed feed=feed-{i} " in line and "connection refused" in line
    assert lines[-1].startswith("feeds ok 0, not modified 0, failed 3; new entries 0")
    assert (folder / "data" / "monitor.db").is_file()

    example = run("monitor", "init", "y", "--example", "tiny")
    assert example.returncode == 0, example.stderr
    tiny = run("monitor", "config", "check", cwd=work / "y")
    assert tiny.returncode == 0 and "A tiny commitment" in tiny.stdout

    demo = run("monitor", "demo", "--output", str(work / "demo"))
    assert demo.returncode == 0, demo.stderr
    assert (work / "demo" / "digest.html").is_file()
