"""Image fingerprints: SHA-256 always, pHash when the bytes decode, never a crash."""

import hashlib
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from extract.images import hamming, hash_image, hash_image_file, image_hashes


def photo(size=(400, 300), fmt="JPEG", quality=90) -> bytes:
    image = Image.new("RGB", (400, 300), (200, 100, 50))
    draw = ImageDraw.Draw(image)
    draw.rectangle((50, 50, 200, 200), fill=(0, 0, 255))
    draw.ellipse((220, 40, 380, 260), fill=(20, 200, 20))
    buffer = io.BytesIO()
    image.resize(size).save(
        buffer, fmt, **({"quality": quality} if fmt == "JPEG" else {})
    )
    return buffer.getvalue()


def other_photo() -> bytes:
    image = Image.new("RGB", (400, 300), (10, 10, 10))
    ImageDraw.Draw(image).polygon([(0, 300), (200, 0), (400, 300)], fill=(250, 250, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_record_holds_the_sha256_of_the_bytes_and_a_hex_phash():
    data = photo()
    record = hash_image(data)
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert len(record["phash"]) == 16
    int(record["phash"], 16)
    assert record["reason"] is None


def test_same_bytes_give_the_same_record():
    assert hash_image(photo()) == hash_image(photo())


@pytest.mark.parametrize(
    "variant",
    [
        photo(size=(200, 150), quality=60),
        photo(fmt="PNG"),
        photo(size=(800, 600), quality=40),
    ],
)
def test_reencoded_or_resized_photo_is_a_few_bits_away(variant):
    original, copy = hash_image(photo()), hash_image(variant)
    assert original["sha256"] != copy["sha256"]
    assert hamming(original["phash"], copy["phash"]) <= 6


def test_different_photos_are_far_apart():
    assert (
        hamming(hash_image(photo())["phash"], hash_image(other_photo())["phash"]) > 16
    )


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "not an image"),
        (b"not an image at all", "not an image"),
        (photo()[:300], "cannot decode"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "image"),
    ],
)
def test_broken_bytes_keep_the_sha256_and_give_a_reason(data, fragment):
    record = hash_image(data)
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["phash"] is None
    assert fragment in record["reason"]


def test_files_are_read_relative_to_a_root_and_a_missing_file_is_reported(
    tmp_path: Path,
):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.jpg").write_bytes(photo())
    first, missing = image_hashes(["img/a.jpg", "img/none.jpg"], tmp_path)
    assert first["path"] == "img/a.jpg" and first["phash"]
    assert missing == {
        "path": "img/none.jpg",
        "sha256": None,
        "phash": None,
        "reason": missing["reason"],
    }
    assert "cannot read" in missing["reason"]
    assert hash_image_file(tmp_path / "img" / "a.jpg")["sha256"] == first["sha256"]


@pytest.mark.parametrize(
    ("first", "second", "bits"),
    [
        ("0000", "0000", 0),
        ("0000", "000f", 4),
        ("ffff", "0000", 16),
        ("8000", "0001", 2),
    ],
)
def test_hamming_counts_differing_bits(first, second, bits):
    assert hamming(first, second) == bits


def test_hamming_refuses_hashes_of_different_lengths():
    with pytest.raises(ValueError, match="different lengths"):
        hamming("00", "0000")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_raise(data):
    record = hash_image(data)
    assert record["phash"] is not None or record["reason"]
