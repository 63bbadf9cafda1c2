"""The model card is generated from the exported config and dev scores, so it cannot drift."""

from __future__ import annotations

import json

from unspin.techniques import card
from unspin.techniques.model import default_dir


def _score(f1: float) -> dict:
    return {"precision": f1, "recall": f1, "f1": f1, "n_pred": 10, "n_gold": 10}


def _inputs(**training_args) -> tuple[dict, dict]:
    args = {"epochs": 4, "batch_size": 16, "lr": 8e-5, "head_lr": 5e-4, "warmup": 0.06, "max_length": 256,
            "train_stride": 192, "pos_weight_cap": 5.0, "span_loss_weight": 1.0, "structure_weight": 1.0,
            "dev_share": 0.15, "seed": 13, "out": "runs/student", **training_args}
    config = {"stride": 254, "thresholds": {"presence_mix": 0.0, "presence": 0.4, "begin": 0.5, "second_label": 0.5,
                                            "min_score": 0.2, "content_words_only": True},
              "training": {"run": "student", "checkpoint": "epoch4.pt", "int8": True, "args": args,
                           "teacher_args": dict(args, out="runs/r2", teacher=None) if args.get("teacher") else None}}
    table = {"overall": _score(0.4), "per_technique": {"Loaded_Language": _score(0.5)}}
    calibration = {"ece_raw": 0.2, "ece_cross_fitted": 0.03, "n": 100, "share_right": 0.2, "share_with_propaganda": 0.3}
    scores = {"train_articles": 264, "dev_articles": 47, "dev_gold_spans": 658, "si": table, "flc": table, "tc": table,
              "cross_fitted": {"si": {"overall": _score(0.37)}, "flc": {"overall": _score(0.17)}},
              "interval_95": {"si": [0.33, 0.46], "flc": [0.15, 0.25], "tc": [0.5, 0.6]},
              "calibration": {"span": calibration, "sentence": calibration}}
    return config, scores


def test_card_of_a_plain_run_gives_its_command_and_the_cross_fitted_scores() -> None:
    text = card.render(*_inputs())
    assert "--structure-weight 1.0" in text and "--teacher" not in text and "mpnet" not in text
    assert "| SI, thresholds tuned on the other half of dev | 0.370 | 0.370 | 0.370 | |" in text
    assert "| SI (span identification) | 0.400 | 0.400 | 0.400 | 0.330-0.460 |" in text
    assert "| Loaded_Language | 0.500 |" in text
    assert "Da San Martino" in text


def test_card_of_a_distilled_student_gives_the_teacher_and_student_commands() -> None:
    text = card.render(*_inputs(teacher="runs/r2/epoch3.pt", layers="0,2,4", teacher_weight=0.5,
                                unlabeled="../shared/ptc/unlabeled"))
    assert "--out runs/TEACHER" in text
    assert "--teacher runs/TEACHER/epoch3.pt --layers 0,2,4 --teacher-weight 0.5 --unlabeled ../shared/ptc/unlabeled" in text
    assert "cut to its layers 0,2,4" in text


def test_card_of_a_student_of_an_mpnet_teacher_gives_all_three_runs() -> None:
    config, scores = _inputs(teacher="runs/m1/epoch2.pt", teacher_encoder="/models/all-mpnet-base-v2",
                             init="runs/r2/epoch4.pt", layers="0,2,4", teacher_weight=0.5)
    base = config["training"]["args"]
    config["training"]["teacher_args"] = dict(base, out="runs/m1", teacher=None, encoder="/models/all-mpnet-base-v2",
                                              lr=4e-5, epochs=3)
    config["training"]["init_args"] = dict(base, out="runs/r2", teacher=None)
    text = card.render(config, scores)
    assert "fetch-mpnet MPNET_DIR" in text
    assert "--out runs/TEACHER --encoder MPNET_DIR --epochs 3" in text and "--lr 4e-05" in text
    assert "--out runs/INIT --epochs 4" in text
    assert ("--teacher runs/TEACHER/epoch2.pt --teacher-encoder MPNET_DIR --init runs/INIT/epoch4.pt --layers 0,2,4"
            in text)
    assert "all-mpnet-base-v2 teacher" in text and "is not shipped" in text


def test_shipped_card_states_the_shipped_config_scores() -> None:
    folder = default_dir()
    scores = json.loads((folder / "config.json").read_text())
    text = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert f"inference windows every {scores['stride']}" in text
    assert "Da San Martino" in text and "Apache-2.0" in text
