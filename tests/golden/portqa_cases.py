"""Golden cases of portqa's fixes: names and behaviours that real MindSpore scripts reached and mindgrad
lacked. Each `case_<name>(ms)` uses only `ms` (mindspore or mindgrad) and NumPy."""

import numpy as np


def case_pytype_to_dtype_types(ms):
    objs = [int, float, bool, complex, np.float32, np.int8, np.bool_, np.dtype("int16"), ms.float16, ms.int_]
    return [str(ms.pytype_to_dtype(o)) for o in objs]


def case_pytype_to_dtype_not_a_type(ms):
    return ms.pytype_to_dtype(3)


def case_pytype_to_dtype_none(ms):
    return ms.pytype_to_dtype(None)


def case_pytype_to_dtype_unsupported_type(ms):
    return ms.pytype_to_dtype(object)


def case_dtype_to_pytype(ms):
    return [ms.dtype_to_pytype(t).__name__ for t in (ms.float16, ms.float64, ms.int8, ms.uint32, ms.bool_,
                                                        ms.complex64)]


def case_get_py_obj_dtype_scalars(ms):
    return [str(ms.get_py_obj_dtype(o)) for o in (1.0, 2, True, np.float32(1.0))]


def _per_batch(ms, fn, input_columns, output_columns=None):
    d = ms.dataset.NumpySlicesDataset({"v": np.arange(8), "w": np.arange(8) + 100}, shuffle=False)
    d = d.batch(3, per_batch_map=fn, input_columns=input_columns, output_columns=output_columns)
    return [[a.tolist() for a in r] for r in d.create_tuple_iterator(output_numpy=True)]


def case_per_batch_map_rows_kept(ms):
    return _per_batch(ms, lambda v, info: ([x * 10 for x in v],), ["v"])


def case_per_batch_map_too_many_rows(ms):
    return _per_batch(ms, lambda v, info: (v * 2,), ["v"])


def case_per_batch_map_too_few_rows(ms):
    return _per_batch(ms, lambda v, w, info: (v, w[:1]), ["v", "w"])


def case_per_batch_map_new_column_rows(ms):
    return _per_batch(ms, lambda v, info: (v, v + v), ["v"], ["a", "b"])


def _history_model(ms):
    net = ms.nn.Dense(3, 1, weight_init="ones", bias_init="zeros")
    model = ms.train.Model(net, ms.nn.MSELoss(), ms.nn.SGD(net.trainable_params(), 0.05), metrics={"mae"})
    x = np.arange(24, dtype=np.float32).reshape(8, 3) / 10
    y = x.sum(1, keepdims=True) * 0.5
    return model, lambda: ms.dataset.NumpySlicesDataset({"x": x, "y": y}, shuffle=False).batch(4)


def case_history_train(ms):
    model, data = _history_model(ms)
    hist = ms.train.History()
    model.train(2, data(), callbacks=[hist], dataset_sink_mode=False)
    return hist.epoch, hist.history, type(hist.history["net_output"][0]).__name__


def case_history_fit_metrics(ms):
    model, data = _history_model(ms)
    hist = ms.train.callback.History()
    model.fit(2, data(), data(), callbacks=[hist], dataset_sink_mode=False)
    return hist.epoch, sorted(hist.history), hist.history["mae"]


def case_tensor_eq_shapes_do_not_broadcast(ms):
    return ms.Tensor(np.ones((4, 3), np.float32)) == ms.Tensor(np.ones(4, np.float32))


def case_tensor_add_shapes_do_not_broadcast(ms):
    return ms.Tensor(np.ones((4, 3), np.float32)) + ms.Tensor(np.ones((2, 1, 4), np.float32))


def case_parameter_not_in_list(ms):
    net = ms.nn.Dense(3, 4)
    weight, bias = net.trainable_params()
    return weight in [weight], bias not in [weight]


def _forward_then_grad(ms, mode, same_inputs):
    """A TrainOneStepCell subclass as model zoos write it (the loss, then GradOperation of the same network with
    sens): BatchNorm's moving mean after two steps, and the losses."""
    nn = ms.nn
    ms.set_context(mode=mode)
    try:
        class Step(nn.TrainOneStepCell):
            def construct(self, *inputs):
                loss = self.network(*inputs)
                sens = ms.ops.fill(loss.dtype, loss.shape, self.sens)
                args = inputs if same_inputs else tuple(x + 0 for x in inputs)
                grads = self.grad(self.network, self.weights)(*args, sens)
                return ms.ops.depend(loss, self.optimizer(grads))

        net = nn.SequentialCell(nn.Dense(3, 2, weight_init="ones", bias_init="zeros"),
                                nn.BatchNorm1d(2, momentum=0.5))
        step = Step(nn.WithLossCell(net, nn.L1Loss()), nn.SGD(net.trainable_params(), 0.01))
        step.set_train()
        x = ms.Tensor(np.arange(12, dtype=np.float32).reshape(4, 3))
        y = ms.Tensor(np.zeros((4, 2), np.float32))
        losses = [float(step(x, y).asnumpy()) for _ in range(2)]
        return losses, net[1].moving_mean.asnumpy().tolist(), net[1].moving_variance.asnumpy().tolist()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def case_forward_then_grad_pynative(ms):
    return _forward_then_grad(ms, ms.PYNATIVE_MODE, True)


def case_forward_then_grad_pynative_other_inputs(ms):
    return _forward_then_grad(ms, ms.PYNATIVE_MODE, False)


def case_forward_then_grad_graph(ms):
    return _forward_then_grad(ms, ms.GRAPH_MODE, True)


def case_fit_rejects_old_style_callback(ms):
    """`Model.fit` refuses a user callback with the old `step_end`-style methods (`train` takes it)."""
    class Old(ms.train.Callback):
        def step_end(self, run_context):
            pass

    net = ms.nn.Dense(3, 1)
    model = ms.Model(net, ms.nn.MSELoss(), ms.nn.SGD(net.trainable_params(), 0.01), metrics={"loss"})
    data = ms.dataset.NumpySlicesDataset((np.ones((8, 3), np.float32), np.ones((8, 1), np.float32)),
                                         shuffle=False).batch(4)
    model.train(1, data, callbacks=[Old()])
    model.fit(1, data, data, callbacks=[Old()])
