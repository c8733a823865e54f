"""A LLaMA-style decoder block written only with `mindspore.mint` (issue 20 item 3), trained a few steps through
`ms.value_and_grad` in PyNative and under `ms.jit`; the losses are recorded from MindSpore 2.10's CPU build.

MindSpore's CPU build has no kernel for `mint.nn.Embedding`, `mint.stack`, `mint.arange`, `mint.outer`,
`mint.full_like` (nor `mint.index_select`, `log_softmax`, `mint.optim.AdamW`), so the recorded block embeds tokens by
a one-hot matmul (`==` against a constant of the token ids), builds the constant rotary table with `mint.cat`, masks
with `mint.where` and a constant, and takes its cross-entropy from `mint.nn.functional.softmax` and `mint.log`. It
trains with `nn.Adam` (in PyNative that build's `mint.optim.Adam` and `mint.optim.SGD` leave the Parameters
unchanged; under `ms.jit` `mint.optim.Adam` gives the same losses as `nn.Adam`). tests/test_mint_llama.py runs
the `mint.nn.Embedding` / `mint.stack` form and `mint.optim.AdamW` on mindgrad against hand-written JAX.
"""

import numpy as np

VOCAB, DIM, HEADS, HIDDEN, SEQ, BATCH, STEPS, LR = 16, 8, 2, 16, 6, 2, 4, 0.01


def tol(rtol=None, atol=None):
    def mark(fn):
        fn.rtol, fn.atol = rtol, atol
        return fn
    return mark


def data():
    """(tokens, next tokens): int32 of shape (BATCH, SEQ)."""
    rs = np.random.RandomState(0)
    tokens = rs.randint(0, VOCAB, (BATCH, SEQ + 1)).astype(np.int32)
    return tokens[:, :-1], tokens[:, 1:]


def block(ms, embedding: str = "onehot", vocab: int = VOCAB, dim: int = DIM, heads: int = HEADS,
          hidden: int = HIDDEN, seq: int = SEQ):
    """The block as a `ms.nn.Cell` class built from `ms.mint`. embedding="layer": `mint.nn.Embedding` and the rotary
    table by `mint.stack` (what MindSpore's CPU lacks); "onehot": a one-hot matmul and `mint.cat`. The sizes are
    those of the recorded cases unless given (benchmarks/mint_block.py times a larger one)."""
    mint, F = ms.mint, ms.mint.nn.functional
    head_dim = dim // heads

    class RMSNorm(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.weight = ms.Parameter(ms.Tensor(np.ones(dim, np.float32)), name="weight")

        def construct(self, x):
            return x * mint.rsqrt(mint.mean(x * x, dim=-1, keepdim=True) + 1e-6) * self.weight

    class Block(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            if embedding == "layer":
                self.embed = mint.nn.Embedding(vocab, dim)
            else:
                self.embed_table = ms.Parameter(ms.Tensor(np.zeros((vocab, dim), np.float32)), name="embed_table")
            self.attn_norm, self.mlp_norm, self.final_norm = RMSNorm(), RMSNorm(), RMSNorm()
            self.q = mint.nn.Linear(dim, dim, bias=False)
            self.k = mint.nn.Linear(dim, dim, bias=False)
            self.v = mint.nn.Linear(dim, dim, bias=False)
            self.o = mint.nn.Linear(dim, dim, bias=False)
            self.gate = mint.nn.Linear(dim, hidden, bias=False)
            self.up = mint.nn.Linear(dim, hidden, bias=False)
            self.down = mint.nn.Linear(hidden, dim, bias=False)
            self.head = mint.nn.Linear(dim, vocab, bias=False)
            inv_freq = 1.0 / 10000 ** (np.arange(0, head_dim, 2, dtype=np.float32) / head_dim)
            freqs = ms.Tensor(np.arange(seq, dtype=np.float32)).unsqueeze(1) * ms.Tensor(inv_freq)
            angles = mint.cat((freqs, freqs), dim=-1)
            if embedding == "layer":
                self.rope = mint.stack((mint.cos(angles), mint.sin(angles)))  # (2, seq, head_dim), a constant
            else:
                self.rope = mint.cat((mint.cos(angles).unsqueeze(0), mint.sin(angles).unsqueeze(0)))
            self.causal = mint.triu(mint.ones((seq, seq), dtype=ms.int32), diagonal=1) == 1
            self.masked = ms.Tensor(np.float32(-1e9))
            self.vocab = ms.Tensor(np.arange(vocab, dtype=np.int32))

        def embed_tokens(self, ids):
            if embedding == "layer":
                return self.embed(ids)
            one_hot = (ids.unsqueeze(-1) == self.vocab).astype(ms.float32)
            return mint.matmul(one_hot, self.embed_table)

        def rotate(self, x):
            half = head_dim // 2
            rotated = mint.cat((-x[..., half:], x[..., :half]), dim=-1)
            return x * self.rope[0] + rotated * self.rope[1]

        def split_heads(self, x):
            return x.reshape(x.shape[0], seq, heads, head_dim).transpose(0, 2, 1, 3)

        def construct(self, ids):
            x = self.embed_tokens(ids)
            h = self.attn_norm(x)
            q, k = self.rotate(self.split_heads(self.q(h))), self.rotate(self.split_heads(self.k(h)))
            v = self.split_heads(self.v(h))
            scores = mint.matmul(q, k.transpose(0, 1, 3, 2)) / float(np.sqrt(head_dim))
            scores = mint.where(self.causal, self.masked, scores)
            attn = mint.matmul(F.softmax(scores, dim=-1), v).transpose(0, 2, 1, 3).reshape(x.shape)
            x = x + self.o(attn)
            h = self.mlp_norm(x)
            x = x + self.down(F.silu(self.gate(h)) * self.up(h))
            return self.head(self.final_norm(x))

    return Block


def loss_fn(ms, net, vocab: int = VOCAB):
    """Mean cross-entropy of `net(ids)` against the next tokens (softmax, log and a one-hot of the targets)."""
    mint = ms.mint
    ids_range = ms.Tensor(np.arange(vocab, dtype=np.int32))

    def forward(ids, targets):
        logits = net(ids)
        target_one_hot = (targets.unsqueeze(-1) == ids_range).astype(ms.float32)
        log_probs = mint.log(ms.mint.nn.functional.softmax(logits, dim=-1))
        return -mint.mean(mint.sum(log_probs * target_one_hot, dim=-1))

    return forward


def make(ms, embedding: str = "onehot"):
    ms.set_seed(0)
    net = block(ms, embedding)()
    for i, p in enumerate(sorted(net.trainable_params(), key=lambda q: q.name)):
        rs = np.random.RandomState(100 + i)
        value = np.ones(p.shape, np.float32) if "norm" in p.name else rs.normal(0, 0.3, p.shape).astype(np.float32)
        p.set_data(ms.Tensor(value))
    return net


def train(ms, jit: bool, optimizer: str = "nn.Adam", embedding: str = "onehot", net=None):
    """The losses of STEPS training steps (of `net`, else a new `make(ms, embedding)`)."""
    net = make(ms, embedding) if net is None else net
    kind, name = optimizer.split(".")
    opt = getattr(getattr(ms, kind) if kind == "nn" else ms.mint.optim, name)(net.trainable_params(), LR)
    grad_fn = ms.value_and_grad(loss_fn(ms, net), None, opt.parameters)

    def step(ids, targets):
        loss, grads = grad_fn(ids, targets)
        opt(grads)
        return loss

    step = ms.jit(step) if jit else step
    ids, targets = (ms.Tensor(a) for a in data())
    return [float(step(ids, targets).asnumpy()) for _ in range(STEPS)]


@tol(1e-4, 1e-6)
def case_train_pynative(ms):
    return train(ms, jit=False)


@tol(1e-4, 1e-6)
def case_train_jit(ms):
    return train(ms, jit=True)

