"""``python -m kargraph``: the command line (see kargraph.cli)."""
import sys

from .cli import main

sys.exit(main())
