"""Command line: `python -m mindgrad demo`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mindgrad", description="MindSpore's API on JAX.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="print MindSpore's documented GradOperation examples, computed by mindgrad")
    args = parser.parse_args(argv)
    if args.command == "demo":
        from ._demo import main as demo
        demo()
    return 0


if __name__ == "__main__":
    sys.exit(main())
