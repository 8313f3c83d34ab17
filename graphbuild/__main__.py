"""``python -m graphbuild``: the same command as ``graphbuild``."""

from graphbuild.cli import main

if __name__ == "__main__":
    main()
