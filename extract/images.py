"""Image fingerprints: SHA-256 of the bytes and a perceptual hash, to link ads by photo.

The SHA-256 links ads that post the very same file; the perceptual hash (pHash,
64 bits as 16 hex digits) links ads that post the same photo re-encoded,
resized or lightly edited: two pHashes a few bits apart (see :func:`hamming`)
are most likely the same picture.

Broken or undecodable bytes never raise: the record keeps the SHA-256, sets
``phash`` to ``None`` and says why in ``reason``.
"""

import hashlib
import io
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

# Larger images are not decoded (a "decompression bomb" would exhaust memory).
MAX_PIXELS = 40_000_000
# pHash reads a 32 x 32 thumbnail; decoding JPEGs at a reduced scale first is
# much faster and gives the same hash for the same file every time.
DRAFT_SIZE = (128, 128)


def hash_image(data: bytes) -> dict:
    """``{"sha256", "phash", "reason"}`` for the bytes of one image file.

    ``reason`` is ``None`` when the pHash was computed.
    """
    record = {"sha256": hashlib.sha256(data).hexdigest(), "phash": None, "reason": None}
    try:
        record["phash"] = _phash(data)
    except Exception as error:
        # Decoders fail in many ways on broken files; each is a reason, not a crash.
        record["reason"] = _reason(error)
        logger.debug("Image %s not decoded: %s", record["sha256"][:12], error)
    return record


def _reason(error: Exception) -> str:
    from PIL import UnidentifiedImageError

    if isinstance(error, UnidentifiedImageError):
        return "not an image format that Pillow can read"
    return f"cannot decode the image ({type(error).__name__}: {error})"


def hash_image_file(path: str | Path, root: str | Path | None = None) -> dict:
    """``{"path", "sha256", "phash", "reason"}`` for one file; ``path`` as given.

    ``root`` is the folder relative paths start from (the raw ads file's).
    """
    full = Path(root) / path if root is not None else Path(path)
    try:
        data = full.read_bytes()
    except OSError as error:
        logger.warning("Image %s cannot be read: %s", full, error)
        reason = f"cannot read the file: {error.strerror or error}"
        return {"path": str(path), "sha256": None, "phash": None, "reason": reason}
    return {"path": str(path), **hash_image(data)}


def image_hashes(paths: list[str], root: str | Path | None = None) -> list[dict]:
    """The extracted ad's ``image_hashes``: one record per path, in order."""
    return [hash_image_file(path, root) for path in paths]


def hamming(first: str, second: str) -> int:
    """How many bits two hex hashes of the same length differ by."""
    if len(first) != len(second):
        raise ValueError(
            f"Hashes of different lengths cannot be compared ({len(first)} and "
            f"{len(second)} hex digits); compute both with the same hash size."
        )
    return (int(first, 16) ^ int(second, 16)).bit_count()


def _phash(data: bytes) -> str:
    import imagehash
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ValueError(f"{width} x {height} pixels is more than {MAX_PIXELS}")
        image.draft("RGB", DRAFT_SIZE)
        image.load()
        return str(imagehash.phash(image))
