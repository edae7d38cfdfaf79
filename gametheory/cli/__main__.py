"""``python -m gametheory.cli``: the ``gametheory`` command."""

import sys

from . import main

sys.exit(main())
