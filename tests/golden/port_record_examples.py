"""Record what real MindSpore prints for each script in `examples/`: `port_examples/<script>.txt`.

Run with the oracle interpreter, from outside the repository (so `mindspore` is MindSpore itself):

    cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python /work/main/tests/golden/port_record_examples.py [NAME ...]

Each script runs in a fresh temporary directory with no arguments; its standard output is the
golden file that `tests/test_run_scripts.py` compares with `python -m mindgrad run`.
"""

import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples")


def main(names) -> int:
    scripts = sorted(glob.glob(os.path.join(EXAMPLES, "*.py")))
    if names:
        scripts = [s for s in scripts if os.path.splitext(os.path.basename(s))[0] in names]
    for script in scripts:
        name = os.path.splitext(os.path.basename(script))[0]
        with tempfile.TemporaryDirectory() as cwd:
            done = subprocess.run([sys.executable, script], cwd=cwd, capture_output=True, text=True,
                                  env=dict(os.environ, GLOG_v="3"))
        if done.returncode:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"{name} failed under MindSpore")
        with open(os.path.join(HERE, "port_examples", name + ".txt"), "w") as f:
            f.write(done.stdout)
        print(f"recorded {name}: {len(done.stdout.splitlines())} lines")
    return 0


if __name__ == "__main__":
    import mindspore  # noqa: F401  (fails at once under the wrong interpreter)

    sys.exit(main(sys.argv[1:]))
