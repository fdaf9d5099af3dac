"""Ordinary ad wording in English, Malay and Chinese, free of red-flag terms.

Templates take ``{name}``, ``{place}``, ``{age}`` and the like; the numbers
they carry (ages, heights, sizes, times, dates, references) look like digits
an extractor might take for a phone, which is the point.
"""

import random
from functools import cache
from string import Formatter

NAMES = (
    "Mei", "Lily", "Anna", "Sara", "Nina", "Jenny", "Amy", "Rose", "Kiki", "Yuna",
    "Mira", "Lina", "Suzy", "Tina", "Vivi", "Dara", "Ayu", "Linda", "Cindy", "Jojo",
)  # fmt: skip

TITLES = {
    "en": (
        "{adj} {noun} in {place}",
        "{adj} {noun} available tonight",
        "{noun} {place} - incall & outcall",
        "{adj} {noun}, {age}yo",
        "Relaxing massage by {name}",
        "{name} - {adj} {noun} at {place}",
        "VIP {noun} {place}",
    ),
    "ms": (
        "{adj} {noun} di {place}",
        "Urut santai di {place}",
        "{noun} {adj} - {name}",
        "{noun} {place}, incall & outcall",
    ),
    "zh": (
        "{place}{adj}{noun}",
        "{name} {adj}{noun} {place}",
        "{place} 按摩服务",
        "{adj}{noun}, {age}岁",
    ),
}
ADJECTIVES = {
    "en": ("Sweet", "Friendly", "Charming", "Pretty", "Lovely", "Gentle", "Classy",
           "Elegant", "Cute", "Slim"),
    "ms": ("cantik", "manis", "peramah", "comel", "lawa"),
    "zh": ("温柔", "漂亮", "可爱", "甜美", "性感"),
}  # fmt: skip
NOUNS = {
    "en": ("companion", "lady", "girl", "escort", "masseuse"),
    "ms": ("Awek", "Gadis", "Teman"),
    "zh": ("美女", "妹妹", "小姐"),
}

BODY = {
    "en": {
        "greeting": ("Hi gentlemen, I am {name}.", "Hello! My name is {name}.",
                     "Welcome, this is {name}."),
        "figure": ("Age {age}, height {height}cm, {weight}kg",
                   "{age} years old, {height}cm / {weight}kg",
                   "Height {height}cm, weight {weight}kg"),
        "size": ("Size {size}", "Measurements: {size}"),
        "hours": ("Available {start} to {end}", "Open daily {start} - {end}",
                  "Available 24/7", "Available from {date} to {date2}"),
        "service": ("Incall at my place in {place}, outcall to hotels",
                    "Outcall only, hotels around {place}",
                    "Clean room, aircond, parking near {place}"),
        "reference": ("Ref: {ref}", "Post no. {ref}", "Room {room}",
                      "Promo code {code}"),
        "contact": ("Call or WhatsApp {phone}", "WA: {phone}", "Contact me {phone}",
                    "SMS {phone} to book", "Tel {phone}"),
        "contact_image": ("Number in the photo", "WhatsApp the number in my picture",
                          "See photo for my contact"),
        "contact_none": ("Reply through this site only", "Message me here"),
        "closing": ("Serious customers only", "No rush service", "Thank you"),
    },
    "ms": {
        "greeting": ("Hai abang-abang, saya {name}.", "Salam, nama saya {name}."),
        "figure": ("Umur {age} tahun, tinggi {height}cm, berat {weight}kg",
                   "Tinggi {height}cm, berat {weight}kg"),
        "size": ("Saiz {size}",),
        "hours": ("Ada dari {start} hingga {end}", "Buka setiap hari {start} - {end}",
                  "Ada dari {date} hingga {date2}"),
        "service": ("Incall di {place}, outcall ke hotel",
                    "Bilik bersih, ada parking di {place}"),
        "reference": ("Rujukan: {ref}", "Bilik {room}", "Kod promo {code}"),
        "contact": ("Call / WhatsApp {phone}", "Hubungi {phone}", "WS {phone}"),
        "contact_image": ("Nombor dalam gambar", "Hubungi nombor di gambar"),
        "contact_none": ("Mesej di laman ini", "PM di sini"),
        "closing": ("Terima kasih", "Servis terbaik"),
    },
    "zh": {
        "greeting": ("你好, 我是{name}.", "大家好, 我叫{name}."),
        "figure": ("{age}岁, 身高{height}cm, 体重{weight}kg",
                   "身高{height}cm, 体重{weight}kg"),
        "size": ("三围 {size}",),
        "hours": ("服务时间 {start} - {end}", "每天 {start} 到 {end}",
                  "{date} 到 {date2} 可以预约"),
        "service": ("{place} 可以上门, 也可以来我这里", "酒店服务 {place}"),
        "reference": ("编号: {ref}", "房号 {room}"),
        "contact": ("电话/微信: {phone}", "联系 {phone}", "WhatsApp {phone}"),
        "contact_image": ("号码在图片里", "请看图片联系"),
        "contact_none": ("请在本网站留言",),
        "closing": ("谢谢", "欢迎预约"),
    },
}  # fmt: skip

SOCIAL = {
    "en": ("Follow us on Twitter @{handle}", "Email {email} for bookings"),
    "ms": ("Ikut kami di Twitter @{handle}", "Emel {email}"),
    "zh": ("推特 @{handle}", "邮件 {email}"),
}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
          "Nov", "Dec")  # fmt: skip
CLOCK = ("10am", "11am", "12pm", "2pm", "6pm", "8pm", "10:30pm", "11pm", "2am", "3am",
         "4am", "11:00", "13:30", "23:00", "03:00")  # fmt: skip


def fill(templates: tuple[str, ...], values: dict, rng: random.Random) -> str:
    """One of ``templates`` whose fields are all in ``values``, filled in."""
    usable = [t for t in templates if _fields(t) <= values.keys()]
    return rng.choice(usable).format(**values)


def body_line(language: str, slot: str, values: dict, rng: random.Random) -> str:
    """A body line of kind ``slot`` in ``language``."""
    return fill(BODY[language][slot], values, rng)


def title(language: str, values: dict, rng: random.Random) -> str:
    """A title in ``language``, with an adjective and a noun of its own."""
    values = {
        **values,
        "adj": rng.choice(ADJECTIVES[language]),
        "noun": rng.choice(NOUNS[language]),
    }
    return fill(TITLES[language], values, rng)


@cache
def _fields(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def size_text(rng: random.Random) -> str:
    """Body measurements such as ``34B-24-35``."""
    bust = rng.randrange(32, 38)
    return f"{bust}{rng.choice('ABCD')}-{rng.randrange(22, 28)}-{rng.randrange(33, 38)}"


def date_text(day: int, month: int, rng: random.Random) -> str:
    """A day as ads write it: ``12/6``, ``12 Jun`` or ``12/06/2015``."""
    style = rng.randrange(3)
    if style == 0:
        return f"{day}/{month}"
    if style == 1:
        return f"{day} {MONTHS[month - 1]}"
    return f"{day:02d}/{month:02d}/2015"
