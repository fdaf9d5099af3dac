"""Contacts: e-mail addresses (plain and disguised), handles and websites."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.contacts import find_contacts, find_emails, find_handles, find_websites


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Email booking@velvetmoon.example for bookings", "booking@velvetmoon.example"),
        ("Emel Booking@VelvetMoon.Example", "booking@velvetmoon.example"),
        ("amy.lee@mail.com.my", "amy.lee@mail.com.my"),
        ("write to name@gmail.com.", "name@gmail.com"),
        ("amy at gmail dot com", "amy@gmail.com"),
        ("amy AT gmail DOT com", "amy@gmail.com"),
        ("amy[at]mail(dot)com", "amy@mail.com"),
        ("amy (at) yahoo (dot) com (dot) my", "amy@yahoo.com.my"),
        ("amy @ gmail dot com", "amy@gmail.com"),
        ("amy {at} mail [dot] net", "amy@mail.net"),
        ("amy＠gmail．com", "amy@gmail.com"),
    ],
)
def test_email_plain_or_disguised_is_found_in_lower_case(text, email):
    assert find_emails(text) == [email]


@pytest.mark.parametrize(
    "text",
    [
        "Incall at my place, outcall at hotels",
        "meet at the hotel. com",
        "I am at hotel dot com",
        "what@ever",
        "Call @ RM300",
    ],
)
def test_sentences_with_at_are_not_addresses(text):
    assert find_emails(text) == []


@pytest.mark.parametrize(
    ("text", "platform", "handle"),
    [
        ("wa.me/60123456789", "whatsapp", "60123456789"),
        ("https://api.whatsapp.com/send?phone=60123456789", "whatsapp", "60123456789"),
        ("t.me/amy_kl", "telegram", "amy_kl"),
        ("Telegram @amy_kl", "telegram", "amy_kl"),
        ("tg @amykl", "telegram", "amykl"),
        ("twitter.com/syn_x", "twitter", "syn_x"),
        ("https://x.com/Syn_X", "twitter", "syn_x"),
        ("Follow us on Twitter @syn_orchidlounge", "twitter", "syn_orchidlounge"),
        ("Ikut kami di Twitter @syn_kenangasocial", "twitter", "syn_kenangasocial"),
        ("推特 @syn_pearltower", "twitter", "syn_pearltower"),
        ("WeChat: amy88", "wechat", "amy88"),
        ("wechat ID：Amy88", "wechat", "amy88"),
        ("微信号amy88", "wechat", "amy88"),
        ("Line ID: amy88", "line", "amy88"),
        ("line: amy88", "line", "amy88"),
        ("line.me/ti/p/~amy88", "line", "amy88"),
        ("instagram.com/amy.kl", "instagram", "amy.kl"),
        ("IG: amy.kl", "instagram", "amy.kl"),
        ("fb.com/amy.lee.kl", "facebook", "amy.lee.kl"),
    ],
)
def test_handle_is_read_from_links_and_platform_names(text, platform, handle):
    assert find_handles(text) == [{"platform": platform, "handle": handle}]


@pytest.mark.parametrize(
    "text",
    [
        "on the line amy88",
        "WeChat me",
        "@ Bukit Bintang",
        "call @RM300",
        "x.com/intent/tweet",
        "电话/微信: 012-345 6789",
        "微信: kosong satu dua 3456789",
        "WeChat: o1oh42nine4dualapansix",
    ],
)
def test_words_and_numbers_are_not_handles(text):
    assert find_handles(text) == []


@pytest.mark.parametrize(
    ("text", "websites"),
    [
        ("visit www.escortkl.com/girls", ["escortkl.com"]),
        ("escortkl.com", ["escortkl.com"]),
        ("https://www.velvetmoon.example", ["velvetmoon.example"]),
        ("see http://my-site.com.my/a?b=1 and foo.net", ["my-site.com.my", "foo.net"]),
        ("amy@gmail.com and www.amy.com", ["amy.com"]),
        ("t.me/amy and wa.me/60123456789", []),
        ("RM1.5k P.J. K.L. e.g. 1.5hr", []),
    ],
)
def test_websites_are_hosts_other_than_addresses_and_profiles(text, websites):
    assert find_websites(text) == websites


def test_everything_is_returned_once_in_order():
    text = "amy@x.com, AMY@X.COM; WeChat: amy88 and wechat amy88; www.a.com a.com"
    assert find_contacts(text) == {
        "emails": ["amy@x.com"],
        "handles": [{"platform": "wechat", "handle": "amy88"}],
        "websites": ["a.com"],
    }


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_text_is_read_without_error(text):
    found = find_contacts(text)
    assert set(found) == {"emails", "handles", "websites"}


@settings(max_examples=10, deadline=None)
@given(st.text(alphabet="ab@. [at]dotcom/wechat:", min_size=1, max_size=30))
def test_giant_text_is_read_without_error(chunk):
    assert isinstance(find_contacts(chunk * 3000), dict)
