#!/usr/bin/env bash
# Rebuilds the model files of models.sha256 from their public sources into DIR (default
# $PHOTOGATE_CACHE/models) and checks their sha256. Needs network access to GitHub and PyPI and
# Python 3 with pip; takes a few minutes. The sources and conversions are those of
# ../shared/models/PROVENANCE.md.
source "$(dirname "$0")/env.sh"
DIR="${1:-$PHOTOGATE_CACHE/models}"
mkdir -p "$DIR"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# YuNet (Apache-2.0), libfacedetection.train at a pinned commit.
YUNET_COMMIT=02246e79b1e976c83d1e135a85e0628120c93769
curl -fsSL -o "$DIR/yunet_n_dynamic.onnx" \
  "https://raw.githubusercontent.com/ShiqiYu/libfacedetection.train/$YUNET_COMMIT/onnx/yunet_n_dynamic.onnx"

# MediaPipe (Apache-2.0): the .tflite files inside the mediapipe 0.10.14 wheel, converted with
# tf2onnx 1.16.1 (TensorFlow 2.15.1), opset 13.
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q "tf2onnx==1.16.1" "tensorflow-cpu==2.15.1" "onnx" "numpy<2"
"$WORK/venv/bin/pip" download -q --no-deps --only-binary=:all: "mediapipe==0.10.14" \
  --platform manylinux_2_17_x86_64 --python-version 3.11 -d "$WORK/wheel"
(cd "$WORK" && python3 -m zipfile -e wheel/mediapipe-0.10.14-*.whl mp)
convert() { # convert TFLITE OUT
  "$WORK/venv/bin/python" -m tf2onnx.convert --tflite "$1" --opset 13 --output "$2" >/dev/null
}
MP="$WORK/mp/mediapipe/modules"
convert "$MP/face_landmark/face_landmark.tflite" "$WORK/face_landmark.onnx"
convert "$MP/iris_landmark/iris_landmark.tflite" "$WORK/iris_landmark.onnx"
convert "$MP/selfie_segmentation/selfie_segmentation.tflite" "$WORK/selfie_segmentation.tf2onnx.onnx"

# tract rejects MediaPipe's custom op Convolution2DTransposeBias: replace it by a standard ConvTranspose.
"$WORK/venv/bin/python" "$ROOT/scripts/models/fix_convtranspose.py" \
  "$WORK/selfie_segmentation.tf2onnx.onnx" "$DIR/mediapipe_selfie_segmentation_256x256.onnx"
# Half-size downloads: float32 weights stored as float16 behind a Cast that tract folds at load.
"$WORK/venv/bin/python" "$ROOT/scripts/models/weights_to_fp16.py" \
  "$WORK/face_landmark.onnx" "$DIR/mediapipe_face_landmark_468_192x192.fp16w.onnx"
"$WORK/venv/bin/python" "$ROOT/scripts/models/weights_to_fp16.py" \
  "$WORK/iris_landmark.onnx" "$DIR/mediapipe_iris_landmark_64x64.fp16w.onnx"

(cd "$DIR" && sha256sum -c "$ROOT/models.sha256")
say "models ready in $DIR"
