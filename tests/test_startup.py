"""`county-figures --help` starts without loading the heavy parts."""
import subprocess
import sys


def test_cli_import_loads_no_dictionary_and_no_pandas():
    code = ("import sys, extractor.cli; "
            "print(sorted(m for m in ('jieba', 'pandas', 'opencc', 'extractor.gazetteer', 'extractor.pipeline') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_help_works():
    out = subprocess.run([sys.executable, "-m", "extractor", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "extract" in out.stdout and "patterns" in out.stdout
