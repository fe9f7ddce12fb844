"""One list of the Debian packages the tests need: the README names each, and both
`./scripts/setup --with-test-tools` and `.ci/run` install from it (nothing else)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "scripts" / "system-packages.txt"


def listed() -> list[tuple[str, str]]:
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            rows.append((words[0], words[1] if len(words) > 1 else ""))
    return rows


def test_the_readme_names_every_package_of_the_list() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    packages = [package for package, _ in listed()]
    assert {"fonts-noto-cjk", "chromium", "poppler-utils"} <= set(packages)
    assert [p for p in packages if f"| {p} |" not in readme] == []
    assert "./scripts/setup --with-test-tools" in readme


def test_setup_and_ci_install_from_the_one_list() -> None:
    installer = (ROOT / "scripts" / "install-system-packages").read_text(encoding="utf-8")
    assert "scripts/system-packages.txt" in installer
    assert "./scripts/install-system-packages" in (ROOT / ".ci" / "run").read_text()
    setup = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert "--with-test-tools) ./scripts/install-system-packages" in setup
    for script in ("setup", "install-system-packages"):
        assert os.access(ROOT / "scripts" / script, os.X_OK)


def test_a_missing_package_is_named_when_there_is_no_apt(tmp_path: Path) -> None:
    """Run on a copy whose list names a package nobody has, with a PATH without apt-get:
    the installer says which package is missing instead of failing somewhere later."""
    (tmp_path / "scripts").mkdir()
    script = tmp_path / "scripts" / "install-system-packages"
    script.write_bytes((ROOT / "scripts" / "install-system-packages").read_bytes())
    (tmp_path / "scripts" / "system-packages.txt").write_text(
        "gongkai-no-such-package  gongkai-no-such-tool  # a test\n", encoding="utf-8"
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dirname", "dpkg-query", "grep", "id"):
        found = subprocess.run(["bash", "-c", f"command -v {tool}"], capture_output=True)
        if found.returncode == 0:
            (bin_dir / tool).symlink_to(found.stdout.decode().strip())
    done = subprocess.run(
        ["/bin/bash", str(script)], capture_output=True, text=True, env={"PATH": str(bin_dir)}
    )
    assert done.returncode == 1
    assert "gongkai-no-such-package" in done.stderr
