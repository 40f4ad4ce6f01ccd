"""What keeps the HTML viewer inert and offline: escaped data, a strict CSP, a load check.

Data reaches the page only as JSON inside ``<script type="application/json">``
blocks (:func:`script_json`) and is read back with ``JSON.parse`` and shown
through ``textContent``. :func:`content_security_policy` lets exactly the
page's own inline scripts run and forbids every fetch; :func:`external_loads`
is the check the tests use that nothing in the markup loads from a host.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from markupsafe import Markup

__all__ = ["content_security_policy", "external_loads", "script_json"]

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_DATA_BLOCK = re.compile(r"<script type=\"application/json\"[^>]*>.*?</script>", re.S | re.I)
_LOAD = re.compile(
    r"""(?:\b(?:src|href|srcset|action|formaction|poster|data|background)\s*=\s*["']?\s*
         |@import\s+(?:url\(\s*)?["']?\s*
         |\burl\(\s*["']?\s*)
        (?:[a-z][a-z0-9+.-]*:)?//[^\s"'<>)]*""",
    re.I | re.X,
)


def script_json(value: Any) -> Markup:
    """Return ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 become ``\\uXXXX`` escapes (and
    every other non-ASCII character too), so no string in the data can close
    the element (``</script>``), open a comment (``<!--``) or be read as
    markup. ``JSON.parse`` gives back the original strings unchanged. Keys are
    sorted so that the output is deterministic.

    Examples
    --------
    >>> print(script_json({"title": "</script><b>&"}))
    {"title":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}
    """
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return Markup(_JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text))


def external_loads(html: str) -> list[str]:
    """Return every URL with a host that the page's markup would load.

    Looks at ``src=``/``href=``-like attributes (also inside scripts),
    ``@import`` and CSS ``url(...)``, with any scheme or none (``//host``).
    The embedded ``application/json`` data blocks are skipped: a URL inside a
    paper's abstract is text, not a load.

    Examples
    --------
    >>> external_loads('<link href="https://cdn.example/x.css"><p>https://ok.example</p>')
    ['href="https://cdn.example/x.css']
    >>> external_loads('<img src="data:,">')
    []
    """
    return [match.group() for match in _LOAD.finditer(_DATA_BLOCK.sub("", html))]


def content_security_policy(scripts: tuple[str, ...]) -> str:
    """Return a CSP that runs only ``scripts`` (by SHA-256) and fetches nothing from anywhere.

    >>> csp = content_security_policy(("1;",))
    >>> csp.split("; ")[:2]
    ["default-src 'none'", "script-src 'sha256-CImjRDTlhukYQ2AnxOi0wzgPhGQ3Mb3rVwJK24dFz1M='"]
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
    )
