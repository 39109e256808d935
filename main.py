"""Start Patient Journey Planner from a checkout: `python main.py [--data-dir DIR]`."""

import sys

from planner.app import main

if __name__ == "__main__":
    sys.exit(main())
