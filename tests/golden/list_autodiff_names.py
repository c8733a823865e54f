"""Write tests/golden/autodiff_names.json: the autodiff-related names real MindSpore 2.10 exports in
the namespaces of issue 16 (run once with the oracle: `cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python
/work/main/tests/golden/list_autodiff_names.py`). A name is listed where its object is defined in
one of MindSpore's autodiff modules, or is one of the named autodiff entry points."""

import importlib
import inspect
import json
import os

NAMESPACES = ["mindspore", "mindspore.ops", "mindspore.ops.functional", "mindspore.ops.composite",
              "mindspore.ops.function", "mindspore.ops.function.grad", "mindspore.ops.function.grad.grad_func",
              "mindspore.nn.grad", "mindspore.common", "mindspore.common.api", "mindspore._extends"]
AUTODIFF_MODULES = ("mindspore.ops.function.grad.grad_func", "mindspore.ops.function.vmap_func",
                    "mindspore.nn.grad.cell_grad", "mindspore.graph.mutable",
                    "mindspore.graph._utils.cell_attr_register")
ENTRY_POINTS = {"GradOperation", "HyperMap", "Map", "MultitypeFuncGraph", "partial", "Partial", "depend", "Depend",
                "stop_gradient", "jit", "_no_grad", "_pynative_executor", "mutable", "cell_attr_register",
                "ones_like", "zeros_like"}


def main():
    out = {}
    for ns in NAMESPACES:
        mod = importlib.import_module(ns)
        names = []
        for name in sorted(dir(mod)):
            if name.startswith("__"):
                continue
            obj = getattr(mod, name)
            if inspect.ismodule(obj):
                continue
            where = getattr(obj, "__module__", None) or type(obj).__module__
            if name in ENTRY_POINTS or (where in AUTODIFF_MODULES and not name.startswith("_")):
                names.append(name)
        out[ns.replace("mindspore", "mindgrad", 1)] = names
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "autodiff_names.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
