"""Answers and a stand-in translator with real texts in every script the bot supports.

The real catalogs are still being translated, so the report tests translate
the questionnaire's pillar titles (and, for Thai, Khmer and Burmese, the
maturity level names) with these strings. They are test data only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from questionnaires.loader import FILES_DIR, load_questionnaire
from questionnaires.model import DONT_KNOW, Questionnaire

QUESTIONNAIRE: Questionnaire = load_questionnaire(FILES_DIR / "smart-city-v1.yaml")
PILLAR_IDS = [section.id for section in QUESTIONNAIRE.sections if section.pillar]

PILLAR_NAMES: dict[str, list[str]] = {
    "en": [
        "Vision and leadership",
        "Capacity and continuity",
        "Funding, procurement and partnerships",
        "Citizen participation and inclusion",
        "Digital public services",
        "Data, privacy and cybersecurity",
        "Connectivity and infrastructure",
        "Priority outcomes and resilience",
    ],
    "fil": [
        "Bisyon at pamumuno",
        "Kakayahan at pagpapatuloy",
        "Pondo, pagbili at pakikipagtulungan",
        "Pakikilahok ng mamamayan at inklusyon",
        "Mga digital na serbisyong publiko",
        "Datos, privacy at cybersecurity",
        "Koneksyon at imprastraktura",
        "Mga prayoridad na resulta at katatagan",
    ],
    "id": [
        "Visi dan kepemimpinan",
        "Kapasitas dan keberlanjutan",
        "Pendanaan, pengadaan dan kemitraan",
        "Partisipasi warga dan inklusi",
        "Layanan publik digital",
        "Data, privasi dan keamanan siber",
        "Konektivitas dan infrastruktur",
        "Hasil prioritas dan ketahanan",
    ],
    "ms": [
        "Visi dan kepimpinan",
        "Kapasiti dan kesinambungan",
        "Pembiayaan, perolehan dan perkongsian",
        "Penyertaan rakyat dan keterangkuman",
        "Perkhidmatan awam digital",
        "Data, privasi dan keselamatan siber",
        "Kesalinghubungan dan infrastruktur",
        "Hasil keutamaan dan daya tahan",
    ],
    "th": [
        "วิสัยทัศน์และความเป็นผู้นำ",
        "ขีดความสามารถและความต่อเนื่อง",
        "งบประมาณ การจัดซื้อจัดจ้าง และความร่วมมือ",
        "การมีส่วนร่วมของประชาชนและความครอบคลุม",
        "บริการสาธารณะดิจิทัล",
        "ข้อมูล ความเป็นส่วนตัว และความมั่นคงปลอดภัยไซเบอร์",
        "การเชื่อมต่อและโครงสร้างพื้นฐาน",
        "ผลลัพธ์สำคัญและความพร้อมรับมือภัย",
    ],
    "zh_Hant": [
        "願景與領導",
        "能力與延續性",
        "資金、採購與夥伴關係",
        "市民參與與包容",
        "數位公共服務",
        "資料、隱私與資訊安全",
        "連線與基礎設施",
        "優先成果與韌性",
    ],
    "km": [
        "ចក្ខុវិស័យ និងភាពជាអ្នកដឹកនាំ",
        "សមត្ថភាព និងនិរន្តរភាព",
        "ហិរញ្ញប្បទាន លទ្ធកម្ម និងភាពជាដៃគូ",
        "ការចូលរួមរបស់ពលរដ្ឋ និងបរិយាប័ន្ន",
        "សេវាសាធារណៈឌីជីថល",
        "ទិន្នន័យ ឯកជនភាព និងសន្តិសុខតាមប្រព័ន្ធអ៊ីនធឺណិត",
        "ការតភ្ជាប់ និងហេដ្ឋារចនាសម្ព័ន្ធ",
        "លទ្ធផលអាទិភាព និងភាពធន់",
    ],
    "my": [
        "မျှော်မှန်းချက်နှင့် ခေါင်းဆောင်မှု",
        "စွမ်းရည်နှင့် ရေရှည်တည်တံ့မှု",
        "ရန်ပုံငွေ၊ ဝယ်ယူရေးနှင့် မိတ်ဖက်ဆောင်ရွက်မှု",
        "ပြည်သူ့ပါဝင်မှုနှင့် အားလုံးပါဝင်နိုင်မှု",
        "ဒစ်ဂျစ်တယ် အများပြည်သူဝန်ဆောင်မှု",
        "ဒေတာ၊ ကိုယ်ရေးလုံခြုံမှုနှင့် ဆိုက်ဘာလုံခြုံရေး",
        "ချိတ်ဆက်မှုနှင့် အခြေခံအဆောက်အအုံ",
        "ဦးစားပေးရလဒ်များနှင့် ကြံ့ခိုင်မှု",
    ],
    "mn": [
        "Алсын хараа ба манлайлал",
        "Чадавх ба тасралтгүй байдал",
        "Санхүүжилт, худалдан авалт ба түншлэл",
        "Иргэдийн оролцоо ба хүртээмж",
        "Цахим төрийн үйлчилгээ",
        "Мэдээлэл, нууцлал ба кибер аюулгүй байдал",
        "Холболт ба дэд бүтэц",
        "Тэргүүлэх үр дүн ба тэсвэртэй байдал",
    ],
    "si": [
        "දැක්ම සහ නායකත්වය",
        "ධාරිතාව සහ අඛණ්ඩතාව",
        "අරමුදල්, ප්‍රසම්පාදනය සහ හවුල්කාරිත්ව",
        "පුරවැසි සහභාගිත්වය සහ ඇතුළත් කිරීම",
        "ඩිජිටල් රාජ්‍ය සේවා",
        "දත්ත, පෞද්ගලිකත්වය සහ සයිබර් ආරක්ෂාව",
        "සම්බන්ධතාව සහ යටිතල පහසුකම්",
        "ප්‍රමුඛ ප්‍රතිඵල සහ ඔරොත්තු දීමේ හැකියාව",
    ],
    "ta": [
        "தொலைநோக்கு மற்றும் தலைமைத்துவம்",
        "திறன் மற்றும் தொடர்ச்சி",
        "நிதி, கொள்முதல் மற்றும் கூட்டாண்மைகள்",
        "குடிமக்கள் பங்கேற்பு மற்றும் உள்ளடக்கம்",
        "டிஜிட்டல் பொதுச் சேவைகள்",
        "தரவு, தனியுரிமை மற்றும் இணையப் பாதுகாப்பு",
        "இணைப்பு மற்றும் உள்கட்டமைப்பு",
        "முன்னுரிமை விளைவுகள் மற்றும் மீள்திறன்",
    ],
}

LEVEL_NAMES: dict[str, list[str]] = {
    "th": ["ยังไม่เริ่ม", "กำลังสำรวจ", "มีการกำหนดแล้ว", "บูรณาการ", "เป็นผู้นำ"],
    "km": ["មិនទាន់ចាប់ផ្តើម", "កំពុងស្វែងយល់", "បានកំណត់", "សមាហរណកម្ម", "នាំមុខ"],
    "my": ["မစတင်ရသေး", "စူးစမ်းဆဲ", "သတ်မှတ်ပြီး", "ပေါင်းစည်းပြီး", "ဦးဆောင်နေ"],
}

# A city in each language's script, typed by the respondent and shown as written.
CITY_NAMES: dict[str, str] = {
    "en": "Da Nang",
    "fil": "Lungsod ng Naga",
    "id": "Kota Malang",
    "ms": "Bandaraya Ipoh",
    "th": "เชียงใหม่",
    "zh_Hant": "臺南市",
    "km": "សៀមរាប",
    "my": "မန္တလေး",
    "mn": "Дархан",
    "si": "මහනුවර",
    "ta": "யாழ்ப்பாணம்",
}

LOCALES = tuple(PILLAR_NAMES)


@dataclass(frozen=True)
class SampleTranslator:
    """A translator of the questionnaire's pillar titles and level names; English elsewhere."""

    locale: str
    texts: Mapping[str, str] = field(default_factory=dict)

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return singular if count == 1 else plural

    def text(self, source: str) -> str:
        return self.texts.get(source, source)

    def number(self, value: int | float | Decimal) -> str:
        return format_decimal(value, locale=Locale.parse(self.locale))


def sample_translator(locale: str) -> SampleTranslator:
    texts = {
        section.title: name
        for section, name in zip(
            [s for s in QUESTIONNAIRE.sections if s.pillar], PILLAR_NAMES[locale], strict=True
        )
    }
    for level, name in zip(
        QUESTIONNAIRE.maturity_levels, LEVEL_NAMES.get(locale, []), strict=False
    ):
        texts[level.name] = name
    return SampleTranslator(locale, texts)


def sample_answers(
    locale: str = "en", levels: Mapping[str, Any] | None = None, target: int = 4
) -> dict[str, Any]:
    """Answer every question: each pillar's scored questions at its level (default 3)."""
    levels = levels or {}
    answers: dict[str, Any] = {
        "city_name": CITY_NAMES[locale],
        "country": "thailand",
        "population": "1250000",
        "respondent_role": "mayor",
        "plan_name": "Smart City Master Plan 2022-2027",
        "it_staff": "42",
        "funding_sources": ["own_budget", "national"],
        "offline_groups": ["older_people", "rural"],
        "services_online_share": "37.5",
        "online_payment": "yes",
        "has_operations_centre": "no",
        "top_challenges": ["disasters", "mobility", "utilities"],
        "flagship_project": f"{CITY_NAMES[locale]}: flood sensors <b>& early warning</b>",
    }
    for section in QUESTIONNAIRE.sections:
        if not section.pillar:
            continue
        for question in section.scored_questions():
            answers[question.id] = levels.get(section.id, 3)
        target_question = section.target_question()
        if target_question is not None:
            answers[target_question.id] = target
    return answers


def all_dont_know(locale: str = "en") -> dict[str, Any]:
    return sample_answers(locale, {pillar_id: DONT_KNOW for pillar_id in PILLAR_IDS})
