"""A MindSpore 2.x training loop: `value_and_grad`, an optimizer, a GeneratorDataset (unmodified MindSpore).

Run it with MindSpore, or on JAX with `python -m mindgrad run examples/value_and_grad_loop.py`.
"""

import numpy as np

import mindspore as ms
import mindspore.dataset as ds
from mindspore import Tensor, nn


class Network(nn.Cell):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.dense_relu_sequential = nn.SequentialCell(
            nn.Dense(4 * 4, 32),
            nn.ReLU(),
            nn.Dense(32, 32),
            nn.ReLU(),
            nn.Dense(32, 4),
        )

    def construct(self, x):
        return self.dense_relu_sequential(self.flatten(x))


def make_data(num, seed):
    """4x4 'images' whose class is the brightest quadrant."""
    rng = np.random.RandomState(seed)
    images = rng.rand(num, 4, 4).astype(np.float32)
    labels = np.zeros(num, np.int32)
    for i, label in enumerate(rng.randint(0, 4, num)):
        r, c = divmod(int(label), 2)
        images[i, 2 * r:2 * r + 2, 2 * c:2 * c + 2] += 1.0
        labels[i] = label
    return images, labels


def generator(images, labels):
    def gen():
        for image, label in zip(images, labels, strict=False):
            yield image, label
    return gen


train_images, train_labels = make_data(192, seed=0)
test_images, test_labels = make_data(64, seed=1)
train_dataset = ds.GeneratorDataset(generator(train_images, train_labels), ["image", "label"]).batch(32)
test_dataset = ds.GeneratorDataset(generator(test_images, test_labels), ["image", "label"]).batch(32)

model = Network()
rng = np.random.RandomState(42)
for param in model.trainable_params():
    bound = 1.0 / np.sqrt(param.shape[-1]) if len(param.shape) > 1 else 0.0
    param.set_data(Tensor(rng.uniform(-bound, bound, param.shape).astype(np.float32)))

loss_fn = nn.CrossEntropyLoss()
optimizer = nn.SGD(model.trainable_params(), learning_rate=0.2)


def forward_fn(data, label):
    logits = model(data)
    loss = loss_fn(logits, label)
    return loss, logits


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters, has_aux=True)


def train_step(data, label):
    (loss, _), grads = grad_fn(data, label)
    optimizer(grads)
    return loss


def train_loop(model, dataset):
    size = dataset.get_dataset_size()
    model.set_train()
    for batch, (data, label) in enumerate(dataset.create_tuple_iterator()):
        loss = train_step(data, label)
        if batch % 2 == 0:
            print(f"loss: {loss.asnumpy():>7f}  [{batch:>3d}/{size:>3d}]")


def test_loop(model, dataset, loss_fn):
    num_batches = dataset.get_dataset_size()
    model.set_train(False)
    total, test_loss, correct = 0, 0, 0
    for data, label in dataset.create_tuple_iterator():
        pred = model(data)
        total += len(data)
        test_loss += loss_fn(pred, label).asnumpy()
        correct += (pred.asnumpy().argmax(1) == label.asnumpy()).sum()
    test_loss /= num_batches
    correct /= total
    print(f"Test: \n Accuracy: {(100 * correct):>0.1f}%, Avg loss: {test_loss:>8f} \n")


for t in range(4):
    print(f"Epoch {t + 1}\n-------------------------------")
    train_loop(model, train_dataset)
    test_loop(model, test_dataset, loss_fn)
print("gradient of the loss for the first test image, norm: %.5f" % np.linalg.norm(
    ms.grad(lambda x: loss_fn(model(x), Tensor(test_labels[:1])))(Tensor(test_images[:1])).asnumpy()))
print("Done!")
