"""Store float32 initializers of 64 or more values as float16 followed by Cast(to=float): half the
file size; tract folds the casts when it loads the model, so inference stays in float32.
Usage: weights_to_fp16.py IN.onnx OUT.onnx"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

source, target = sys.argv[1], sys.argv[2]
model = onnx.load(source)
graph = model.graph
initializers, casts = [], []
for init in graph.initializer:
    values = numpy_helper.to_array(init)
    if values.dtype == np.float32 and values.size >= 64:
        half = numpy_helper.from_array(values.astype(np.float16), init.name + "_fp16")
        initializers.append(half)
        casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT, name=init.name + "_cast"))
    else:
        initializers.append(init)
del graph.initializer[:]
graph.initializer.extend(initializers)
nodes = casts + list(graph.node)
del graph.node[:]
graph.node.extend(nodes)
onnx.checker.check_model(model)
onnx.save(model, target)
