"""The programs of tests/test_mint20_sync.py. `results(mapped)` runs nn.SyncBatchNorm and
mint.nn.SyncBatchNorm on 4 ranks (a named vmap, or shard_map over the data-parallel mesh of 4 devices) and the
matching BatchNorm on the whole batch; forward, the moving statistics written and the gradients."""

import jax
import jax.numpy as jnp
import numpy as np

import mindgrad as ms
from mindgrad import _state, mint, nn

X = (np.sin(np.arange(8 * 3 * 2 * 2, dtype=np.float32)).reshape(8, 3, 2, 2) * 3 + 1).astype(np.float32)
W = np.cos(np.arange(X.size, dtype=np.float32)).reshape(X.shape)


def _pure(net):
    params = {p.name: p._arr for p in net.get_parameters() if p.requires_grad}
    named = {p.name: p for p in net.get_parameters()}

    def apply(params, x):
        with _state.bind({id(named[k]): v for k, v in params.items()}) as frame:
            y = net(ms.Tensor(x))._arr
        return y, {p.name.rsplit(".", 1)[-1]: v for p, v in frame.writes.values() if v.dtype != jnp.int64}

    return params, apply


def _loss_parts(apply, mapped):
    def loss(params, x, w):
        y, writes = apply(params, x)
        total = jnp.sum(y * w)
        return (mapped(total) if mapped else total), (y, writes)
    return loss


def results(mapped_run):
    """{layer: (y, writes, grad params, grad x)} for the synced layers on 4 ranks and for the whole batch."""
    out = {}
    for name, make_sync, make_plain in (
            ("nn", lambda: nn.SyncBatchNorm(3), lambda: nn.BatchNorm2d(3)),
            ("mint", lambda: mint.nn.SyncBatchNorm(3), lambda: mint.nn.BatchNorm2d(3))):
        for kind, net in (("sync", make_sync()), ("plain", make_plain())):
            net.set_train(True)
            params, apply = _pure(net)
            loss = _loss_parts(apply, None)
            grad = jax.grad(loss, argnums=(0, 1), has_aux=True)
            if kind == "plain":
                (gp, gx), (y, writes) = jax.jit(grad)(params, X, W)
            else:
                (gp, gx), (y, writes) = mapped_run(grad, params)
                writes = {k: v[0] for k, v in writes.items()}
            out[f"{name}_{kind}"] = jax.tree.map(lambda v: np.asarray(v).tolist(), (y, writes, gp, gx))
    return out


XS = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 4.0], [2.0, 2.0]], np.float32)


def p2p_program(x):
    """One rank's point-to-point calls (every rank runs them all): the buffers it ends with."""
    from mindgrad.mint import distributed as dist
    t = ms.Tensor(x)
    buf, buf2, buf3 = (ms.Tensor(jnp.full((2,), v, jnp.float32)) for v in (0.0, -1.0, -2.0))
    dist.send(t, dst=2)
    assert dist.recv(buf, src=0) == 0          # rank 2: rank 0's x
    handle = dist.irecv(buf2, src=3)           # a recv first: it waits for the send of its group and tag
    dist.isend(ms.Tensor(x * 10), dst=1)       # rank 1: rank 3's x * 10
    handle.wait()
    handles = dist.batch_isend_irecv([dist.P2POp("isend", t, 3), dist.P2POp(dist.irecv, buf3, 1)])  # rank 3: x[1]
    assert len(handles) == 1
    return buf._arr, buf2._arr, buf3._arr


def p2p_expected():
    want = [np.zeros((4, 2), np.float32), np.full((4, 2), -1.0, np.float32), np.full((4, 2), -2.0, np.float32)]
    want[0][2], want[1][1], want[2][3] = XS[0], XS[3] * 10, XS[1]
    return want
