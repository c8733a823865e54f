"""Command line: `python -m mindgrad demo`, `run script.py [args...]`, `check script.py ...`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mindgrad", description="MindSpore's API on JAX.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="print MindSpore's documented GradOperation examples, computed by mindgrad")
    run = sub.add_parser("run", help="run an unmodified MindSpore script, `import mindspore` giving mindgrad")
    run.add_argument("--progress", action="store_true", help="show a progress bar for Model.train (on stderr)")
    run.add_argument("script")
    run.add_argument("args", nargs=argparse.REMAINDER, help="the script's own arguments")
    check = sub.add_parser("check", help="list the MindSpore APIs scripts use and whether mindgrad has them")
    check.add_argument("scripts", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "demo":
        from ._demo import main as demo
        demo()
    elif args.command == "run":
        from ._porting.runner import run_script
        run_script(args.script, args.args, args.progress)
    elif args.command == "check":
        from ._porting.check import main as check_main
        return check_main(args.scripts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
