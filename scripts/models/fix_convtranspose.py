"""Replace MediaPipe's custom op Convolution2DTransposeBias in the converted selfie segmentation model
by a standard ONNX ConvTranspose (kernel 2, stride 2) between NHWC<->NCHW transposes, and raise the
opset to 14 (HardSwish). Usage: fix_convtranspose.py IN.onnx OUT.onnx"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

source, target = sys.argv[1], sys.argv[2]
model = onnx.load(source)
graph = model.graph
weights = {init.name: init for init in graph.initializer}
position = next(i for i, node in enumerate(graph.node) if node.op_type.endswith("Convolution2DTransposeBias"))
custom = graph.node[position]
kernel = numpy_helper.to_array(weights[custom.input[1]])  # TFLite layout O, H, W, I
bias = numpy_helper.to_array(weights[custom.input[2]])
graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(kernel.transpose(3, 0, 1, 2)).astype(np.float32), "convT_weight"))
graph.initializer.append(numpy_helper.from_array(bias.astype(np.float32), "convT_bias"))
replacement = [
    helper.make_node("Transpose", [custom.input[0]], ["convT_in"], perm=[0, 3, 1, 2], name="convT_to_nchw"),
    helper.make_node("ConvTranspose", ["convT_in", "convT_weight", "convT_bias"], ["convT_out"],
                     kernel_shape=[2, 2], strides=[2, 2], name="convT"),
    helper.make_node("Transpose", ["convT_out"], [custom.output[0]], perm=[0, 2, 3, 1], name="convT_to_nhwc"),
]
del graph.node[position]
for offset, node in enumerate(replacement):
    graph.node.insert(position + offset, node)
used = {name for node in graph.node for name in node.input}
kept = [init for init in graph.initializer if init.name in used]
del graph.initializer[:]
graph.initializer.extend(kept)
for opset in model.opset_import:
    if opset.domain == "":
        opset.version = 14
onnx.checker.check_model(model)
onnx.save(model, target)
