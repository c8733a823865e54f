"""LeNet-5 trained with `Model.train` on synthetic MNIST-shaped data (a MindSpore script, unmodified).

Run it with MindSpore, or on JAX with `python -m mindgrad run examples/lenet_model_train.py`.
The weights are initialised from NumPy so that both frameworks start from the same numbers.
"""

import argparse

import numpy as np

import mindspore as ms
import mindspore.dataset as ds
from mindspore import Tensor, nn
from mindspore.common.initializer import Normal
from mindspore.train import Accuracy, LossMonitor, Model


class LeNet5(nn.Cell):
    """LeNet-5 as in MindSpore's model zoo: 1x32x32 images, 10 classes."""

    def __init__(self, num_class=10, num_channel=1):
        super().__init__()
        self.conv1 = nn.Conv2d(num_channel, 6, 5, pad_mode="valid")
        self.conv2 = nn.Conv2d(6, 16, 5, pad_mode="valid")
        self.fc1 = nn.Dense(16 * 5 * 5, 120, weight_init=Normal(0.02))
        self.fc2 = nn.Dense(120, 84, weight_init=Normal(0.02))
        self.fc3 = nn.Dense(84, num_class, weight_init=Normal(0.02))
        self.relu = nn.ReLU()
        self.max_pool2d = nn.MaxPool2d(kernel_size=2, stride=2)
        self.flatten = nn.Flatten()

    def construct(self, x):
        x = self.max_pool2d(self.relu(self.conv1(x)))
        x = self.max_pool2d(self.relu(self.conv2(x)))
        x = self.flatten(x)
        x = self.relu(self.fc1(x))
        x = self.relu(self.fc2(x))
        return self.fc3(x)


def synthetic_mnist(num, seed):
    """Ten noisy prototype digits, 1x32x32 float32 images with int32 labels."""
    rng = np.random.RandomState(seed)
    prototypes = np.random.RandomState(0).randn(10, 1, 32, 32).astype(np.float32)
    labels = rng.randint(0, 10, num).astype(np.int32)
    images = prototypes[labels] + 0.5 * rng.randn(num, 1, 32, 32).astype(np.float32)
    return images.astype(np.float32), labels


def init_weights(net, seed):
    """Set every parameter from a seeded NumPy generator (the same numbers in any framework)."""
    rng = np.random.RandomState(seed)
    for param in net.trainable_params():
        scale = 0.0 if "bias" in param.name else 1.0 / np.sqrt(np.prod(param.shape[1:]))
        param.set_data(Tensor(rng.uniform(-scale, scale, param.shape).astype(np.float32)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    images, labels = synthetic_mnist(256, seed=1)
    train_set = ds.NumpySlicesDataset({"image": images, "label": labels}, shuffle=False).batch(args.batch_size)
    test_images, test_labels = synthetic_mnist(64, seed=2)
    test_set = ds.NumpySlicesDataset((test_images, test_labels), column_names=["image", "label"],
                                     shuffle=False).batch(args.batch_size)

    net = LeNet5()
    init_weights(net, seed=3)
    loss_fn = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    optimizer = nn.Momentum(net.trainable_params(), learning_rate=0.05, momentum=0.9)
    model = Model(net, loss_fn, optimizer, metrics={"accuracy": Accuracy()})

    print("train batches per epoch:", train_set.get_dataset_size())
    model.train(args.epochs, train_set, callbacks=[LossMonitor()])
    result = model.eval(test_set)
    print("test accuracy: %.4f" % result["accuracy"])
    logits = model.predict(Tensor(test_images[:4]))
    print("predicted:", logits.asnumpy().argmax(axis=1).tolist(), "labels:", test_labels[:4].tolist())

    ms.save_checkpoint(net, "lenet.ckpt")
    restored = LeNet5()
    param_not_load, ckpt_not_load = ms.load_param_into_net(restored, ms.load_checkpoint("lenet.ckpt"))
    print("reloaded, not loaded:", param_not_load, ckpt_not_load)
    same = np.allclose(restored(Tensor(test_images[:4])).asnumpy(), logits.asnumpy(), atol=1e-6)
    print("reloaded network gives the same outputs:", same)


if __name__ == "__main__":
    main()
