import pytest

from unspin.errors import InputError
from unspin.ptc import io as ptc_io
from unspin.ptc.io import Label


def test_label_files_round_trip(tmp_path):
    labels = [Label("111", "Name_Calling,Labeling", 3, 9), Label("111", "Doubt", 0, 40), Label("7", "Slogans", 5, 6)]
    path = tmp_path / "tc.tsv"
    ptc_io.write_labels(path, labels)
    assert path.read_text().splitlines()[0] == "111\tName_Calling,Labeling\t3\t9"
    assert ptc_io.read_labels(path) == labels


def test_si_files_have_three_columns_and_round_trip(tmp_path):
    labels = [Label("1", ptc_io.UNKNOWN, 0, 5), Label("2", ptc_io.UNKNOWN, 10, 12)]
    path = tmp_path / "si.tsv"
    ptc_io.write_labels(path, labels, with_technique=False)
    assert path.read_text() == "1\t0\t5\n2\t10\t12\n"
    assert ptc_io.read_labels(path) == labels


def test_article_folder_reads_ids_and_exact_text(tmp_path):
    text = "Naïve “title”\n\nCafé owners slam the plan.\n"
    (tmp_path / "article42.txt").write_text(text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored")
    articles = ptc_io.read_articles(tmp_path)
    assert articles == {"42": text}
    assert articles["42"][27:31] == "slam"  # str offsets: "ï" and "“" count as one


@pytest.mark.parametrize("row", ["1\tDoubt\tx\t5", "1\tDoubt\t5\t2", "1\t2", "1\ta\tb\t1\t2"])
def test_bad_rows_are_input_errors(tmp_path, row):
    path = tmp_path / "bad.tsv"
    path.write_text(row + "\n")
    with pytest.raises(InputError, match="line 1"):
        ptc_io.read_labels(path)


def test_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no article"):
        ptc_io.read_articles(tmp_path)


def test_files_over_the_size_limit_are_refused(tmp_path, monkeypatch):
    from unspin.errors import InputError
    from unspin.ptc import io as ptc_io

    monkeypatch.setattr(ptc_io, "MAX_INPUT_BYTES", 10)
    (tmp_path / "article1.txt").write_text("x" * 11, encoding="utf-8")
    (tmp_path / "labels.tsv").write_text("1\tDoubt\t0\t5\n", encoding="utf-8")
    with pytest.raises(InputError, match="size limit"):
        ptc_io.read_article(tmp_path / "article1.txt")
    with pytest.raises(InputError, match="size limit"):
        ptc_io.read_labels(tmp_path / "labels.tsv")
