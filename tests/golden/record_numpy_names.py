"""Write numpy_names.json: the public names of MindSpore's `mindspore.numpy` (run with the oracle, once).

    cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python /work/main/tests/golden/record_numpy_names.py

`__all__` (the documented functions and dtypes) plus the other public non-module attributes
(constants such as `pi` and `inf`, and `around`, `round`, `copy`, `matrix_power`; not the
internal name lists such as `math_module`), and each function's parameters (name, default, kind).
"""

import inspect
import json
import os
import types

import mindspore.numpy as mnp

names = sorted(set(mnp.__all__))
extra = sorted(n for n in dir(mnp) if not n.startswith("_") and n not in names
               and not isinstance(getattr(mnp, n), (types.ModuleType, list)) and n != "absolute_import")
params = {}
for n in names + extra:
    try:
        params[n] = [[p.name, repr(p.default) if p.default is not p.empty else None, str(p.kind)]
                     for p in inspect.signature(getattr(mnp, n)).parameters.values()]
    except (TypeError, ValueError):
        pass
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "numpy_names.json"), "w") as f:
    json.dump({"all": names, "extra": extra, "parameters": params}, f, indent=1)
    f.write("\n")
print(len(names), "names in __all__,", len(extra), "others:", extra)
