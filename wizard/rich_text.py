"""Staff-written Markdown turned into HTML a consumer's browser can safely show.

Step details and maintenance notices may use a little Markdown (bold, lists,
links). Markdown passes raw HTML straight through, so its output is sanitised
with nh3 down to a handful of tags: whatever is typed in the admin, no script,
event handler or javascript: link reaches a consumer's page.
"""

from __future__ import annotations

import functools

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "code"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Links may open a web page, dial a number or start an e-mail; nothing else.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "tel", "mailto"})


# The same few texts (a step's detail for a provider, a notice) are shown again and again;
# converting each once per process, not on every plan page, saves most of that page's work.
@functools.lru_cache(maxsize=2048)
def render_rich_text(text: str) -> SafeString:
    """Markdown source -> sanitised HTML, wrapped in paragraphs; safe to put in a template.

    A pure function of the text, so results are remembered (2048 texts at most).
    """
    html = markdown.markdown(text, extensions=["nl2br", "sane_lists"], output_format="html")
    # Safe because nh3 has just removed everything that is not on the allow-lists.
    return mark_safe(
        nh3.clean(
            html,
            tags=set(ALLOWED_TAGS),
            attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(ALLOWED_URL_SCHEMES),
            link_rel="nofollow noopener noreferrer",
        )
    )
