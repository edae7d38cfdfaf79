"""``python -m gametheory``: the ``gametheory`` command."""

import sys

from .cli import main

sys.exit(main())
