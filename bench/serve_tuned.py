"""`closeddoor serve` with the server options under test (see `_serving.py`): the same app,
built by the same code, with more worker processes or a different thread pool.

    python bench/serve_tuned.py --data-dir D --port P --workers 2 --threads 8
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from _serving import add_options, serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    add_options(parser)
    args = parser.parse_args()

    def build_app() -> Any:
        from closeddoor.bootstrap import configure_logging
        from closeddoor.config import load_settings
        from closeddoor.server import create_app
        from closeddoor.setup import open_services

        settings = load_settings(data_dir=args.data_dir)
        services = open_services(settings)
        configure_logging(settings)
        return create_app(services)

    serve(build_app, args)


if __name__ == "__main__":
    main()
