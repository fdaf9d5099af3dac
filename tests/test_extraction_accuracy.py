"""Extraction measured against a synthetic corpus's truth meets its targets.

The corpus is generated here with images; its truth is turned into raw-ad lines
(the crawler is tested on its own), extracted with OCR, and scored field by
field with the same code as ``htleads evaluate``.
"""

import json

import pytest

from extract.evaluate import evaluate_files
from extract.runner import Options, extract_file

# field: (lowest precision, lowest recall)
TARGETS = {
    "phones_text": (0.98, 0.98),
    # Numbers an ad gives only on its images, read by OCR; bench/bench_ocr.py
    # measures the same per image on larger corpora.
    "phones_image_only": (0.99, 0.95),
    "price_per_hour": (0.97, 0.97),
    "city": (0.97, 0.97),
    "age": (0.97, 0.97),
    "terms": (0.97, 0.97),
}
RAW_KEYS = ("ad_id", "title", "body", "posted_at", "location", "age")


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    from synth.corpus import generate

    folder = tmp_path_factory.mktemp("accuracy")
    corpus = folder / "corpus"
    generate(400, 11, corpus, images=True, workers=2)
    raw = corpus / "site" / "raw.jsonl"
    _raw_from_truth(corpus / "truth" / "ads.jsonl", raw)
    extracted = folder / "extracted.jsonl"
    options = Options(ocr=True, workers=2, ocr_cache=folder / "ocr.sqlite")
    summary = extract_file(raw, extracted, folder / "rejects.jsonl", options)
    assert summary.rejected == 0
    return evaluate_files(extracted, corpus)


def _raw_from_truth(truth, raw) -> None:
    with truth.open() as lines, raw.open("w") as out:
        for line in lines:
            ad = json.loads(line)
            if not ad["crawlable"]:
                continue
            record = {key: ad[key] for key in RAW_KEYS}
            record["images"] = [path.lstrip("/") for path in ad["images"]]
            record.update(site="synthetic", url=ad["url_path"])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("field", sorted(TARGETS))
def test_extraction_meets_its_accuracy_target(scores, field):
    precision, recall = TARGETS[field]
    score = scores[field]
    assert score.expected > 0
    assert score.precision >= precision, score.misses[:5]
    assert score.recall >= recall, score.misses[:5]
