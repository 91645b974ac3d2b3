from settings import GOTO_API_BASE


def test_api_base_is_https():
    assert GOTO_API_BASE.startswith("https://")
