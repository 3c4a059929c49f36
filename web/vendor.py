"""The widget's bundle as the browser gets it: rasa-webchat's lib/index.js, served locally.

The bundle's stylesheets start with `@import url(https://fonts.googleapis.com/...)` (the
Inter font). The pages load nothing from a CDN, so that import is removed when serving;
the widget then uses the site's fonts. Nothing else of the file is changed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

REMOTE_FONT_IMPORT = re.compile(rb"@import url\(https?://fonts\.googleapis\.com/[^)]*\);")


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> bytes:
    return REMOTE_FONT_IMPORT.sub(b"", path.read_bytes())


def webchat_bundle(path: Path) -> bytes:
    """The bundle without its remote font import (re-read when the file changes)."""
    return _load(path, path.stat().st_mtime_ns)
