"""Before `make audit`: can PyPI's vulnerability data be reached from here? pip-audit reads it
from the per-release JSON API; a registry mirror or proxy that serves packages but not that API
makes pip-audit blame the packages ("Dependency not found on PyPI"). Exit 2, naming the network,
when the API cannot answer for a release we pin."""

import sys
import urllib.error
import urllib.request
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"


def main() -> int:
    pinned = next(
        line.split(";")[0].strip()
        for line in LOCK.read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.lstrip().startswith("#")
    )
    name, version = pinned.split("==", 1)
    url = f"https://pypi.org/pypi/{name}/{version}/json"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # nosec B310: fixed https URL
            response.read(1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        print(
            f"make audit: PyPI's vulnerability data is out of reach from this network ({url}: "
            f"{exc}). The packages are not at fault; run the audit where pypi.org's JSON API "
            "answers.",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
