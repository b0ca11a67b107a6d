import pytest

from eval.errors import InputError
from eval.ingest import read_lines, read_text


def test_bom_and_crlf_are_accepted(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffline one\r\nسطر ثان\r\n".encode())
    assert read_lines(p) == ["line one", "سطر ثان"]
    assert read_text(p) == "line one\nسطر ثان\n"


def test_invalid_utf8_names_file_line_and_byte(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"ok\nfine\nbad \xff\xfe here\n")
    with pytest.raises(InputError) as e:
        read_text(p)
    msg = str(e.value)
    assert "bad.txt:3" in msg and "invalid UTF-8" in msg and "byte 12" in msg


def test_utf16_is_rejected_with_advice(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("مرحبا\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        read_text(p)


def test_utf16_without_bom_is_rejected(tmp_path):
    p = tmp_path / "u16le.txt"
    p.write_bytes("hello world\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16"):
        read_text(p)


def test_nul_bytes_are_rejected(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes(b"one\ntwo\x00three\n")
    with pytest.raises(InputError, match=r"nul.txt:2: NUL byte"):
        read_text(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_empty_file_has_no_lines(tmp_path):
    p = tmp_path / "e.txt"
    p.write_text("")
    assert read_lines(p) == []


def test_bidi_and_html_are_kept_verbatim(tmp_path):
    text = "قال \u202eNazarbayev\u202c <script>alert(1)</script>\n"
    p = tmp_path / "x.txt"
    p.write_text(text, encoding="utf-8")
    assert read_text(p) == text
