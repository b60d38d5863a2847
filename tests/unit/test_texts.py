from bot.texts import LANGUAGES, Safe, Texts, catalog_variables


def test_every_key_and_placeholder_in_both_languages() -> None:
    catalogs = {lang: catalog_variables(lang) for lang in LANGUAGES}
    zh, en = catalogs["zh-CN"], catalogs["en"]
    assert set(zh) == set(en), set(zh) ^ set(en)
    mismatched = {k: (zh[k], en[k]) for k in zh if zh[k] != en[k]}
    assert not mismatched


def test_user_text_is_escaped_but_safe_text_is_not() -> None:
    texts = Texts()
    out = texts.get("zh-CN", "reg-welcome", name="<i>x</i> & y", team=Safe("<b>A</b>"))
    assert "&lt;i&gt;x&lt;/i&gt; &amp; y" in out and "<b>A</b>" in out


def test_unknown_language_falls_back_to_default() -> None:
    assert Texts("zh-CN").get("fr", "btn-skip") == "跳过"
    assert Texts("en").get(None, "btn-skip") == "Skip"
