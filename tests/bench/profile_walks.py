"""Where a wizard walk spends its time: pyinstrument over walks with Django's test client.

    DATABASE_URL=... REDIS_URL=... DJANGO_SECRET_KEY=x DJANGO_ALLOWED_HOSTS=127.0.0.1 \
        .venv/bin/python -m tests.bench.profile_walks [walks]

Uses the same settings, middleware and views as the app servers (only the WSGI
server differs) and writes var/bench/profile.html.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pyinstrument import Profiler

from tests.bench.page_costs import Measured

OUT = Path(__file__).resolve().parents[2] / "var" / "bench" / "profile.html"


def main() -> None:
    walks = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 50
    walker = Measured()
    walker.walk()  # warm caches, templates and the database connection
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _walk in range(walks):
            walker.walk()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(profiler.output_html())
    print(profiler.output_text(unicode=True, color=False, show_all="--all" in sys.argv))
    if "--flat" in sys.argv:
        print(profiler.output_text(unicode=True, color=False, flat=True, flat_time="total"))


if __name__ == "__main__":
    main()
